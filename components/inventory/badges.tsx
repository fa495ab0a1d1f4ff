import type { AgentReview, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { READINESS_LABELS } from "@/lib/inventory/labels";
import { statusText } from "@/lib/agents/labels";

const STATUS_STYLE: Record<PortStatus, string> = {
  NOT_STARTED: "bg-slate-100 text-slate-700",
  IN_PROGRESS: "bg-amber-100 text-amber-900",
  PORTED: "bg-sky-100 text-sky-900",
  VERIFIED: "bg-green-100 text-green-900",
  RETIRED: "bg-emerald-200 text-emerald-950",
  WONT_PORT: "bg-zinc-200 text-zinc-700",
};
const READINESS_STYLE: Record<Readiness, string> = {
  UNKNOWN: "bg-slate-100 text-slate-700",
  UPGRADE_NEEDED: "bg-amber-100 text-amber-900",
  REPLACE: "bg-orange-100 text-orange-900",
  REMOVE: "bg-rose-100 text-rose-900",
  COMPATIBLE: "bg-green-100 text-green-900",
};

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";
/** The longer words of an agent's work may wrap in a phone's narrow column instead of widening the page. */
const wrappingPill = "inline-flex flex-wrap items-center rounded-xl px-2 py-0.5 text-xs font-medium";

/**
 * An item's status; with `agentReview`, a coding agent's report ("Ported — awaiting
 * confirmation", dashed, marked "agent") is told apart from work a person confirmed.
 */
export function StatusBadge({ status, agentReview }: { status: PortStatus; agentReview?: AgentReview | null }) {
  const awaiting = agentReview === "AWAITING" && status === "PORTED";
  const text = statusText(status, agentReview);
  if (!awaiting) return <span className={`${agentReview ? wrappingPill : pill} ${STATUS_STYLE[status]}`}>{text}</span>;
  return (
    <span
      className={`${wrappingPill} gap-1 border border-dashed border-sky-500 ${STATUS_STYLE[status]}`}
      title="A coding agent reported it ported; no person has confirmed it yet."
    >
      <span className="rounded bg-violet-200 px-1 text-[10px] font-semibold tracking-wide text-violet-900 uppercase">agent</span>
      {text}
    </span>
  );
}

export function ReadinessBadge({ readiness }: { readiness: Readiness | null }) {
  const r = readiness ?? "UNKNOWN";
  return <span className={`${pill} ${READINESS_STYLE[r]}`}>{READINESS_LABELS[r]}</span>;
}

export function BlockedBadge({ count }: { count: number }) {
  if (count === 0) return <span className="text-xs text-slate-500">—</span>;
  return (
    <span className={`${pill} bg-red-100 text-red-800`} title={`Blocked by ${count} unported or unready item${count === 1 ? "" : "s"}`}>
      Blocked · {count}
    </span>
  );
}
