import type { AgendaKind, ItemKind } from "@/lib/generated/prisma/enums";
import type { RankTier } from "@/lib/ranking/types";
import { formatCount, formatShare } from "@/lib/ranking/reasons";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import { invalid } from "@/lib/errors";

/**
 * The agenda a weekly meeting starts from, proposed from the project's state. Stewards then
 * reorder, remove and add entries; this module only makes the first draft. Pure: the caller
 * loads the state (ranking, claims, decisions, office-hours sign-ups, action items).
 */

/** OVERDUE_ACTION | STALE_CLAIM | DECISION | QUESTION | BLOCKED | TARGET | CUSTOM, as stored. */
export type { AgendaKind };

export type AgendaEntry = {
  kind: AgendaKind;
  title: string;
  detail: string;
  /** The items it is about, for links: the entry's own item first. */
  itemIds: string[];
  /** The decision, question or action item it comes from; null for the others. */
  refId: string | null;
};

export type AgendaState = {
  /** From the ranking, best first. */
  targets: {
    id: string;
    key: string;
    kind: ItemKind;
    tier: RankTier;
    reasons: string[];
    claimedBy: string | null;
    position: number;
    /** RankedItem.trafficShare (0–1); shown in the title when given. */
    trafficShare?: number;
  }[];
  /** In the caller's order (listClaims: oldest claim first). */
  staleClaims: { itemId: string; itemKey: string; holderName: string; reasons: string[] }[];
  blocked: {
    id: string;
    key: string;
    kind: ItemKind;
    trafficPerDay: number;
    blockedBy: { id: string; key: string; kind: ItemKind }[];
  }[];
  proposedDecisions: { id: string; title: string; createdAt: Date }[];
  /** Asked at office hours since the last meeting; the caller picks the window. */
  questions: { id: string; topic: string; askedBy: string; itemId: string | null; itemKey: string | null; sessionDate: string }[];
  /** Open action items past their due date ("YYYY-MM-DD"). */
  overdueActions: { id: string; text: string; ownerName: string | null; dueDate: string; itemIds: string[] }[];
};

export type AgendaOptions = {
  /** How many unclaimed targets to hand out; default 5. */
  targets?: number;
  /** How many blocked items to discuss; default 5. */
  blocked?: number;
};

export const DEFAULT_AGENDA_TARGETS = 5;
export const DEFAULT_AGENDA_BLOCKED = 5;

/** The longest a free-text part (an action's text, a question's topic, a decision's title) gets in a title. */
const TITLE_TEXT_MAX = 100;

/**
 * The proposed agenda, in this order:
 *
 * 1. Overdue action items, most overdue first — promises from earlier meetings that slipped.
 * 2. Stale claims, in the caller's order — "still on it?". Both are quick yes/no rounds, and
 *    releasing a stale claim frees a person (and an item) before anything new is handed out.
 * 3. Proposed decisions, oldest first — an open decision often holds work back, and the
 *    people who must take it are in the room.
 * 4. Office-hours questions, by session date — raised by others; answering them is the
 *    stewards' side of the deal.
 * 5. Blocked items, most traffic first (capped) — what to unblock next.
 * 6. Unclaimed targets in rank order (capped) — handed out last, once the meeting knows who is
 *    free and what stays blocked.
 *
 * Commitments (1–4) are never capped: a slipped promise left off the agenda slips again. The two
 * lists taken from the ranking are, as they could fill any meeting. Sorts are stable: ties keep
 * the caller's order, so the same state always gives the same agenda.
 *
 * Blocked items get one entry each, not one per blocker: traffic orders them and the item is what
 * gets discussed. A blocker that also holds back other blocked items says so in each entry
 * ("module app/billing (also holds back 2 other blocked items)"), which shows where one fix frees
 * several without a second kind of entry to keep in step.
 */
export function proposeAgenda(state: AgendaState, options: AgendaOptions = {}): AgendaEntry[] {
  const targetCap = cap(options.targets, DEFAULT_AGENDA_TARGETS);
  const blockedCap = cap(options.blocked, DEFAULT_AGENDA_BLOCKED);
  return [
    ...sortBy(state.overdueActions, (a, b) => compare(a.dueDate, b.dueDate)).map(overdueEntry),
    ...state.staleClaims.map(staleEntry),
    ...sortBy(state.proposedDecisions, (a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(decisionEntry),
    ...sortBy(state.questions, (a, b) => compare(a.sessionDate, b.sessionDate)).map(questionEntry),
    ...blockedEntries(state.blocked, blockedCap),
    ...sortBy(
      state.targets.filter((t) => t.claimedBy === null && t.tier !== "blocked"),
      (a, b) => a.position - b.position,
    )
      .slice(0, targetCap)
      .map(targetEntry),
  ];
}

/**
 * The entries in a new order: `order[i]` is the current index of the entry to put at position i.
 * It must name every entry exactly once (removing is a separate step, so a short list is a
 * mistake rather than a deletion).
 */
export function reorderAgenda<T>(entries: readonly T[], order: readonly number[]): T[] {
  const seen = new Set<number>();
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= entries.length || seen.has(i)) {
      throw invalid("The new order must list every agenda entry exactly once.");
    }
    seen.add(i);
  }
  if (seen.size !== entries.length) throw invalid("The new order must list every agenda entry exactly once.");
  return order.map((i) => entries[i]);
}

function overdueEntry(a: AgendaState["overdueActions"][number]): AgendaEntry {
  const { text, clipped } = clip(a.text);
  const who = a.ownerName ? `Owned by ${a.ownerName}` : "No owner";
  return {
    kind: "OVERDUE_ACTION",
    title: `Overdue: ${text}`,
    detail: `${clipped ? `${a.text}\n` : ""}${who}, was due ${a.dueDate}.`,
    itemIds: [...a.itemIds],
    refId: a.id,
  };
}

function staleEntry(c: AgendaState["staleClaims"][number]): AgendaEntry {
  return {
    kind: "STALE_CLAIM",
    title: `Still on it? ${c.itemKey} — ${c.holderName}`,
    detail: c.reasons.length ? `Claimed by ${c.holderName}: ${c.reasons.join(", ")}.` : `Claimed by ${c.holderName}.`,
    itemIds: [c.itemId],
    refId: null,
  };
}

function decisionEntry(d: AgendaState["proposedDecisions"][number]): AgendaEntry {
  const { text: title, clipped } = clip(d.title);
  return {
    kind: "DECISION",
    title: `Decide: ${title}`,
    detail: `${clipped ? `${d.title}\n` : ""}Proposed on ${d.createdAt.toISOString().slice(0, 10)}.`,
    itemIds: [],
    refId: d.id,
  };
}

function questionEntry(q: AgendaState["questions"][number]): AgendaEntry {
  const { text: topic, clipped } = clip(q.topic);
  const about = q.itemKey ? `, about ${q.itemKey}` : "";
  return {
    kind: "QUESTION",
    title: `Question: ${topic}`,
    detail: `${clipped ? `${q.topic}\n` : ""}Asked by ${q.askedBy} at office hours on ${q.sessionDate}${about}.`,
    itemIds: q.itemId ? [q.itemId] : [],
    refId: q.id,
  };
}

function blockedEntries(blocked: AgendaState["blocked"], limit: number): AgendaEntry[] {
  // Which blocked items each blocker holds back, over the whole list (not only the shown part):
  // "also holds back 3 others" is the reason to fix it first, shown or not.
  const heldBack = new Map<string, Set<string>>();
  for (const item of blocked) {
    for (const b of item.blockedBy) {
      let set = heldBack.get(b.id);
      if (!set) heldBack.set(b.id, (set = new Set()));
      set.add(item.id);
    }
  }
  const sorted = sortBy(blocked, (a, b) => b.trafficPerDay - a.trafficPerDay || compare(a.key, b.key) || compare(a.id, b.id));
  return sorted.slice(0, limit).map((item) => {
    const blockers = item.blockedBy.map((b) => {
      const others = (heldBack.get(b.id)?.size ?? 1) - 1;
      return others > 0 ? `${label(b)} (also holds back ${others} other blocked item${others === 1 ? "" : "s"})` : label(b);
    });
    const traffic = item.trafficPerDay > 0 ? ` — ${formatCount(item.trafficPerDay)} requests a day` : "";
    return {
      kind: "BLOCKED",
      title: `Unblock: ${label(item)}${traffic}`,
      detail: blockers.length ? `Blocked by ${blockers.join(", ")}.` : "Blocked; what blocks it is not recorded.",
      itemIds: unique([item.id, ...item.blockedBy.map((b) => b.id)]),
      refId: null,
    };
  });
}

function targetEntry(t: AgendaState["targets"][number]): AgendaEntry {
  const share = t.trafficShare === undefined ? "" : ` — ${t.kind === "ROUTE" ? "" : "unblocks "}${formatShare(t.trafficShare)} of traffic`;
  // The ranking's first reason often names the tier already ("pilot: a low-traffic route…").
  const reasons = t.reasons[0]?.startsWith(`${t.tier}:`) ? [t.reasons[0].slice(t.tier.length + 1).trim(), ...t.reasons.slice(1)] : t.reasons;
  const why = reasons.length ? `: ${reasons.join("; ")}` : "";
  return {
    kind: "TARGET",
    title: `Hand out: ${label(t)}${share}`,
    detail: `#${t.position} in the ranking, ${t.tier}${why}.`,
    itemIds: [t.id],
    refId: null,
  };
}

/** Routes read on their own ("GET /checkout"); modules and dependencies are named as such. */
const label = (i: { kind: ItemKind; key: string }) => (i.kind === "ROUTE" ? i.key : `${KIND_SINGULAR[i.kind]} ${i.key}`);

/** Whole, non-negative; absent or NaN → the default; Infinity → everything. */
function cap(value: number | undefined, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  return Math.max(0, Math.floor(value));
}

/** Free text for a title: on one line, and cut with "…" past TITLE_TEXT_MAX (the detail then keeps it whole). */
function clip(full: string): { text: string; clipped: boolean } {
  const text = full.replace(/\s+/g, " ").trim();
  return text.length <= TITLE_TEXT_MAX ? { text, clipped: false } : { text: `${text.slice(0, TITLE_TEXT_MAX - 1).trimEnd()}…`, clipped: true };
}

/** Code-unit order, the same in every locale (localeCompare is not). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A sorted copy; Array.prototype.sort is stable, so ties keep the input order. */
const sortBy = <T>(list: readonly T[], cmp: (a: T, b: T) => number): T[] => [...list].sort(cmp);

const unique = (ids: string[]) => [...new Set(ids)];
