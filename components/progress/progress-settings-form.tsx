"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { Combobox } from "@/components/forms/combobox";

export function ProgressSettingsForm({
  action,
  hidden,
  values,
  timeZones,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  values: { timeZone: string; forecastWeeks: string };
  /** The zones to choose from (every IANA zone the server knows). */
  timeZones: string[];
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2">
        <Combobox
          key={state?.values?.timeZone ?? values.timeZone}
          label="Time zone"
          name="timeZone"
          options={timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones]}
          initial={{ value: state?.values?.timeZone ?? values.timeZone, label: state?.values?.timeZone ?? values.timeZone }}
          errors={state?.fields?.timeZone}
          required
          hint="Type a city or region. The charts count days in it: a change at 23:30 here belongs to that day."
        />
        <Field
          label="Forecast from the last (weeks)"
          name="forecastWeeks"
          state={state}
          defaultValue={values.forecastWeeks}
          type="number"
          min={2}
          max={52}
          required
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Save progress settings</SubmitButton>
    </form>
  );
}
