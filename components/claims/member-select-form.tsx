"use client";

import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage, SubmitButton } from "@/components/forms/fields";

/** Choose a member and submit: hand a claim over, or claim an item for someone. */
export function MemberSelectForm({
  action,
  hidden,
  members,
  label,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  members: { id: string; name: string }[];
  label: string;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const id = useId();
  if (members.length === 0) return null;
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="flex gap-2">
        <select id={id} name="holderId" className="input py-1.5" required defaultValue="">
          <option value="" disabled>
            Choose a member…
          </option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <SubmitButton className="btn-secondary" pendingText="…">
          {submitLabel}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
