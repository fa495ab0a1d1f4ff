"use client";

import { useId } from "react";
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
        {rest.required ? <span className="text-red-600" aria-hidden="true"> *</span> : null}
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

/** The form-level outcome: an error (announced to screen readers) or a success message. */
export function FormMessage({ state }: { state: ActionState }) {
  if (state?.error) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {state.error}
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
