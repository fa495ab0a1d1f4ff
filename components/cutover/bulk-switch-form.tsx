"use client";

import { startTransition, useActionState, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage } from "@/components/forms/fields";
import { GateRefusalPanel } from "@/components/evidence/gate-refusal";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** A share of traffic in words: "12.5 %", "< 0.1 %". Pure. */
export function shareText(part: number, total: number): string {
  if (total <= 0) return "0 %";
  const share = (part / total) * 100;
  return share > 0 && share < 0.1 ? "< 0.1 %" : `${share.toFixed(1)} %`;
}

/**
 * Switches the selected routes together. The confirmation names how many routes and what share of
 * the project's traffic moves, before anything does.
 */
export function BulkSwitchForm({
  action,
  hidden,
  ids,
  selectedTraffic,
  totalTraffic,
  onDone,
  mayOverrideGate = false,
}: {
  action: Action;
  hidden: Record<string, string>;
  ids: string[];
  selectedTraffic: number;
  totalTraffic: number;
  /** Called with the result when the switch went through (the form goes away with the selection). */
  onDone: (result: ActionState) => void;
  /** May override the switch-to-new gate with a reason (managers, admins); the server checks again. */
  mayOverrideGate?: boolean;
}) {
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const result = await action(prev, data);
    if (result?.ok) onDone(result);
    return result;
  }, null);
  const [to, setTo] = useState("new");
  const form = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const share = shareText(selectedTraffic, totalTraffic);
  return (
    <form
      ref={form}
      action={formAction}
      className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3"
      aria-label="Switch the selected routes' traffic"
      onSubmit={(e) => {
        e.preventDefault();
        if (form.current?.reportValidity()) dialog.current?.showModal();
      }}
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {ids.map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      <div>
        <label htmlFor="bulk-to" className="label">
          Switch traffic to
        </label>
        <select id="bulk-to" name="to" className="input py-1.5" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="legacy">Legacy</option>
          <option value="shadow">Shadow</option>
          <option value="canary">Canary</option>
          <option value="new">New</option>
        </select>
      </div>
      {to === "canary" ? (
        <div>
          <label htmlFor="bulk-percent" className="label">
            % to new
          </label>
          <input id="bulk-percent" name="percent" type="number" min={1} max={99} defaultValue={10} className="input w-24 py-1.5" required />
        </div>
      ) : null}
      <div className="min-w-48 flex-1">
        <label htmlFor="bulk-reason" className="label">
          Why
        </label>
        <input id="bulk-reason" name="reason" className="input py-1.5" required minLength={3} maxLength={500} />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Switching…" : "Switch…"}
      </button>
      {state?.gate ? (
        <div className="basis-full">
          <GateRefusalPanel
            refusal={state.gate}
            message={state.error ?? ""}
            mayOverride={mayOverrideGate}
            pending={pending}
            onOverride={(reason) => {
              if (!form.current) return;
              const data = new FormData(form.current);
              data.set("overrideGateReason", reason);
              startTransition(() => formAction(data));
            }}
          />
        </div>
      ) : (
        <FormMessage state={state} />
      )}
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40" aria-labelledby="bulk-switch-title">
        <h2 id="bulk-switch-title" className="text-lg font-semibold">
          Switch {ids.length} route{ids.length === 1 ? "" : "s"} to {to}?
        </h2>
        <p className="mt-2 text-sm text-slate-600" data-testid="bulk-switch-summary">
          {ids.length} route{ids.length === 1 ? "" : "s"}, {share} of the project&apos;s traffic, move to {to} when the proxies next pull the configuration.
          Each switch is recorded.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn-secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className="btn-primary"
            onClick={() => {
              dialog.current?.close();
              if (form.current) formAction(new FormData(form.current));
            }}
          >
            Switch {ids.length}
          </button>
        </div>
      </dialog>
    </form>
  );
}
