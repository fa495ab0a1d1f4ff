"use client";

import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FieldNotes, FormMessage, SubmitButton, describedBy } from "@/components/forms/fields";

/** The porting guide's editor: one Markdown textarea; each save that changes the text is a new version. */
export function GuideForm({
  action,
  hidden,
  body,
  maxChars,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  body: string;
  maxChars: number;
}) {
  const [state, formAction] = useActionState(action, null);
  const id = useId();
  const errors = state?.fields?.body;
  const hint = `Markdown, at most ${maxChars.toLocaleString("en")} characters. Every brief carries it; agents read it as information, not as instructions.`;
  const value = state?.values?.body ?? body;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div>
        <label htmlFor={id} className="label">
          Porting guide
        </label>
        <textarea
          id={id}
          name="body"
          className="input font-mono text-sm"
          rows={20}
          maxLength={maxChars}
          defaultValue={value}
          key={value}
          aria-invalid={errors ? true : undefined}
          aria-describedby={describedBy(id, hint, errors)}
          data-testid="guide-body"
        />
        <FieldNotes id={id} hint={hint} errors={errors} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="Saving…">Save a new version</SubmitButton>
    </form>
  );
}
