"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { SecretReveal } from "@/components/forms/secret-reveal";

/**
 * A new token. Managers choose what it is for; "Coding agent" asks for its owner (the member the
 * agent works for). Members who may not manage tokens get `agentOnly`: a coding agent's token for
 * themselves, nothing else.
 */
export function CreateTokenForm({
  action,
  org,
  projectId,
  roles,
  owners,
  me,
  agentOnly = false,
  appOrigin,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  org: string;
  projectId: string;
  roles: { value: string; label: string }[];
  /** Who may own a coding agent's token (members who may claim). */
  owners: { id: string; name: string }[];
  me: string | null;
  agentOnly?: boolean;
  appOrigin: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const [scope, setScope] = useState(agentOnly ? "AGENT" : "API");
  const agent = scope === "AGENT";
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_12rem_14rem_auto] sm:items-end">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="projectId" value={projectId} />
        <Field label="Token name" name="name" state={state} required maxLength={120} placeholder={agent ? "Claude Code on my laptop" : "CI on main"} />
        {agentOnly ? (
          <input type="hidden" name="scope" value="AGENT" />
        ) : (
          <>
            {agent ? (
              <Field label="Owner" name="ownerId" as="select" state={state} defaultValue={me ?? owners[0]?.id}>
                {owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </Field>
            ) : (
              <Field label="Acts as" name="role" as="select" state={state} defaultValue="ENGINEER">
                {roles.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </Field>
            )}
            <div>
              <label htmlFor="token-scope" className="label">
                For
              </label>
              <select id="token-scope" name="scope" className="input" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
                <option value="API">The API (by its role)</option>
                <option value="ROUTING">A proxy: reads routing only</option>
                <option value="EVIDENCE">CI: posts evidence only</option>
                <option value="AGENT">Coding agent (MCP), for its owner</option>
              </select>
            </div>
          </>
        )}
        <SubmitButton pendingText="Creating…">{agentOnly ? "Create agent token" : "Create token"}</SubmitButton>
      </form>
      <FormMessage state={state} />
      {state?.secret ? (
        <SecretReveal key={state.secret} id="new-token" label="Your new token (shown once)" secret={state.secret}>
          {agent ? (
            <>
              Configure your agent&apos;s MCP client with{" "}
              <code data-testid="agent-config-hint">npx waypoint agent-config --client claude-code|cursor|vscode --url {appOrigin} --token &lt;token&gt;</code>.
              The agent claims, works and submits as you; a person confirms its work in Review.
            </>
          ) : (
            <>
              Send it as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>.
            </>
          )}
        </SecretReveal>
      ) : null}
    </div>
  );
}
