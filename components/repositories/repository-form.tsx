"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { SecretReveal } from "@/components/forms/secret-reveal";

type Values = { url: string; branch: string; folders: string; webhookProvider: string; credentialKind: string };

/**
 * Linking a repository, or changing one: location, branch, folders (one per line, with the
 * frameworks after a colon), the push webhook's provider and the credential. A stored credential
 * is never shown: the form offers to keep, replace or remove it. The webhook secret made when
 * linking comes back once, with a copy button.
 */
export function RepositoryForm({
  action,
  hidden,
  values,
  credentialSet,
  submitLabel,
  webhookUrl,
  doneHref,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  values?: Values;
  credentialSet?: boolean;
  submitLabel: string;
  webhookUrl?: string;
  /** Where "Done" leads after the secret was shown (the page, reloaded with the new repository). */
  doneHref?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const [kind, setKind] = useState(values ? "keep" : "none");
  const id = hidden.role ?? hidden.repositoryId ?? "repository";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Field
        label="Location"
        name="url"
        state={state}
        defaultValue={values?.url}
        placeholder="https://github.com/acme/shop.git or git@gitlab.com:acme/shop.git"
        hint="https://…, ssh://… or user@host:org/repo.git. Folders on this server only below the operator's WAYPOINT_REPOSITORY_ROOT."
        autoComplete="off"
        required
      />
      <Field label="Branch" name="branch" state={state} defaultValue={values?.branch ?? "main"} autoComplete="off" required />
      <Field
        label="Folders to scan"
        name="folders"
        as="textarea"
        state={state}
        defaultValue={values?.folders}
        hint="One per line, e.g. “backend: flask” or “web: django, express”. Empty: the whole repository, frameworks detected."
      />
      <Field label="Push webhook sent by" name="webhookProvider" as="select" state={state} defaultValue={values?.webhookProvider ?? "github"}>
        <option value="github">GitHub (X-Hub-Signature-256)</option>
        <option value="gitlab">GitLab (X-Gitlab-Token)</option>
      </Field>
      <div>
        <label htmlFor={`${id}-credential`} className="label">
          Credential
        </label>
        <select id={`${id}-credential`} name="credentialKind" className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
          {values ? <option value="keep">{credentialSet ? "Keep the stored credential" : "Keep: none"}</option> : null}
          <option value="none">{values && credentialSet ? "Remove the stored credential" : "None (a public repository)"}</option>
          <option value="token">HTTPS access token</option>
          <option value="ssh-key">SSH deploy key</option>
        </select>
        {state?.fields?.credentials ? <p className="mt-1 text-sm text-red-700">{state.fields.credentials.join(" ")}</p> : null}
        <p className="mt-1 text-xs text-slate-600">Stored encrypted and never shown again; read-only access is enough.</p>
      </div>
      {kind === "token" ? (
        <>
          <Field label="Access token" name="token" type="password" state={state} autoComplete="off" required />
          <Field
            label="User name for the token"
            name="tokenUsername"
            state={state}
            hint="GitLab: oauth2; Bitbucket: x-token-auth; empty for GitHub."
            autoComplete="off"
          />
        </>
      ) : null}
      {kind === "ssh-key" ? (
        <Field label="Private deploy key" name="privateKey" as="textarea" state={state} hint="The whole key, BEGIN and END lines included." />
      ) : null}
      {state?.secret ? (
        <SecretReveal id={`${id}-webhook-secret`} label="Push webhook secret" secret={state.secret}>
          Copy it now: it is not shown again. Add a push webhook to the repository&apos;s host{webhookUrl ? ` with the URL ${webhookUrl}` : ""} and this secret.{" "}
          {doneHref ? <a href={doneHref}>Done: show the repository →</a> : null}
        </SecretReveal>
      ) : null}
      <FormMessage state={state} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
