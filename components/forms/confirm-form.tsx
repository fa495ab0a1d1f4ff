"use client";

import { useActionState, useRef } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage } from "./fields";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
};

/** A destructive action behind a confirmation dialog (a native <dialog>: focus-trapped, Escape cancels). */
export function ConfirmForm({ action, hidden, label, title, body, confirmLabel, danger = true }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <div>
      <button type="button" className={danger ? "btn-secondary text-red-700" : "btn-secondary"} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <FormMessage state={state} />
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby={`${label}-title`}>
        <form
          action={(formData) => {
            dialog.current?.close();
            formAction(formData);
          }}
          className="space-y-4 p-6"
        >
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <h2 id={`${label}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{body}</p>
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </button>
            <button type="submit" className={danger ? "btn-danger" : "btn-primary"} disabled={pending}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
