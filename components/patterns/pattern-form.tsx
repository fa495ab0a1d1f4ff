"use client";

import { useActionState, useId, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FieldNotes, FormMessage, SubmitButton, describedBy } from "@/components/forms/fields";
import { regexProblem } from "@/lib/repositories/pattern-live-check";

export type PatternFormValues = {
  name: string;
  slug?: string;
  kind: "regex" | "ast-grep";
  source?: string;
  ignoreCase?: boolean;
  rule?: string;
  language?: string;
  languages?: string[];
  extensions?: string[];
  folders?: string[];
  target?: number;
};

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  languages: string[];
  astLanguages: readonly string[];
  initial?: PatternFormValues;
  /** Editing: the slug is shown, not asked (the scans count by it). */
  editing?: boolean;
  submitLabel: string;
};

/**
 * A pattern's form. The regular expression is checked as it is typed, with the scan's own engine
 * (RE2): a look-around or a pattern matching empty text shows at the field before it is sent.
 */
export function PatternForm({ action, hidden, languages, astLanguages, initial, editing = false, submitLabel }: Props) {
  const [state, formAction] = useActionState(action, null);
  const values = state?.values;
  const [kind, setKind] = useState<"regex" | "ast-grep">((values?.kind as "regex" | "ast-grep" | undefined) ?? initial?.kind ?? "regex");
  const [source, setSource] = useState(values?.source ?? initial?.source ?? "");
  const [ignoreCase, setIgnoreCase] = useState(values ? values.ignoreCase === "on" : (initial?.ignoreCase ?? false));
  const id = useId();
  const live = kind === "regex" ? regexProblem(source, ignoreCase) : null;
  const sourceErrors = live ? [live] : state?.fields?.source;
  const chosen = new Set(initial?.languages ?? []);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" state={state} defaultValue={initial?.name} maxLength={120} required placeholder="six imports" />
        {editing ? (
          <p className="text-sm">
            <span className="label">Slug</span>
            <code>{initial?.slug}</code> <span className="text-slate-600">(the scans count by it; it does not change)</span>
          </p>
        ) : (
          <Field
            label="Slug"
            name="slug"
            state={state}
            hint="Lowercase and hyphens; left empty, it is made from the name."
            maxLength={48}
            placeholder="six-imports"
          />
        )}
      </div>
      <fieldset>
        <legend className="label">What it matches</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="inline-flex items-center gap-1">
            <input type="radio" name="kind" value="regex" checked={kind === "regex"} onChange={() => setKind("regex")} /> A regular expression (per line)
          </label>
          <label className="inline-flex items-center gap-1">
            <input type="radio" name="kind" value="ast-grep" checked={kind === "ast-grep"} onChange={() => setKind("ast-grep")} /> A structural rule (ast-grep)
          </label>
        </div>
      </fieldset>
      {kind === "regex" ? (
        <div>
          <label htmlFor={`${id}-source`} className="label">
            Regular expression
            <span className="text-red-600" aria-hidden="true">
              {" "}
              *
            </span>
          </label>
          <input
            id={`${id}-source`}
            name="source"
            className="input font-mono"
            value={source}
            onChange={(e) => setSource(e.target.value)}
            aria-invalid={sourceErrors ? true : undefined}
            aria-describedby={describedBy(`${id}-source`, "hint", sourceErrors)}
            placeholder="^\s*(import six|from six\b)"
            maxLength={2000}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <div aria-live="polite">
            <FieldNotes
              id={`${id}-source`}
              hint="RE2 syntax (no look-around or back-references, so no pattern can hang a scan), matched line by line."
              errors={sourceErrors}
            />
          </div>
          <label className="mt-2 inline-flex items-center gap-1 text-sm">
            <input type="checkbox" name="ignoreCase" checked={ignoreCase} onChange={(e) => setIgnoreCase(e.target.checked)} /> Ignore case
          </label>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="ast-grep rule"
            name="rule"
            state={state}
            defaultValue={initial?.rule}
            hint="A code pattern: unicode($X) counts calls of unicode with one argument, never the word in a comment."
            maxLength={2000}
            required
          />
          <Field label="Language of the rule" name="language" state={state} as="select" defaultValue={initial?.language ?? "python"} required>
            {astLanguages.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </Field>
        </div>
      )}
      <fieldset>
        <legend className="label">Languages (none ticked: every text file)</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {languages.map((l) => (
            <label key={l} className="inline-flex items-center gap-1">
              <input type="checkbox" name={`language_${l}`} defaultChecked={values ? values[`language_${l}`] === "on" : chosen.has(l)} /> {l}
            </label>
          ))}
        </div>
        <FieldNotes id={`${id}-languages`} errors={state?.fields?.languages} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Extensions" name="extensions" state={state} defaultValue={initial?.extensions?.join(", ")} hint="Also these, e.g. .py, .pyi" />
        <Field
          label="Folders"
          name="folders"
          state={state}
          as="textarea"
          defaultValue={initial?.folders?.join("\n")}
          hint="One per line, from the repository's root; none: the whole repository."
        />
        <Field label="Target" name="target" state={state} type="number" min={0} step={1} defaultValue={String(initial?.target ?? 0)} hint="Usually 0." />
      </div>
      <FormMessage state={state} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
