"use client";

import { useId, useLayoutEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/actions/action-state";

type FieldProps = {
  label: string;
  name: string;
  state: ActionState;
  hint?: string;
  defaultValue?: string;
  as?: "input" | "textarea" | "select";
  children?: React.ReactNode;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue" | "children">;

/** The ids of a field's hint and messages (see FieldNotes), for its aria-describedby. */
export function describedBy(id: string, hint?: string, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** Under a field: its hint, and the server's messages for it. */
export function FieldNotes({ id, hint, errors }: { id: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

/** A labelled field that shows the server's messages for it and keeps the typed value after an error. */
export function Field({ label, name, state, hint, defaultValue, as = "input", children, ...rest }: FieldProps) {
  const id = useId();
  const errors = state?.fields?.[name];
  const described = describedBy(id, hint, errors);
  const value = state?.values?.[name] ?? defaultValue;
  const common = { id, name, "aria-invalid": errors ? true : undefined, "aria-describedby": described, className: "input" };
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
        {rest.required ? (
          <span className="text-red-600" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </label>
      {as === "textarea" ? (
        <textarea {...common} defaultValue={value} key={value} rows={4} maxLength={rest.maxLength} required={rest.required} />
      ) : as === "select" ? (
        <select {...common} defaultValue={value} key={value} required={rest.required}>
          {children}
        </select>
      ) : (
        <input {...common} {...rest} defaultValue={value} key={value} />
      )}
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, pendingText, className = "btn-primary" }: { children: React.ReactNode; pendingText?: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingText ?? "Saving…") : children}
    </button>
  );
}

/** A field marked invalid, or a checkbox of a fieldset described by its own error message. */
function showsOwnError(form: HTMLFormElement, field: HTMLElement): boolean {
  if (field.getAttribute("aria-invalid") === "true") return true;
  const described = field.closest("fieldset")?.getAttribute("aria-describedby")?.split(" ") ?? [];
  return described.some((id) => id.endsWith("-error") && form.querySelector(`#${CSS.escape(id)}`) !== null);
}

/**
 * The fields of the form around `anchor` that show their own error (aria-invalid, by name), with
 * their labels; null when some field error has no such field to show it (a hidden or unknown one).
 */
function fieldsShowingErrors(anchor: HTMLElement | null, keys: string[]): string[] | null {
  const form = anchor?.closest("form");
  if (!form || keys.length === 0) return null;
  const labels: string[] = [];
  for (const key of keys) {
    const field = [...form.querySelectorAll<HTMLElement>(`[name="${CSS.escape(key)}"]`)].find((el) => el.getAttribute("type") !== "hidden");
    if (!field || !showsOwnError(form, field)) return null;
    const legend = field.closest("fieldset")?.querySelector("legend")?.textContent;
    const label = (field.id ? form.querySelector(`label[for="${CSS.escape(field.id)}"]`)?.textContent : null) ?? legend ?? key;
    labels.push(label.replace(/\s*\*\s*$/, "").trim());
  }
  return labels;
}

/**
 * The form-level outcome: an error (announced to screen readers) or a success message. When every
 * field error of a refusal is already shown at its field, the summary only names those fields, so
 * each problem is said once, in words, where it is ("Check Password." — not "The input is
 * invalid. password: …" above the same message). Otherwise it shows the server's message.
 */
export function FormMessage({ state }: { state: ActionState }) {
  const anchor = useRef<HTMLDivElement>(null);
  const [shownAtFields, setShownAtFields] = useState<string[] | null>(null);
  const keys = Object.keys(state?.fields ?? {});
  const fieldKey = keys.join(",");
  useLayoutEffect(() => {
    setShownAtFields(state?.error && state.code === "invalid_input" ? fieldsShowingErrors(anchor.current, fieldKey ? fieldKey.split(",") : []) : null);
  }, [state, fieldKey]);
  if (state?.error) {
    const text = shownAtFields ? `Check ${listOf(shownAtFields)}.` : state.error;
    return (
      <div ref={anchor} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-message">
        {text}
      </div>
    );
  }
  if (state?.ok && state.message) {
    return (
      <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
        {state.message}
      </div>
    );
  }
  return null;
}

const listOf = (labels: string[]) => (labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`);
