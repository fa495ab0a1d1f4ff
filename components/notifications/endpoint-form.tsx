"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { SecretReveal } from "@/components/forms/secret-reveal";

export function WebhookEndpointForm({
  action,
  hidden,
  events,
  mayAddOrgWide,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  events: string[];
  mayAddOrgWide: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Field label="Endpoint URL" name="url" state={state} type="url" placeholder="https://ci.example.com/waypoint-events" autoComplete="off" required />
      <Field label="Description" name="description" state={state} maxLength={200} />
      {mayAddOrgWide ? (
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="orgWide" /> For every project of the organisation
        </label>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium">Events sent (none ticked: all)</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-3">
          {events.map((e) => (
            <label key={e} className="inline-flex items-center gap-1 font-mono text-xs">
              <input type="checkbox" name={`event_${e}`} /> {e}
            </label>
          ))}
        </div>
      </fieldset>
      {state?.secret ? (
        <SecretReveal id="webhook-secret" label="Signing secret" secret={state.secret}>
          Copy it now: it is not shown again. Verify each request&apos;s webhook-signature with it (any Standard Webhooks library).
        </SecretReveal>
      ) : null}
      <FormMessage state={state} />
      <SubmitButton>Add webhook</SubmitButton>
    </form>
  );
}
