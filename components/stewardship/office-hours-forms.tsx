"use client";

import { Combobox } from "@/components/forms/combobox";
import { useActionState, useEffect, useId, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { HiddenFields, ItemPicker, PeopleCheckboxes, TextAreaField, type FormAction, type Person } from "./form-parts";

/** The forms of the office-hours pages: sign up, move a session, a host's notes, a weekly slot. */

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Signs the viewer up for one session: a topic, and maybe an item of the project. */
export function SignupForm({ action, hidden }: { action: FormAction; hidden: Record<string, string> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <Field label="What would you like to ask?" name="topic" state={state} required maxLength={500} placeholder="How do we port the session handling?" />
      <ItemPicker label="About an item (optional)" name="itemId" projectId={hidden.projectId} state={state} />
      {state?.fields?.sessionDate ? <p className="text-sm text-red-700">{state.fields.sessionDate.join(" ")}</p> : null}
      <FormMessage state={state} />
      <SubmitButton pendingText="Signing up…">Sign up</SubmitButton>
    </form>
  );
}

/** Moves (or reinstates) a session: a local date and time in the slot's own time zone. */
export function MoveSessionForm({
  action,
  hidden,
  defaultValue,
  timeZone,
  submitLabel,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  defaultValue: string;
  timeZone: string;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <Field
        label="New start"
        name="to"
        type="datetime-local"
        state={state}
        defaultValue={defaultValue}
        required
        hint={`In ${timeZone}, the slot's time zone. The session keeps its length and its sign-ups.`}
      />
      <FormMessage state={state} />
      <SubmitButton className="btn-secondary" pendingText="Moving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

/** The host's side of one sign-up: notes, answered, raised to the next stewardship meeting. */
export function SignupNotesForm({
  action,
  hidden,
  notes,
  answered,
  raised,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  notes: string;
  answered: boolean;
  raised: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  const id = useId();
  // After a refusal the boxes show what was sent, not what is stored.
  const sent = state?.values;
  const isAnswered = sent ? sent.answered === "on" : answered;
  const isRaised = sent ? sent.raise === "on" : raised;
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <HiddenFields values={hidden} />
      <TextAreaField label="Host notes" name="hostNotes" state={state} defaultValue={notes} rows={2} maxLength={5000} />
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2" key={`${isAnswered}-${isRaised}`}>
        <label className="flex items-center gap-2 text-sm" htmlFor={`${id}-answered`}>
          <input
            id={`${id}-answered`}
            type="checkbox"
            name="answered"
            defaultChecked={isAnswered}
            className="size-4 rounded border-slate-300 accent-brand-600"
          />
          Answered
        </label>
        <label className="flex items-center gap-2 text-sm" htmlFor={`${id}-raise`}>
          <input id={`${id}-raise`} type="checkbox" name="raise" defaultChecked={isRaised} className="size-4 rounded border-slate-300 accent-brand-600" />
          Raise to the next meeting
        </label>
        <SubmitButton className="btn-secondary px-2.5 py-1 text-xs" pendingText="Saving…">
          Save
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export type SlotValues = {
  weekday: string;
  startTime: string;
  durationMinutes: string;
  timeZone: string;
  location: string;
  capacity: string;
  startsOn: string;
  endsOn: string;
  hosts: string[];
};

/** A weekly slot: created by stewards, or edited (the same fields). Errors show beside their field. */
export function SlotForm({
  action,
  hidden,
  values,
  members,
  timeZones,
  submitLabel,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  values: SlotValues;
  members: Person[];
  timeZones: string[];
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const zones = timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <HiddenFields values={hidden} />
      <div className="grid gap-4 sm:grid-cols-3">
        {/* Keyed by the value: a select keeps its first default, and the form resets to it after an action. */}
        <Field label="Day" name="weekday" as="select" state={state} defaultValue={values.weekday} required>
          {WEEKDAYS.map((day, i) => (
            <option key={day} value={String(i)}>
              {day}
            </option>
          ))}
        </Field>
        <Field label="Start time" name="startTime" type="time" state={state} defaultValue={values.startTime} required />
        <Field
          label="Length (minutes)"
          name="durationMinutes"
          type="number"
          min={5}
          max={480}
          step={5}
          state={state}
          defaultValue={values.durationMinutes}
          required
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Combobox
          key={state?.values?.timeZone ?? values.timeZone}
          label="Time zone"
          name="timeZone"
          options={zones}
          initial={{ value: state?.values?.timeZone ?? values.timeZone, label: state?.values?.timeZone ?? values.timeZone }}
          errors={state?.fields?.timeZone}
          required
          hint="Type a city or region, e.g. Berlin. The day and time are wall-clock times there, through summer time changes."
        />
        <Field
          label="Places"
          name="capacity"
          type="number"
          min={1}
          max={500}
          state={state}
          defaultValue={values.capacity}
          required
          hint="Sign-ups per session."
        />
      </div>
      <Field
        label="Location"
        name="location"
        state={state}
        defaultValue={values.location}
        required
        maxLength={500}
        placeholder="https://meet.example.com/office-hours or Room 4.2"
        hint="A room, or a link to a video call (shown as a link)."
      />
      <PeopleCheckboxes
        legend="Hosts"
        name="hosts"
        people={members}
        selected={values.hosts}
        state={state}
        hint="Members who are not viewers. A host cannot host two slots at the same time."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Starts on" name="startsOn" type="date" state={state} defaultValue={values.startsOn} required />
        <Field
          label="Ends on (optional)"
          name="endsOn"
          type="date"
          state={state}
          defaultValue={values.endsOn}
          hint="The last day a session may fall on. Empty: every week from now on."
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}

const sameZoneText = (start: Date, end: Date, timeZone: string) => {
  const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone });
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  return `${day.format(start)}, ${time.format(start)}–${time.format(end)}`;
};

/**
 * The session's time in the viewer's own zone, when it reads differently from the slot's zone.
 * Rendered only in the browser (the server does not know the viewer's zone), so nothing mismatches.
 */
export function ViewerTime({ start, end, timeZone }: { start: string; end: string; timeZone: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const s = new Date(start);
    const e = new Date(end);
    const mine = sameZoneText(s, e, own);
    setText(mine === sameZoneText(s, e, timeZone) ? null : `${mine} your time (${own})`);
  }, [start, end, timeZone]);
  return text ? <span className="text-xs text-slate-500">{text}</span> : null;
}
