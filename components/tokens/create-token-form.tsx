"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

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
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
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
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
      <FormMessage state={state} />
      {state?.secret ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <label htmlFor="new-token" className="label">
            Your new token (shown once)
          </label>
          <div className="flex gap-2">
            <input id="new-token" readOnly value={state.secret} className="input font-mono text-xs" data-testid="new-token" onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className="btn-secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(state.secret ?? "");
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="mt-2 text-xs text-slate-600">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>.
          </p>
        </div>
      ) : null}
    </div>
  );
}
