"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage, SubmitButton } from "@/components/forms/fields";

type Group = { group: string; label: string; inbox: boolean; email: string };
type Project = { id: string; name: string; muted: boolean };

const EMAIL_LABELS: Record<string, string> = { off: "No e-mail", immediate: "Right away", daily: "Daily digest" };

export function PreferencesForm({
  action,
  hidden,
  groups,
  projects,
  emailConfigured,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  groups: Group[];
  projects: Project[];
  emailConfigured: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-6">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <table className="w-full text-sm">
        <caption className="sr-only">What reaches you, per kind of event</caption>
        <thead>
          <tr className="text-left">
            <th scope="col" className="py-1">
              Events
            </th>
            <th scope="col" className="py-1">
              Inbox
            </th>
            <th scope="col" className="py-1">
              E-mail
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.group} className="border-t border-slate-200 dark:border-slate-700">
              <th scope="row" className="py-2 text-left font-normal">
                {g.label}
              </th>
              <td>
                <input type="checkbox" name={`inbox_${g.group}`} defaultChecked={g.inbox} aria-label={`${g.label}: in the inbox`} />
              </td>
              <td>
                <select name={`email_${g.group}`} defaultValue={g.email} className="input" aria-label={`${g.label}: e-mail`} disabled={!emailConfigured}>
                  {Object.entries(EMAIL_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                {!emailConfigured ? <input type="hidden" name={`email_${g.group}`} value={g.email} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!emailConfigured ? (
        <p className="text-sm text-slate-600">This server sends no e-mail (SMTP is not configured): your choice is kept for when it does.</p>
      ) : null}
      {projects.length ? (
        <fieldset>
          <legend className="font-medium">Mute projects (nothing of theirs reaches you)</legend>
          <ul className="mt-2 grid gap-1 sm:grid-cols-2">
            {projects.map((p) => (
              <li key={p.id}>
                <label className="inline-flex items-center gap-2 text-sm">
                  <input type="checkbox" name={`mute_${p.id}`} defaultChecked={p.muted} /> {p.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <FormMessage state={state} />
      <SubmitButton>Save notification settings</SubmitButton>
    </form>
  );
}
