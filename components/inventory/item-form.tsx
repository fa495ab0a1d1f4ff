"use client";

import { startTransition, useActionState, useRef } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { GateRefusalPanel } from "@/components/evidence/gate-refusal";

type Option = { value: string; label: string };
export type ItemFormValues = Record<string, string>;

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  kind: "ROUTE" | "MODULE" | "DEPENDENCY";
  hidden: Record<string, string>;
  values?: ItemFormValues;
  options: { methods: string[]; statuses: Option[]; readiness: Option[]; servedBy: Option[]; owners: Option[] };
  submitLabel: string;
  /** May override an evidence gate with a reason (managers, admins); the server checks again. */
  mayOverrideGate?: boolean;
};

const opts = (list: Option[]) =>
  list.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));

/** Create or edit one inventory item; the fields depend on its kind. */
export function ItemForm({ action, kind, hidden, values = {}, options, submitLabel, mayOverrideGate = false }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  /** Sends the form again as it stands, with the manager's reason for overriding the gate. */
  const overrideGate = (reason: string) => {
    if (!form.current) return;
    const data = new FormData(form.current);
    data.set("overrideGateReason", reason);
    startTransition(() => formAction(data));
  };
  const v = (name: string, fallback = "") => values[name] ?? fallback;
  return (
    <form ref={form} action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      <div className="grid gap-4 sm:grid-cols-4">
        {kind === "ROUTE" ? (
          <>
            <Field label="Method" name="method" as="select" state={state} defaultValue={v("method", "GET")}>
              {opts(options.methods.map((m) => ({ value: m, label: m })))}
            </Field>
            <div className="sm:col-span-3">
              <Field
                label="Path pattern"
                name="path"
                state={state}
                defaultValue={v("path")}
                required
                maxLength={2000}
                placeholder="/user/<int:id>"
                hint="Any syntax: <id>, <int:id>, :id or {id} — stored as <id>."
              />
            </div>
            <div className="sm:col-span-2">
              <Field label="Handler" name="handler" state={state} defaultValue={v("handler")} maxLength={500} placeholder="users.views.profile" />
            </div>
          </>
        ) : kind === "MODULE" ? (
          <div className="sm:col-span-4">
            <Field label="Module path or name" name="path" state={state} defaultValue={v("path")} required maxLength={1000} placeholder="app/billing" />
          </div>
        ) : (
          <>
            <div className="sm:col-span-2">
              <Field label="Name" name="name" state={state} defaultValue={v("name")} required maxLength={300} placeholder="stripe/stripe-php" />
            </div>
            <Field label="Current version" name="currentVersion" state={state} defaultValue={v("currentVersion")} maxLength={100} />
            <Field label="Target version" name="targetVersion" state={state} defaultValue={v("targetVersion")} maxLength={100} />
            <Field label="Readiness" name="readiness" as="select" state={state} defaultValue={v("readiness", "UNKNOWN")}>
              {opts(options.readiness)}
            </Field>
            <div className="sm:col-span-3">
              <Field
                label="Replace with"
                name="replacement"
                state={state}
                defaultValue={v("replacement")}
                maxLength={300}
                hint="For readiness “Replace”: the named replacement (Fabric → Fabric3)."
              />
            </div>
          </>
        )}
        {kind !== "DEPENDENCY" ? (
          <>
            <Field label="Traffic (requests/day)" name="trafficPerDay" type="number" min={0} state={state} defaultValue={v("trafficPerDay", "0")} />
            <Field label="Size (lines)" name="size" type="number" min={0} state={state} defaultValue={v("size")} />
            <Field
              label="Test coverage (%)"
              name="testCoverage"
              state={state}
              defaultValue={v("testCoverage")}
              maxLength={5}
              hint="0–100, or none / some / good."
            />
          </>
        ) : null}
        <Field label="Complexity (1–5)" name="complexity" as="select" state={state} defaultValue={v("complexity", "3")}>
          {opts([1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n}${n === 1 ? " — trivial" : n === 5 ? " — hardest" : ""}` })))}
        </Field>
        <Field label="Owner" name="owner" as="select" state={state} defaultValue={v("owner")}>
          <option value="">Nobody</option>
          {opts(options.owners)}
        </Field>
        <Field label="Status" name="status" as="select" state={state} defaultValue={v("status", "NOT_STARTED")}>
          {opts(options.statuses)}
        </Field>
        <div className="sm:col-span-4">
          <Field
            label="Reason (for won't port)"
            name="statusReason"
            state={state}
            defaultValue={v("statusReason")}
            maxLength={2000}
            placeholder="If it ain't broke: stays on the legacy stack until it is retired."
          />
        </div>
      </div>
      <Field label="Notes" name="notes" as="textarea" state={state} defaultValue={v("notes")} maxLength={20000} />
      <Field
        label="Links (one per line)"
        name="links"
        as="textarea"
        state={state}
        defaultValue={v("links")}
        maxLength={40000}
        hint="Tickets, pull requests, dashboards: http(s) or mailto: URLs."
      />
      {state?.gate ? (
        <GateRefusalPanel refusal={state.gate} message={state.error ?? ""} mayOverride={mayOverrideGate} onOverride={overrideGate} pending={pending} />
      ) : (
        <FormMessage state={state} />
      )}
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
