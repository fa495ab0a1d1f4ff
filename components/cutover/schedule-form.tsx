"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Plans this route's switch for later: the state, the time (in the project's zone) and why. It
 * runs at the first pull of the routing configuration after that time, as the person who planned it.
 */
export function ScheduleSwitchForm({ action, hidden, timeZone }: { action: Action; hidden: Record<string, string>; timeZone: string }) {
  const [state, formAction] = useActionState(action, null);
  const [to, setTo] = useState("canary");
  return (
    <details className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <summary className="cursor-pointer text-sm font-medium">Plan a switch for later</summary>
      <form action={formAction} className="mt-3 space-y-3" aria-label="Plan a switch of this route">
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div>
          <label htmlFor="plan-to" className="label">
            Send its traffic to
          </label>
          <select id="plan-to" name="to" className="input" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="legacy">Legacy</option>
            <option value="shadow">Shadow</option>
            <option value="canary">Canary</option>
            <option value="new">New</option>
          </select>
        </div>
        {to === "canary" ? (
          <Field label="Share of clients sent to new (%)" name="percent" type="number" min={1} max={99} defaultValue="10" state={state} required />
        ) : null}
        <Field label={`When (${timeZone})`} name="at" type="datetime-local" state={state} required />
        <Field label="Why" name="reason" state={state} required maxLength={500} hint="Kept in the history with the switch." />
        <SubmitButton>Plan it</SubmitButton>
        <FormMessage state={state} />
      </form>
    </details>
  );
}
