"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { SecretReveal } from "@/components/forms/secret-reveal";

export function CreateTokenForm({
  action,
  org,
  projectId,
  roles,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  org: string;
  projectId: string;
  roles: { value: string; label: string }[];
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_12rem_14rem_auto] sm:items-end">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="projectId" value={projectId} />
        <Field label="Token name" name="name" state={state} required maxLength={120} placeholder="CI on main" />
        <Field label="Acts as" name="role" as="select" state={state} defaultValue="ENGINEER">
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Field>
        <Field label="For" name="scope" as="select" state={state} defaultValue="API">
          <option value="API">The API (by its role)</option>
          <option value="ROUTING">A proxy: reads routing only</option>
          <option value="EVIDENCE">CI: posts evidence only</option>
        </Field>
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
      <FormMessage state={state} />
      {state?.secret ? (
        <SecretReveal key={state.secret} id="new-token" label="Your new token (shown once)" secret={state.secret}>
          Send it as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>.
        </SecretReveal>
      ) : null}
    </div>
  );
}
