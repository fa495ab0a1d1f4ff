"use client";

import { createContext, useContext, useEffect, useRef, useState, useTransition } from "react";

export type ToastMessage = { text: string; error?: boolean; undo?: () => Promise<{ ok: boolean; error?: string }> };

const ToastContext = createContext<((toast: ToastMessage) => void) | null>(null);

/** The page's toast, if a ToastProvider is above: null otherwise. */
export function useToast() {
  return useContext(ToastContext);
}

/**
 * One toast for the pages below (the project's tabs): it says what a quick action changed and
 * offers Undo for ten seconds. It lives in the layout, not beside the button, so it outlasts the
 * row that a change removes (Mark ported on My work takes the item off the list). A polite live
 * region (always in the page, so that screen readers hear what enters it) announces it.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toast, setToast] = useState<(ToastMessage & { id: number }) | null>(null);
  const [pending, start] = useTransition();
  const next = useRef(0);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 10_000);
    return () => clearTimeout(timer);
  }, [toast]);
  const show = (message: ToastMessage) => setToast({ ...message, id: ++next.current });
  const undo = (work: NonNullable<ToastMessage["undo"]>) =>
    start(async () => {
      const result = await work();
      show(result.ok ? { text: "Undone." } : { text: result.error ?? "Could not undo.", error: true });
    });
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div aria-live="polite" aria-atomic="true" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
        {toast ? (
          <div
            key={toast.id}
            data-testid="toast"
            className={`pointer-events-auto flex max-w-full items-center gap-3 rounded-md px-4 py-2 text-sm shadow-lg ${toast.error ? "border border-red-200 bg-red-50 text-red-800" : "bg-slate-800 text-white"}`}
          >
            <span className="min-w-0 break-words">{toast.text}</span>
            {toast.undo ? (
              <button type="button" className="shrink-0 font-semibold underline" disabled={pending} onClick={() => undo(toast.undo!)}>
                Undo
              </button>
            ) : null}
            <button type="button" className="shrink-0 px-1 leading-none opacity-80 hover:opacity-100" aria-label="Dismiss" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}
