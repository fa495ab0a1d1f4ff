"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

export function InviteForm({
  action,
  org,
  roles,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  org: string;
  roles: { value: string; label: string; description: string }[];
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" noValidate>
        <input type="hidden" name="org" value={org} />
        <Field label="E-mail (optional)" name="email" type="email" state={state} maxLength={254} hint="If given, only this address can use the link." />
        <Field label="Role" name="role" as="select" state={state} defaultValue="ENGINEER">
          {roles.map((r) => (
            <option key={r.value} value={r.value} title={r.description}>
              {r.label}
            </option>
          ))}
        </Field>
        <div className="sm:pt-6">
          <SubmitButton pendingText="Creating…">Create invite link</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {state?.secret ? (
        <div>
          <label htmlFor="invite-link" className="label">
            Invitation link (shown once)
          </label>
          <input
            id="invite-link"
            readOnly
            value={state.secret}
            className="input font-mono text-xs"
            data-testid="invite-link"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
    </div>
  );
}
