"use client";

import { useEffect, useState, useTransition } from "react";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import type { CallResult } from "@/lib/actions/org-action";
import { STATUS_LABELS } from "@/lib/inventory/labels";
import { useToast, type ToastMessage } from "@/components/layout/toast";
import type { GateRefusal } from "@/lib/actions/action-state";
import { GateRefusalPanel } from "@/components/evidence/gate-refusal";

export type QuickTarget = { org: string; projectId: string; projectSlug: string; itemId: string };
export type QuickCalls = {
  /** `reclaim`: the change completed the caller's own claim, which an undo gives back. */
  setStatus: (target: QuickTarget, status: PortStatus, overrideGate?: { reason: string }) => Promise<CallResult<{ previous: PortStatus; reclaim?: boolean }>>;
  release: (target: QuickTarget) => Promise<CallResult<{ released: true }>>;
  claim: (target: QuickTarget) => Promise<CallResult<{ claimed: true }>>;
  /** May override an evidence gate with a reason (managers, admins); the server checks again. */
  mayOverrideGate?: boolean;
};

/** The next step a status offers, as one button each. Pure. */
export function nextSteps(status: PortStatus): { to: PortStatus; label: string }[] {
  switch (status) {
    case "NOT_STARTED":
      return [
        { to: "IN_PROGRESS", label: "Start" },
        { to: "PORTED", label: "Mark ported" },
      ];
    case "IN_PROGRESS":
      return [{ to: "PORTED", label: "Mark ported" }];
    case "PORTED":
      return [{ to: "VERIFIED", label: "Mark verified" }];
    default:
      return [];
  }
}

type Toast = { text: string; undo?: () => Promise<CallResult<unknown>> } | { error: string };

/**
 * One-click status changes (and release of one's claim) with an undo: the toast says what changed
 * and offers to put it back, for a few seconds — the page's toast (ToastProvider in the project
 * layout) when there is one, so that it outlasts a row the change removes; else one beside the buttons.
 * Undoing "Mark ported" puts the status back and, if it completed your claim, claims the item again.
 */
export function QuickActions({
  target,
  itemKey,
  status,
  canEdit,
  releasable,
  calls,
  size = "sm",
}: {
  target: QuickTarget;
  itemKey: string;
  status: PortStatus;
  canEdit: boolean;
  releasable: boolean;
  calls: QuickCalls;
  size?: "sm" | "md";
}) {
  const [pending, start] = useTransition();
  const [localToast, setToast] = useState<Toast | null>(null);
  /** A gate's refusal stays beside the buttons (not a passing toast): it lists what to do. */
  const [refusal, setRefusal] = useState<{ to: PortStatus; label: string; message: string; gate: GateRefusal } | null>(null);
  const pageToast = useToast();
  const toast = pageToast ? null : localToast;
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 10_000);
    return () => clearTimeout(timer);
  }, [toast]);

  const run = (work: () => Promise<CallResult<unknown>>, done: (data: unknown) => Toast, step?: { to: PortStatus; label: string }) =>
    start(async () => {
      const result = await work();
      if (!result.ok && result.gate && step) {
        setRefusal({ ...step, message: result.error, gate: result.gate });
        return;
      }
      setRefusal(null);
      const next: Toast = result.ok ? done(result.data) : { error: result.error };
      if (pageToast) pageToast(toPageToast(next));
      else setToast(next);
    });
  const setStatus = (step: { to: PortStatus; label: string }, overrideGate?: { reason: string }) =>
    run(
      () => calls.setStatus(target, step.to, overrideGate),
      (data) => {
        const { previous, reclaim } = data as { previous: PortStatus; reclaim?: boolean };
        const undo = async (): Promise<CallResult<unknown>> => {
          const back = await calls.setStatus(target, previous);
          return back.ok && reclaim ? calls.claim(target) : back;
        };
        const overridden = overrideGate ? " (gate overridden)" : "";
        return { text: `${itemKey}: ${STATUS_LABELS[step.to].toLowerCase()}${overridden}${reclaim ? "; your claim is completed" : ""}.`, undo };
      },
      step,
    );
  const button = size === "md" ? "btn-secondary" : "btn-secondary px-2 py-1 text-xs";
  const steps = canEdit ? nextSteps(status) : [];

  return (
    <div className="flex flex-wrap items-center gap-2">
      {steps.map((step) => (
        <button key={step.to} type="button" className={button} disabled={pending} aria-label={`${step.label}: ${itemKey}`} onClick={() => setStatus(step)}>
          {step.label}
        </button>
      ))}
      {releasable ? (
        <button
          type="button"
          className={button}
          disabled={pending}
          aria-label={`Release: ${itemKey}`}
          onClick={() =>
            run(
              () => calls.release(target),
              () => ({ text: `Released ${itemKey}.`, undo: () => calls.claim(target) }),
            )
          }
        >
          Release
        </button>
      ) : null}
      {toast ? (
        <div
          role="status"
          className={`flex items-center gap-2 rounded-md px-2 py-1 text-xs ${"error" in toast ? "bg-red-50 text-red-800" : "bg-slate-800 text-white"}`}
        >
          {"error" in toast ? toast.error : toast.text}
          {"undo" in toast && toast.undo ? (
            <button type="button" className="font-semibold underline" disabled={pending} onClick={() => run(toast.undo!, () => ({ text: "Undone." }))}>
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
      {refusal ? (
        <div className="basis-full">
          <GateRefusalPanel
            refusal={refusal.gate}
            message={refusal.message}
            mayOverride={Boolean(calls.mayOverrideGate)}
            pending={pending}
            onOverride={(reason) => setStatus({ to: refusal.to, label: refusal.label }, { reason })}
          />
        </div>
      ) : null}
    </div>
  );
}

function toPageToast(toast: Toast): ToastMessage {
  if ("error" in toast) return { text: toast.error, error: true };
  const undo = toast.undo;
  return {
    text: toast.text,
    undo: undo
      ? async () => {
          const result = await undo();
          return result.ok ? { ok: true } : { ok: false, error: result.error };
        }
      : undefined,
  };
}
