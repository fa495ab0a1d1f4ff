"use client";

import { useState } from "react";
import type { CallResult } from "@/lib/actions/org-action";
import { FieldErrors as Errors, useFieldForm } from "@/components/forms/use-field-form";
import { describeRequirement, requirementSchema, type GateName } from "@/lib/evidence/gates";
import { GATE_TITLES } from "@/lib/inventory/evidence-format";
import {
  blankRequirement,
  formToGateConfig,
  GATE_NAMES,
  KIND_OPTIONS,
  NUMBER_FIELDS,
  profilesFromText,
  requirementFromForm,
  type GateForm,
  type NumberKey,
  type RequirementForm,
} from "@/lib/projects/gate-form";
import type { EvidenceKind } from "@/lib/evidence/schemas";

type Save = (config: Record<string, unknown>) => Promise<CallResult<{ verified: number; switchToNew: number }>>;

const GATE_HELP: Record<GateName, string> = {
  verified: "What an item needs before anyone marks it Verified.",
  switchToNew: "What a route needs before its traffic is switched to new.",
};

/** The live description of a requirement as typed, or null while it does not parse. */
function describe(req: RequirementForm, profiles: string): string | null {
  const parsed = requirementSchema.safeParse(requirementFromForm(req));
  return parsed.success ? describeRequirement(parsed.data, { profiles: profilesFromText(profiles) }) : null;
}

/**
 * The project's gates, edited by stewards: the user profiles, and per gate a list of requirements.
 * Saved as one configuration (validated on the server by `gateConfigSchema`); the server's
 * messages come back to their fields.
 */
export function GatesEditor({ initial, save }: { initial: GateForm; save: Save }) {
  const [form, setForm] = useState<GateForm>(initial);
  const {
    fid,
    err,
    aria,
    fields,
    message,
    pending,
    submit: run,
  } = useFieldForm(
    (data: { verified: number; switchToNew: number }) => `Gates saved: ${data.verified} requirement(s) for Verified, ${data.switchToNew} for switching to new.`,
  );

  const update = (gate: GateName, index: number, change: Partial<RequirementForm>) =>
    setForm((f) => ({ ...f, [gate]: f[gate].map((r, i) => (i === index ? { ...r, ...change } : r)) }));
  const setNumber = (gate: GateName, index: number, key: NumberKey, value: string) =>
    setForm((f) => ({ ...f, [gate]: f[gate].map((r, i) => (i === index ? { ...r, numbers: { ...r.numbers, [key]: value } } : r)) }));
  const add = (gate: GateName) => setForm((f) => ({ ...f, [gate]: [...f[gate], blankRequirement()] }));
  const remove = (gate: GateName, index: number) => setForm((f) => ({ ...f, [gate]: f[gate].filter((_, i) => i !== index) }));

  const submit = () => run(() => save(formToGateConfig(form)));

  return (
    <form
      className="space-y-6"
      aria-label="Evidence gates"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div>
        <label htmlFor={fid("profiles")} className="label">
          User profiles
        </label>
        <input
          id={fid("profiles")}
          className="input"
          value={form.profiles}
          onChange={(e) => setForm((f) => ({ ...f, profiles: e.target.value }))}
          placeholder="anonymous, patron, admin"
          aria-describedby={`${fid("profiles")}-hint${err("profiles") ? ` ${fid("profiles")}-error` : ""}`}
          aria-invalid={err("profiles") ? true : undefined}
        />
        <p id={`${fid("profiles")}-hint`} className="mt-1 text-xs text-slate-500">
          Comma-separated. A smoke requirement for “every profile” needs a passing smoke check as each of them.
        </p>
        <Errors
          id={`${fid("profiles")}-error`}
          messages={[...(err("profiles") ?? []), ...Object.entries(fields).flatMap(([k, v]) => (k.startsWith("profiles.") ? v : []))]}
        />
      </div>

      {GATE_NAMES.map((gate) => (
        <fieldset key={gate} className="space-y-3 rounded-md border border-slate-200 p-4" data-testid={`gate-editor-${gate}`}>
          <legend className="px-1 text-base font-semibold">{GATE_TITLES[gate]}</legend>
          <p className="text-sm text-slate-600">
            {GATE_HELP[gate]} {form[gate].length === 0 ? "No requirement: nothing is asked." : null}
          </p>
          <Errors id={fid(gate)} messages={err(gate)} />
          <ol className="space-y-3">
            {form[gate].map((req, i) => {
              const p = `${gate}.${i}`;
              const description = describe(req, form.profiles);
              return (
                <li key={i} className="rounded-md bg-slate-50 p-3" aria-label={`Requirement ${i + 1}`}>
                  <div className="grid gap-3 sm:grid-cols-4">
                    <div>
                      <label htmlFor={fid(`${p}.kind`)} className="label">
                        Kind
                      </label>
                      <select
                        id={fid(`${p}.kind`)}
                        className="input"
                        value={req.kind}
                        onChange={(e) => update(gate, i, { kind: e.target.value as EvidenceKind })}
                        {...aria(`${p}.kind`)}
                      >
                        {KIND_OPTIONS.map((k) => (
                          <option key={k} value={k}>
                            {k}
                          </option>
                        ))}
                      </select>
                      <Errors id={`${fid(`${p}.kind`)}-error`} messages={err(`${p}.kind`)} />
                    </div>
                    <div>
                      <label htmlFor={fid(`${p}.name`)} className="label">
                        Check name (optional)
                      </label>
                      <input
                        id={fid(`${p}.name`)}
                        className="input"
                        value={req.name}
                        maxLength={200}
                        placeholder="any"
                        onChange={(e) => update(gate, i, { name: e.target.value })}
                        {...aria(`${p}.name`)}
                      />
                      <Errors id={`${fid(`${p}.name`)}-error`} messages={err(`${p}.name`)} />
                    </div>
                    <div>
                      <label htmlFor={fid(`${p}.maxAgeDays`)} className="label">
                        At most days old
                      </label>
                      <input
                        id={fid(`${p}.maxAgeDays`)}
                        className="input"
                        inputMode="numeric"
                        value={req.maxAgeDays}
                        placeholder="any age"
                        onChange={(e) => update(gate, i, { maxAgeDays: e.target.value })}
                        {...aria(`${p}.maxAgeDays`)}
                      />
                      <Errors id={`${fid(`${p}.maxAgeDays`)}-error`} messages={err(`${p}.maxAgeDays`)} />
                    </div>
                    <div>
                      <label htmlFor={fid(`${p}.conclusion`)} className="label">
                        Accepts
                      </label>
                      <select
                        id={fid(`${p}.conclusion`)}
                        className="input"
                        value={req.conclusion}
                        onChange={(e) => update(gate, i, { conclusion: e.target.value as "success" | "neutral" })}
                        {...aria(`${p}.conclusion`)}
                      >
                        <option value="success">success only</option>
                        <option value="neutral">success or neutral</option>
                      </select>
                      <Errors id={`${fid(`${p}.conclusion`)}-error`} messages={err(`${p}.conclusion`)} />
                    </div>
                    {req.kind === "smoke" ? (
                      <div className="flex items-end sm:col-span-2">
                        <label className="inline-flex items-center gap-2 text-sm">
                          <input type="checkbox" checked={req.everyProfile} onChange={(e) => update(gate, i, { everyProfile: e.target.checked })} />
                          One passing smoke check per profile
                        </label>
                      </div>
                    ) : null}
                    {NUMBER_FIELDS[req.kind].map(({ key, label }) => (
                      <div key={key}>
                        <label htmlFor={fid(`${p}.${key}`)} className="label">
                          {label}
                        </label>
                        <input
                          id={fid(`${p}.${key}`)}
                          className="input"
                          inputMode="decimal"
                          value={req.numbers[key] ?? ""}
                          placeholder="no limit"
                          onChange={(e) => setNumber(gate, i, key, e.target.value)}
                          {...aria(`${p}.${key}`)}
                        />
                        <Errors id={`${fid(`${p}.${key}`)}-error`} messages={err(`${p}.${key}`)} />
                      </div>
                    ))}
                  </div>
                  <Errors id={`${fid(p)}-error`} messages={err(p)} />
                  <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
                    <p className="text-sm text-slate-700" aria-live="polite" data-testid="requirement-description">
                      {description ? `Asks for: ${description}` : "Fix the fields above to see what it asks for."}
                    </p>
                    <button
                      type="button"
                      className="btn-secondary px-2 py-1 text-xs"
                      onClick={() => remove(gate, i)}
                      aria-label={`Remove requirement ${i + 1} of the ${GATE_TITLES[gate]}`}
                    >
                      Remove
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <button type="button" className="btn-secondary" onClick={() => add(gate)} disabled={form[gate].length >= 20}>
            Add a requirement to the {GATE_TITLES[gate]}
          </button>
        </fieldset>
      ))}

      {message ? (
        <div
          role={message.ok ? "status" : "alert"}
          className={`rounded-md border px-3 py-2 text-sm ${message.ok ? "border-green-200 bg-green-50 text-green-800" : "border-red-200 bg-red-50 text-red-800"}`}
        >
          {message.text}
        </div>
      ) : null}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save gates"}
      </button>
    </form>
  );
}
