"use client";

import { useActionState, useId, useRef } from "react";
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
  /** The button's name for screen readers when the label alone is ambiguous in a list ("Remove"). */
  accessibleName?: string;
  buttonClassName?: string;
  /** "inline": a small button whose error shows under it, for one per row of a list. */
  variant?: "block" | "inline";
  /** Fields asked for in the dialog (a reason), sent with the hidden ones. */
  fields?: React.ReactNode;
};

/**
 * A destructive action behind a confirmation dialog (a native <dialog>: focus-trapped, Escape
 * cancels). Ids come from useId, so a list may hold one per row.
 */
export function ConfirmForm({
  action,
  hidden,
  label,
  title,
  body,
  confirmLabel,
  danger = true,
  accessibleName,
  buttonClassName,
  variant = "block",
  fields,
}: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <div className={variant === "inline" ? "inline-flex flex-col items-end gap-1" : undefined}>
      <button
        type="button"
        className={buttonClassName ?? (danger ? "btn-secondary text-red-700" : "btn-secondary")}
        aria-label={accessibleName}
        onClick={() => dialog.current?.showModal()}
        disabled={pending}
      >
        {label}
      </button>
      {variant === "inline" ? (
        state?.error ? (
          <span role="alert" className="text-xs text-red-700">
            {state.error}
          </span>
        ) : null
      ) : (
        <FormMessage state={state} />
      )}
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] max-w-none rounded-lg p-0 text-left shadow-xl"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
      >
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
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <p id={`${id}-body`} className="text-sm text-slate-600">
            {body}
          </p>
          {fields}
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
