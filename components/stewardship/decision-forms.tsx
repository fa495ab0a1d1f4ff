"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { HiddenFields, ItemPicker, PeopleCheckboxes, TextAreaField, type FormAction, type Person } from "./form-parts";

const MARKDOWN_HINT = "Markdown: **bold**, _italic_, - lists, [links](https://…), `code`.";

/** Recording a decision: proposed or accepted, with the people involved and an optional linked item. */
export function NewDecisionForm({
  action,
  hidden,
  members,
  defaults,
  submitLabel,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  members: Person[];
  defaults: { status: "PROPOSED" | "ACCEPTED"; decidedOn: string; item: { id: string; key: string } | null; peopleIds: string[] };
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const status = state?.values?.status ?? defaults.status;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <HiddenFields values={hidden} />
      <Field label="Title" name="title" state={state} required maxLength={200} hint="A short statement, e.g. “Use SQLAlchemy 2 for all new modules”." />
      <TextAreaField
        label="Context"
        name="context"
        state={state}
        rows={5}
        maxLength={10_000}
        hint={`What made a decision necessary; the options considered. ${MARKDOWN_HINT}`}
      />
      <TextAreaField label="Decision" name="decision" state={state} rows={5} maxLength={10_000} required hint="What was decided." />
      <TextAreaField
        label="Consequences"
        name="consequences"
        state={state}
        rows={4}
        maxLength={10_000}
        hint="What follows from it: work, risks, what gets easier or harder."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <fieldset key={status}>
          <legend className="label">Status</legend>
          <div className="flex flex-col gap-1.5 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="status" value="PROPOSED" defaultChecked={status === "PROPOSED"} className="size-4 accent-brand-600" />
              Proposed — to be decided (it goes on the next agenda)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="status" value="ACCEPTED" defaultChecked={status === "ACCEPTED"} className="size-4 accent-brand-600" />
              Accepted — decided
            </label>
          </div>
          {state?.fields?.status ? <p className="mt-1 text-sm text-red-700">{state.fields.status.join(" ")}</p> : null}
        </fieldset>
        <Field
          label="Decided on (optional)"
          name="decidedOn"
          type="date"
          state={state}
          defaultValue={defaults.decidedOn}
          hint="Empty: the day it is accepted."
        />
      </div>
      <PeopleCheckboxes legend="People involved" name="peopleIds" people={members} selected={defaults.peopleIds} state={state} />
      <ItemPicker
        label="Linked item (optional)"
        name="itemIds"
        projectId={hidden.projectId}
        state={state}
        initial={defaults.item}
        hint="Type part of its key. The decision is then listed on the item's page."
      />
      {state?.fields?.meetingId ? <p className="text-sm text-red-700">Meeting: {state.fields.meetingId.join(" ")}</p> : null}
      {state?.fields?.supersedesId ? <p className="text-sm text-red-700">Superseded decision: {state.fields.supersedesId.join(" ")}</p> : null}
      <FormMessage state={state} />
      <SubmitButton pendingText="Recording…">{submitLabel}</SubmitButton>
    </form>
  );
}

/** Editing a proposed decision's text; every changed field is kept as a revision. */
export function EditDecisionForm({
  action,
  hidden,
  values,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  values: { title: string; context: string; decision: string; consequences: string };
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <HiddenFields values={hidden} />
      <Field label="Title" name="title" state={state} defaultValue={values.title} required maxLength={200} />
      <TextAreaField label="Context" name="context" state={state} defaultValue={values.context} rows={5} maxLength={10_000} hint={MARKDOWN_HINT} />
      <TextAreaField label="Decision" name="decision" state={state} defaultValue={values.decision} rows={5} maxLength={10_000} required />
      <TextAreaField label="Consequences" name="consequences" state={state} defaultValue={values.consequences} rows={4} maxLength={10_000} />
      <FormMessage state={state} />
      <SubmitButton className="btn-secondary" pendingText="Saving…">
        Save changes
      </SubmitButton>
    </form>
  );
}
