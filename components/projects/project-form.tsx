"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

type Values = {
  projectId?: string;
  name?: string;
  slug?: string;
  fromStack?: string;
  toStack?: string;
  description?: string;
  startDate?: string;
  targetDate?: string;
};

export function ProjectForm({
  action,
  org,
  values = {},
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  org: string;
  values?: Values;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const editing = Boolean(values.projectId);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="org" value={org} />
      {values.projectId ? <input type="hidden" name="projectId" value={values.projectId} /> : null}
      <Field label="Name" name="name" state={state} defaultValue={values.name} required maxLength={120} placeholder="Public site: PHP → Python" />
      <Field
        label="Slug"
        name="slug"
        state={state}
        defaultValue={values.slug}
        required={editing}
        maxLength={48}
        hint={editing ? "Used in URLs. Changing it changes this project's links." : "Optional: made from the name if left empty."}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="From (legacy stack)" name="fromStack" state={state} defaultValue={values.fromStack} required maxLength={60} placeholder="PHP 7" />
        <Field label="To (new stack)" name="toStack" state={state} defaultValue={values.toStack} required maxLength={60} placeholder="Python 3 (Flask)" />
        <Field label="Start date" name="startDate" type="date" state={state} defaultValue={values.startDate} />
        <Field label="Target date" name="targetDate" type="date" state={state} defaultValue={values.targetDate} />
      </div>
      <Field label="Description" name="description" as="textarea" state={state} defaultValue={values.description} maxLength={5000} />
      <FormMessage state={state} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
