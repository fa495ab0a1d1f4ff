"use client";

import { useId, useRef, useState } from "react";
import type { GateRefusal } from "@/lib/actions/action-state";
import { GATE_ACTIONS, refusalHeadline } from "@/lib/inventory/evidence-format";

/** Copies a command to the clipboard; says so for a moment (and falls back to selecting it). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <button
      type="button"
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100"
      onClick={() => {
        const done = (ok: boolean) => {
          setCopied(ok ? "yes" : "no");
          setTimeout(() => setCopied(null), 2_000);
        };
        if (navigator.clipboard)
          navigator.clipboard.writeText(text).then(
            () => done(true),
            () => done(false),
          );
        else done(false);
      }}
    >
      <span aria-live="polite">{copied === "yes" ? "Copied" : copied === "no" ? "Select and copy it" : label}</span>
    </button>
  );
}

/** One missing piece's "how to get it": the command, selectable, with a copy button. */
export function HowToGet({ text }: { text: string }) {
  return (
    <div className="mt-1 flex items-start gap-2">
      <code className="block min-w-0 flex-1 rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">{text}</code>
      <CopyButton text={text} />
    </div>
  );
}

/**
 * A gate's 409 in full: which items miss what, why, and how to get it — and, for a manager, an
 * override with a reason (which the change records). `onOverride` resubmits with that reason.
 */
export function GateRefusalPanel({
  refusal,
  message,
  mayOverride,
  onOverride,
  pending = false,
}: {
  refusal: GateRefusal;
  /** The server's message, kept for screen readers and as the panel's description. */
  message: string;
  mayOverride: boolean;
  onOverride?: (reason: string) => void;
  pending?: boolean;
}) {
  const id = useId();
  return (
    <div
      role="alert"
      aria-describedby={`${id}-message`}
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
      data-testid="gate-refusal"
    >
      <p className="font-semibold">{refusalHeadline(refusal.gate, refusal.unmet, refusal.unmetCount)}</p>
      <p id={`${id}-message`} className="sr-only">
        {message}
      </p>
      <ul className="space-y-2">
        {refusal.unmet.map((item) => (
          <li key={item.itemId}>
            {refusal.unmet.length > 1 ? <p className="font-mono text-xs font-semibold">{item.key}</p> : null}
            <ul className="space-y-2">
              {item.missing.map((m, i) => (
                <li key={i} data-testid="gate-missing">
                  <p>
                    <strong>{m.requirement}</strong>
                    {m.profile ? ` (profile ${m.profile})` : ""}: {m.reason}.
                  </p>
                  <HowToGet text={m.howToGet} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {refusal.unmetCount > refusal.unmet.length ? <p>…and {refusal.unmetCount - refusal.unmet.length} more items.</p> : null}
      {mayOverride && onOverride ? (
        <GateOverrideForm gateAction={GATE_ACTIONS[refusal.gate]} onOverride={onOverride} pending={pending} />
      ) : (
        <p className="text-xs">Post the missing evidence (each entry says how); a manager or an admin may override the gate with a reason.</p>
      )}
    </div>
  );
}

/**
 * "Override with a reason": a required reason, then a confirmation dialog (native <dialog>: focus
 * stays in it, Escape cancels), then `onOverride(reason)`. The server checks the role again.
 */
export function GateOverrideForm({ gateAction, onOverride, pending }: { gateAction: string; onOverride: (reason: string) => void; pending: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  if (!open)
    return (
      <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => setOpen(true)}>
        Override with a reason…
      </button>
    );
  const submit = () => {
    if (reason.trim().length < 3) {
      setError("Say why, in a few words (it is kept in the history).");
      return;
    }
    setError(null);
    dialog.current?.showModal();
  };
  return (
    <div className="space-y-2 rounded-md border border-amber-200 bg-white p-2" role="group" aria-label="Override the gate">
      <label htmlFor={`${id}-reason`} className="label">
        Why override the gate
      </label>
      <input
        id={`${id}-reason`}
        className="input"
        value={reason}
        maxLength={500}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        autoFocus
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          // Enter confirms this small form, not the form around it (the item's edit form).
          if (e.key === "Enter") {
            e.preventDefault();
            submit();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          Kept in the item&apos;s history with what was missing.
        </p>
      )}
      <div className="flex gap-2">
        <button type="button" className="btn-primary px-2 py-1 text-xs" disabled={pending} onClick={submit}>
          Override and {gateAction}…
        </button>
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] max-w-none rounded-lg p-6 text-left shadow-xl"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Override the gate and {gateAction}?
        </h2>
        <p id={`${id}-body`} className="mt-2 text-sm text-slate-600">
          The evidence the gate asks for is missing. The override, your reason (“{reason.trim()}”) and what was missing are recorded.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn-secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="btn-danger"
            onClick={() => {
              dialog.current?.close();
              setOpen(false);
              onOverride(reason.trim());
            }}
          >
            Override
          </button>
        </div>
      </dialog>
    </div>
  );
}
