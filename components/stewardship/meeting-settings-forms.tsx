"use client";

import { useActionState, useRef } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { SecretReveal } from "@/components/forms/secret-reveal";
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
  const [state, formAction, pending] = useActionState(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const submit = (formData: FormData) => {
    dialog.current?.close();
    formAction(formData);
  };
  return (
    <div className="space-y-3">
      {hasLink ? (
        <>
          <button type="button" className="btn-secondary" onClick={() => dialog.current?.showModal()} disabled={pending}>
            {pending ? "Rotating…" : "Rotate the link"}
          </button>
          <dialog
            ref={dialog}
            className="m-auto w-[min(28rem,calc(100vw-2rem))] max-w-none rounded-lg p-0 shadow-xl"
            aria-labelledby="rotate-calendar-title"
            aria-describedby="rotate-calendar-body"
          >
            <form action={submit} className="space-y-4 p-6">
              <HiddenFields values={{ ...hidden, rotate: "1" }} />
              <h2 id="rotate-calendar-title" className="text-lg font-semibold">
                Rotate the calendar link?
              </h2>
              <p id="rotate-calendar-body" className="text-sm text-slate-600">
                The old link stops working at once: everyone subscribed to it has to subscribe to the new one.
              </p>
              <div className="flex justify-end gap-2">
                <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
                  Cancel
                </button>
                <button type="submit" className="btn-danger">
                  Rotate the link
                </button>
              </div>
            </form>
          </dialog>
        </>
      ) : (
        <form action={submit}>
          <HiddenFields values={hidden} />
          <SubmitButton pendingText="Creating…">Create a private calendar link</SubmitButton>
        </form>
      )}
      <FormMessage state={state} />
      {state?.secret ? (
        <SecretReveal key={state.secret} id="calendar-link" label="Your calendar link (shown once)" secret={state.secret}>
          Add it to your calendar program as a subscription (&ldquo;From URL&rdquo;). Anyone with the link can read the times and places, not who signed up.
        </SecretReveal>
      ) : null}
    </div>
  );
}
