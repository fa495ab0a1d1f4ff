"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage, SubmitButton } from "@/components/forms/fields";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

export function AddRelationForm({
  action,
  hidden,
  label,
  suggestions,
}: {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  suggestions: string[];
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label htmlFor="relation-target" className="label">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id="relation-target"
          name="targetKey"
          list="relation-suggestions"
          required
          maxLength={2000}
          className="input py-1.5"
          aria-invalid={state?.fields?.targetKey ? true : undefined}
        />
        <datalist id="relation-suggestions">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <SubmitButton className="btn-secondary" pendingText="Adding…">
          Add
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RemoveRelationButton({ action, hidden, label }: { action: Action; hidden: Record<string, string>; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="text-xs text-red-700 underline-offset-2 hover:underline" disabled={pending} aria-label={label}>
        Remove
      </button>
      {state?.error ? (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
