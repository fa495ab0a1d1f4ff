"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

export function SlackWebhookForm({
  action,
  hidden,
  groups,
  current,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  groups: { key: string; label: string }[];
  current: { urlHint: string; groups: string[] } | null;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Field
        label={current ? `Replace the webhook URL (now ${current.urlHint})` : "Incoming webhook URL"}
        name="url"
        state={state}
        type="url"
        placeholder="https://hooks.slack.com/services/…"
        autoComplete="off"
        required
        hint="Kept encrypted; never shown again in full."
      />
      <fieldset>
        <legend className="text-sm font-medium">Events sent (none ticked: all)</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {groups.map((g) => (
            <label key={g.key} className="inline-flex items-center gap-1 text-sm">
              <input type="checkbox" name={`group_${g.key}`} defaultChecked={current?.groups.includes(g.key)} /> {g.label}
            </label>
          ))}
        </div>
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton>{current ? "Replace Slack webhook" : "Save Slack webhook"}</SubmitButton>
    </form>
  );
}
