"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { HiddenFields, InlineActionButton, ItemPicker, PeopleCheckboxes, TextAreaField, type FormAction, type Person } from "./form-parts";

/** Plans a meeting: its day (the project's next meeting day by default) and, optionally, another time. */
export function PlanMeetingForm({
  action,
  hidden,
  defaultDate,
  timeHint,
  submitLabel,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  defaultDate: string;
  timeHint: string;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Date" name="date" type="date" state={state} defaultValue={defaultDate} required />
        <Field label="Time (optional)" name="time" type="time" state={state} hint={timeHint} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="Planning…">{submitLabel}</SubmitButton>
    </form>
  );
}

/** An entry of the stewards' own at the end of the agenda. */
export function AgendaEntryForm({ action, hidden }: { action: FormAction; hidden: Record<string, string> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <Field label="Title" name="title" state={state} required maxLength={200} />
      <TextAreaField label="Detail (optional)" name="detail" state={state} rows={3} maxLength={2000} />
      <ItemPicker label="About an item (optional)" name="itemIds" projectId={hidden.projectId} state={state} />
      <FormMessage state={state} />
      <SubmitButton className="btn-secondary" pendingText="Adding…">
        Add to the agenda
      </SubmitButton>
    </form>
  );
}

/** Who came: a checkbox per member, saved by a steward. */
export function AttendeesForm({
  action,
  hidden,
  members,
  selected,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  members: Person[];
  selected: string[];
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <HiddenFields values={hidden} />
      {/* Sent even when every box is cleared, so "nobody" can be saved. */}
      <input type="hidden" name="attendeesSent" value="1" />
      <PeopleCheckboxes legend="Attendees" name="attendeeIds" people={members} selected={selected} state={state} hideLegend />
      <FormMessage state={state} />
      <SubmitButton className="btn-secondary" pendingText="Saving…">
        Save attendees
      </SubmitButton>
    </form>
  );
}

/** The meeting's notes, in Markdown. */
export function NotesForm({ action, hidden, notes }: { action: FormAction; hidden: Record<string, string>; notes: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <HiddenFields values={hidden} />
      <TextAreaField
        label="Notes"
        name="notes"
        state={state}
        defaultValue={notes}
        rows={10}
        maxLength={50_000}
        hint="Markdown: **bold**, _italic_, - lists, [links](https://…), `code`. Saved notes are shown formatted above."
      />
      <FormMessage state={state} />
      <SubmitButton className="btn-secondary" pendingText="Saving…">
        Save notes
      </SubmitButton>
    </form>
  );
}

/** An action item taken at the meeting: what, who, by when, about which item. */
export function ActionItemForm({ action, hidden, members }: { action: FormAction; hidden: Record<string, string>; members: Person[] }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <Field label="What is to be done" name="text" state={state} required maxLength={500} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Owner" name="ownerId" as="select" state={state} defaultValue="">
          <option value="">Nobody yet</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </Field>
        <Field label="Due date (optional)" name="dueDate" type="date" state={state} />
      </div>
      <ItemPicker label="About an item (optional)" name="itemIds" projectId={hidden.projectId} state={state} />
      <FormMessage state={state} />
      <SubmitButton className="btn-secondary" pendingText="Adding…">
        Add action item
      </SubmitButton>
    </form>
  );
}

/**
 * Done / open again for an action item: a real form post (a button drawn as a checkbox), so it
 * works from the keyboard and without waiting for scripts.
 */
export function ActionItemDoneButton({
  action,
  hidden,
  done,
  text,
  disabled,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  done: boolean;
  text: string;
  disabled?: boolean;
}) {
  return (
    <InlineActionButton
      action={action}
      hidden={{ ...hidden, done: done ? "false" : "true" }}
      accessibleName={done ? `Open “${text}” again` : `Mark “${text}” done`}
      className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60"
      disabled={disabled}
    >
      <span
        aria-hidden="true"
        className={`grid size-3.5 place-items-center rounded-sm border ${done ? "border-green-600 bg-green-600 text-white" : "border-slate-400 bg-white"}`}
      >
        {done ? "✓" : ""}
      </span>
      {done ? "Done" : "Mark done"}
    </InlineActionButton>
  );
}
