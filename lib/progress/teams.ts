import type { ItemKind } from "@/lib/generated/prisma/enums";
import { addDays, dayDiff } from "@/lib/time/days";
import type { DayKey } from "./types";

/** An owner is stuck when none of its items moved for this many weeks while it still has work left. */
export const STUCK_WEEKS = 3;
/** "Done lately" and the velocity look at this many weeks, today included. */
export const RECENT_WEEKS = 4;

/** An unfinished item that holds back some of an owner's open items. */
export type TeamBlocker = { id: string; kind: ItemKind; key: string; /** how many of the owner's open items it blocks */ blocks: number };

/** What the database says about one owner (a team, a person or nobody); teamTable turns it into a row. */
export type OwnerFacts = {
  /** "team:<id>", "user:<id>" or "none", as in the owner breakdown. */
  owner: string;
  name: string;
  /** Open items (not started or in progress). */
  remaining: number;
  staleClaims: number;
  /** The last day (project zone) one of its items was added, restored or changed status; null if never. */
  lastMovement: DayKey | null;
  /** Net items moved into a done status (minus those moved out) per day, for recent days. */
  doneByDay: { day: DayKey; done: number }[];
  /** Candidates for its top blocker (any order). */
  blockers: TeamBlocker[];
};

export type TeamRow = {
  owner: string;
  name: string;
  remaining: number;
  /** Net items done in the last RECENT_WEEKS weeks (today included). */
  doneRecently: number;
  /** doneRecently per week, one decimal. */
  velocity: number;
  lastMovement: DayKey | null;
  /** Whole days from the last movement to today; null without any movement. */
  daysSinceMovement: number | null;
  staleClaims: number;
  topBlocker: TeamBlocker | null;
  /** Work left and nothing moved for STUCK_WEEKS weeks (or ever). */
  stuck: boolean;
};

export type TeamTableOptions = { stuckWeeks?: number; recentWeeks?: number };

const round1 = (n: number) => Math.round(n * 10) / 10 || 0;

/**
 * One row per owner: what is left, what got done lately and at what pace, when anything last
 * moved, stale claims, the item that blocks most of its open work, and whether it is stuck.
 * Pure. Sorted as the owner bars are: most left first, then by name.
 */
export function teamTable(owners: OwnerFacts[], today: DayKey, options: TeamTableOptions = {}): TeamRow[] {
  const stuckWeeks = options.stuckWeeks ?? STUCK_WEEKS;
  const recentWeeks = options.recentWeeks ?? RECENT_WEEKS;
  // The window is the last recentWeeks × 7 days, today being the last of them.
  const windowStart = addDays(today, -(recentWeeks * 7 - 1));
  return owners
    .map((o): TeamRow => {
      const doneRecently = o.doneByDay.filter((d) => d.day >= windowStart && d.day <= today).reduce((n, d) => n + d.done, 0);
      const daysSinceMovement = o.lastMovement === null ? null : Math.max(0, dayDiff(o.lastMovement, today));
      const stuck = o.remaining > 0 && (daysSinceMovement === null || daysSinceMovement >= stuckWeeks * 7);
      return {
        owner: o.owner,
        name: o.name,
        remaining: o.remaining,
        doneRecently,
        velocity: round1(doneRecently / recentWeeks),
        lastMovement: o.lastMovement,
        daysSinceMovement,
        staleClaims: o.staleClaims,
        topBlocker: topBlocker(o.blockers),
        stuck,
      };
    })
    .sort((a, b) => b.remaining - a.remaining || a.name.localeCompare(b.name) || a.owner.localeCompare(b.owner));
}

/** The blocker holding back the most items; ties by key, then id, so the answer never depends on order. */
function topBlocker(blockers: TeamBlocker[]): TeamBlocker | null {
  let best: TeamBlocker | null = null;
  for (const b of blockers) {
    if (b.blocks <= 0) continue;
    if (!best || b.blocks > best.blocks || (b.blocks === best.blocks && (b.key < best.key || (b.key === best.key && b.id < best.id)))) best = b;
  }
  return best;
}
