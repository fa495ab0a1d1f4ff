"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { RotatingLinkForm } from "@/components/forms/rotating-link-form";
import { HiddenFields } from "./form-parts";
import { WEEKDAYS } from "./office-hours-forms";

type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** The weekly stewardship meeting: day, local time (in the project's zone) and length. */
export function MeetingSettingsForm({
  action,
  hidden,
  values,
  timeZone,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  values: { meetingWeekday: string; meetingTime: string; meetingMinutes: string };
  timeZone: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <HiddenFields values={hidden} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Meeting day" name="meetingWeekday" as="select" state={state} defaultValue={values.meetingWeekday} required>
          {WEEKDAYS.map((day, i) => (
            <option key={day} value={String(i)}>
              {day}
            </option>
          ))}
        </Field>
        <Field
          label="Time"
          name="meetingTime"
          type="time"
          state={state}
          defaultValue={values.meetingTime}
          required
          hint={`In ${timeZone}, the project's time zone.`}
        />
        <Field
          label="Length (minutes)"
          name="meetingMinutes"
          type="number"
          min={15}
          max={240}
          step={5}
          state={state}
          defaultValue={values.meetingMinutes}
          required
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton>Save meeting settings</SubmitButton>
    </form>
  );
}

/**
 * The private calendar link: created, or rotated behind a confirmation (the old link stops
 * working). The new URL comes back once in the action's `secret`, with a copy button.
 */
export function CalendarFeedForm({ action, hidden, hasLink }: { action: FormAction; hidden: Record<string, string>; hasLink: boolean }) {
  return (
    <RotatingLinkForm
      action={action}
      hidden={hidden}
      hasLink={hasLink}
      id="calendar"
      text={{
        rotate: "Rotate the link",
        title: "Rotate the calendar link?",
        body: "The old link stops working at once: everyone subscribed to it has to subscribe to the new one.",
        create: "Create a private calendar link",
        revealLabel: "Your calendar link (shown once)",
      }}
    >
      Add it to your calendar program as a subscription (&ldquo;From URL&rdquo;). Anyone with the link can read the times and places, not who signed up.
    </RotatingLinkForm>
  );
}
