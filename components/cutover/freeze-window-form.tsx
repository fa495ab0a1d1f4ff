"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

export function FreezeWindowForm({
  action,
  hidden,
  timeZone,
  mayOrganization,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  timeZone: string;
  mayOrganization: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  const [kind, setKind] = useState("one-off");
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Add a freeze window">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Field label="What it is" name="reason" state={state} required placeholder="Black Friday week" />
      <div>
        <label htmlFor="freeze-kind" className="label">
          Kind
        </label>
        <select id="freeze-kind" name="kind" className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="one-off">Once: from … until …</option>
          <option value="recurring">Recurring: a cron schedule</option>
        </select>
      </div>
      {kind === "one-off" ? (
        <>
          <Field label="From (in the zone below)" name="startsAt" type="datetime-local" state={state} required />
          <Field label="Until" name="endsAt" type="datetime-local" state={state} required />
        </>
      ) : (
        <>
          <Field label="Cron schedule" name="cron" state={state} placeholder="0 18 * * 5" hint="minute hour day month weekday — e.g. every Friday 18:00." />
          <Field label="Lasting (minutes)" name="durationMinutes" type="number" min={1} state={state} placeholder="3600" />
        </>
      )}
      <Field label="Time zone" name="timeZone" state={state} defaultValue={timeZone} />
      {mayOrganization ? (
        <Field label="Applies to" name="scope" as="select" state={state} defaultValue="project">
          <option value="project">This project</option>
          <option value="organization">Every project of the organisation</option>
        </Field>
      ) : (
        <input type="hidden" name="scope" value="project" />
      )}
      <div className="sm:col-span-2 space-y-3">
        <FormMessage state={state} />
        <SubmitButton>Add window</SubmitButton>
      </div>
    </form>
  );
}
