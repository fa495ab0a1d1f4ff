"use client";

import { useId, useRef } from "react";

type Props = {
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  danger?: boolean;
  disabled?: boolean;
  className?: string;
};

/**
 * A button that asks first, in the page (a native modal <dialog>: focus moves into it and stays
 * there, Escape cancels, focus returns to the button), then calls `onConfirm`. For confirmations
 * that are not a server-action form (those use ConfirmForm). Never `window.confirm`.
 */
export function ConfirmDialogButton({ label, title, body, confirmLabel, onConfirm, danger = false, disabled, className = "btn-secondary" }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] max-w-none rounded-lg p-6 text-left shadow-xl"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={`${id}-body`} className="mt-2 text-sm text-slate-600">
          {body}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn-secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? "btn-danger" : "btn-primary"}
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
