"use client";

import { startTransition, useActionState, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { GateRefusalPanel } from "@/components/evidence/gate-refusal";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Moves one route's traffic: legacy, shadow, canary N %, new — with a reason, and (for an admin,
 * while a freeze window is on) an override with its own reason. `expected` is the state the page
 * showed, so a switch someone made meanwhile answers 409 instead of being overwritten.
 */
export function SwitchPanel({
  action,
  hidden,
  current,
  frozen,
  mayOverride,
  mayOverrideGate = false,
}: {
  action: Action;
  hidden: Record<string, string>;
  /** "legacy", "shadow", "new" or "canary:N". */
  current: string;
  /** The freeze window in force, if any. */
  frozen: { reason: string; end: string } | null;
  mayOverride: boolean;
  /** May override the switch-to-new gate with a reason (managers, admins); the server checks again. */
  mayOverrideGate?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  const overrideGate = (reason: string) => {
    if (!form.current) return;
    const data = new FormData(form.current);
    data.set("overrideGateReason", reason);
    startTransition(() => formAction(data));
  };
  const [to, setTo] = useState(current.startsWith("canary") ? "canary" : current);
  const percent = current.startsWith("canary:") ? current.slice(7) : "10";
  return (
    <form ref={form} action={formAction} className="space-y-3" aria-label="Switch this route's traffic">
      {Object.entries({ ...hidden, expected: current }).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <fieldset>
        <legend className="label">Send its traffic to</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {[
            ["legacy", "Legacy"],
            ["shadow", "Shadow (legacy answers, new gets a copy)"],
            ["canary", "Canary"],
            ["new", "New"],
          ].map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-1">
              <input type="radio" name="to" value={value} checked={to === value} onChange={() => setTo(value)} /> {label}
            </label>
          ))}
        </div>
      </fieldset>
      {to === "canary" ? (
        <Field label="Share of clients sent to new (%)" name="percent" type="number" min={1} max={99} defaultValue={percent} state={state} required />
      ) : null}
      <Field label="Why" name="reason" state={state} required maxLength={500} hint="Kept in the history: what justified it, or what went wrong." />
      {frozen ? (
        <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Frozen until {frozen.end}: {frozen.reason}.{" "}
          {mayOverride
            ? "As an admin you may override, with a reason."
            : "Only an admin may override. Going back to legacy is always possible with the kill switch."}
        </div>
      ) : null}
      {frozen && mayOverride ? <Field label="Override reason" name="overrideReason" state={state} maxLength={500} /> : null}
      {state?.gate ? (
        <GateRefusalPanel refusal={state.gate} message={state.error ?? ""} mayOverride={mayOverrideGate} onOverride={overrideGate} pending={pending} />
      ) : (
        <FormMessage state={state} />
      )}
      <SubmitButton pendingText="Switching…">Switch</SubmitButton>
    </form>
  );
}
