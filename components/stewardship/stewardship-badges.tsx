import type { AgendaKind, DecisionStatus } from "@/lib/generated/prisma/enums";

/** Badges of the stewardship pages: an agenda entry's kind, a decision's status. Server-safe. */

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

export const AGENDA_KIND_LABELS: Record<AgendaKind, string> = {
  OVERDUE_ACTION: "Overdue action",
  STALE_CLAIM: "Stale claim",
  DECISION: "Decision",
  QUESTION: "Question",
  BLOCKED: "Blocked",
  TARGET: "Target",
  CUSTOM: "Added",
};

const AGENDA_KIND_STYLE: Record<AgendaKind, string> = {
  OVERDUE_ACTION: "bg-red-100 text-red-800",
  STALE_CLAIM: "bg-amber-100 text-amber-900",
  DECISION: "bg-violet-100 text-violet-900",
  QUESTION: "bg-sky-100 text-sky-900",
  BLOCKED: "bg-rose-100 text-rose-900",
  TARGET: "bg-green-100 text-green-900",
  CUSTOM: "bg-slate-100 text-slate-700",
};

export function AgendaKindBadge({ kind }: { kind: AgendaKind }) {
  return <span className={`${pill} ${AGENDA_KIND_STYLE[kind]}`}>{AGENDA_KIND_LABELS[kind]}</span>;
}

export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  PROPOSED: "Proposed",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  SUPERSEDED: "Superseded",
};

const DECISION_STATUS_STYLE: Record<DecisionStatus, string> = {
  PROPOSED: "bg-amber-100 text-amber-900",
  ACCEPTED: "bg-green-100 text-green-900",
  REJECTED: "bg-zinc-200 text-zinc-700",
  SUPERSEDED: "bg-slate-100 text-slate-600",
};

export function DecisionStatusBadge({ status }: { status: DecisionStatus }) {
  return <span className={`${pill} ${DECISION_STATUS_STYLE[status]}`}>{DECISION_STATUS_LABELS[status]}</span>;
}
