"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

/** Project Settings → Coding agents: the limits on what agents hold at once, and query values in briefs. */
export function AgentSettingsForm({
  action,
  hidden,
  values,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  values: { agentLimitPerToken: string; agentLimitTotal: string; briefQueryValues: boolean };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Items one agent token may hold"
          name="agentLimitPerToken"
          state={state}
          defaultValue={values.agentLimitPerToken}
          type="number"
          min={0}
          max={100}
          required
          hint="0 stops agents claiming."
        />
        <Field
          label="Items all agents may hold together"
          name="agentLimitTotal"
          state={state}
          defaultValue={values.agentLimitTotal}
          type="number"
          min={0}
          max={100}
          required
        />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="briefQueryValues" defaultChecked={values.briefQueryValues} className="mt-1" />
        <span>
          Briefs may show logged query values
          <span className="block text-slate-600">Off: a logged request shows as /orders?page=…, its values redacted.</span>
        </span>
      </label>
      <FormMessage state={state} />
      <SubmitButton>Save agent settings</SubmitButton>
    </form>
  );
}
