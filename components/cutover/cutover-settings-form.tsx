"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

type Settings = {
  legacyUpstream: string | null;
  newUpstream: string | null;
  mirrorUpstream: string | null;
  legacyRetired: boolean;
  stickinessBy: string;
  stickinessName: string | null;
};

export function CutoverSettingsForm({
  action,
  hidden,
  settings,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  settings: Settings;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Field
        label="Legacy upstream"
        name="legacyUpstream"
        state={state}
        defaultValue={settings.legacyUpstream ?? ""}
        placeholder="http://10.0.0.5:8080"
        hint="http(s)://host:port of the legacy app."
      />
      <Field
        label="New upstream"
        name="newUpstream"
        state={state}
        defaultValue={settings.newUpstream ?? ""}
        placeholder="http://10.0.0.6:8000"
        hint="http(s)://host:port of the new app."
      />
      <Field
        label="Shadow mirror (optional)"
        name="mirrorUpstream"
        state={state}
        defaultValue={settings.mirrorUpstream ?? ""}
        hint="Where shadow copies go; the new upstream when empty."
      />
      <Field label="Canary clients are told apart by" name="stickinessBy" as="select" state={state} defaultValue={settings.stickinessBy}>
        <option value="address">Their address</option>
        <option value="cookie">A cookie</option>
        <option value="header">A request header</option>
      </Field>
      <Field
        label="Cookie or header name"
        name="stickinessName"
        state={state}
        defaultValue={settings.stickinessName ?? ""}
        hint="Only for a cookie or a header."
      />
      <Field
        label="Legacy retired"
        name="legacyRetired"
        as="select"
        state={state}
        defaultValue={settings.legacyRetired ? "true" : "false"}
        hint="Only once it is retired do paths no route matches go to new."
      >
        <option value="false">No: unknown paths go to legacy</option>
        <option value="true">Yes: unknown paths go to new</option>
      </Field>
      <div className="sm:col-span-2 space-y-3">
        <FormMessage state={state} />
        <SubmitButton>Save</SubmitButton>
      </div>
    </form>
  );
}
