"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

export function ClaimSettingsForm({
  action,
  hidden,
  values,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  values: { claimLimit: string; claimDays: string; staleAfterDays: string };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Active claims per person" name="claimLimit" state={state} defaultValue={values.claimLimit} type="number" min={1} max={50} required />
        <Field
          label="Days to finish a claim"
          name="claimDays"
          state={state}
          defaultValue={values.claimDays}
          type="number"
          min={1}
          max={365}
          required
          hint="A new claim's expected finish."
        />
        <Field
          label="Stale after (days without change)"
          name="staleAfterDays"
          state={state}
          defaultValue={values.staleAfterDays}
          type="number"
          min={1}
          max={365}
          required
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Save claim settings</SubmitButton>
    </form>
  );
}
