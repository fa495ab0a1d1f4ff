"use client";

import { useActionState, useId } from "react";
import { ConfirmForm } from "@/components/forms/confirm-form";
import type { ActionState } from "@/lib/actions/action-state";
import { describedBy, FieldNotes, FormMessage } from "@/components/forms/fields";
import { Combobox } from "@/components/forms/combobox";
import { searchProjectItems } from "@/components/forms/item-search-client";

/** Pieces the stewardship forms share: hidden fields, a Markdown textarea, checkbox lists, an item picker, a confirmed button. */

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;
export type Person = { id: string; name: string };

export function HiddenFields({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** A labelled textarea that keeps what was typed after an error and shows its own messages. */
export function TextAreaField({
  label,
  name,
  state,
  defaultValue,
  hint,
  rows = 4,
  required,
  maxLength,
}: {
  label: string;
  name: string;
  state: ActionState;
  defaultValue?: string;
  hint?: string;
  rows?: number;
  required?: boolean;
  maxLength?: number;
}) {
  const id = useId();
  const errors = state?.fields?.[name];
  const value = state?.values?.[name] ?? defaultValue ?? "";
  const described = describedBy(id, hint, errors);
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
        {required ? (
          <span className="text-red-600" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </label>
      <textarea
        key={value}
        id={id}
        name={name}
        rows={rows}
        defaultValue={value}
        required={required}
        maxLength={maxLength}
        aria-invalid={errors ? true : undefined}
        aria-describedby={described}
        className="input font-mono text-[13px] leading-5"
      />
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}

/**
 * Checkboxes of people (attendees, people involved). After a failed save the ticked ones come
 * back from `state.values[name]` (the action sends them as a comma-separated list).
 */
export function PeopleCheckboxes({
  legend,
  name,
  people,
  selected,
  state,
  hint,
  hideLegend = false,
}: {
  legend: string;
  name: string;
  people: Person[];
  selected: string[];
  state: ActionState;
  hint?: string;
  /** When a heading just above already says it (the legend is still read by screen readers). */
  hideLegend?: boolean;
}) {
  const id = useId();
  const errors = state?.fields?.[name];
  const returned = state?.values?.[name];
  const ticked = new Set(returned !== undefined ? returned.split(",").filter(Boolean) : selected);
  const key = [...ticked].sort().join(",");
  return (
    <fieldset aria-describedby={errors ? `${id}-error` : hint ? `${id}-hint` : undefined}>
      <legend className={hideLegend ? "sr-only" : "label"}>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="-mt-0.5 mb-2 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {people.length === 0 ? (
        <p className="text-sm text-slate-600">No members to choose from.</p>
      ) : (
        <ul className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2" key={key}>
          {people.map((p) => (
            <li key={p.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={name}
                  value={p.id}
                  defaultChecked={ticked.has(p.id)}
                  className="size-4 rounded border-slate-300 accent-brand-600"
                />
                {p.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      <FieldNotes id={id} errors={errors} />
    </fieldset>
  );
}

/**
 * An optional item of the project, found by typing part of its key: a combobox that asks
 * `GET /api/v1/projects/{id}/items/search` (at 50,000 routes a select of every item is unusable).
 */
export function ItemPicker({
  label,
  name,
  projectId,
  state,
  initial = null,
  hint,
}: {
  label: string;
  name: string;
  projectId: string;
  state: ActionState;
  initial?: { id: string; key: string } | null;
  hint?: string;
}) {
  return (
    <Combobox
      label={label}
      name={name}
      search={(text, signal) => searchProjectItems(projectId, text, signal)}
      initial={initial ? { value: initial.id, label: initial.key } : null}
      errors={state?.fields?.[name]}
      hint={hint ?? "Type part of a route, module or dependency; leave empty for none."}
      placeholder="e.g. /billing"
    />
  );
}

/** ConfirmForm for one row of a list: a small button, its error under it. */
export function ConfirmButton(props: Omit<React.ComponentProps<typeof ConfirmForm>, "variant">) {
  return <ConfirmForm {...props} variant="inline" />;
}

/** A small button bound to an action (move up, mark done); its error, if any, shows beside it. */
export function InlineActionButton({
  action,
  hidden,
  children,
  accessibleName,
  className = "btn-secondary px-2 py-1 text-xs",
  disabled,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  children: React.ReactNode;
  accessibleName?: string;
  className?: string;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <HiddenFields values={hidden} />
      <button type="submit" className={className} aria-label={accessibleName} disabled={disabled || pending} aria-disabled={disabled || pending}>
        {children}
      </button>
      {state?.error ? (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

export { FormMessage };
