/**
 * What Progress says about coding agents (issue 23): who ports (agents or people, per week in the
 * project's time zone), how often agents' work is confirmed as submitted or sent back, how long
 * claim → submitted → confirmed takes, and how often a switch is rolled back by origin. The
 * figures are pure functions of rows; `getAgentProgress` reads the rows.
 */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { dayKey, weekStart, type DayKey } from "@/lib/time/days";

/** An item's status becoming Ported (an ItemChange row). */
export type PortedChange = { itemId: string; at: Date };
export type SubmissionFacts = {
  itemId: string;
  claimedAt: Date;
  submittedAt: Date;
  outcome: "CONFIRMED" | "SENT_BACK" | null;
  decidedAt: Date | null;
};
/** A traffic switch, with whether the route's port was an agent's (its agentReview is set). */
export type SwitchFacts = { itemId: string; at: Date; fromState: string; toState: string; byAgent: boolean };

/** A status change this close to a submission of the same item is the submission's own. */
const SAME_MOMENT_MS = 60_000;

export type WeekRow = { week: DayKey; agents: number; people: number; agentShare: number | null };

/**
 * Items ported per week by origin: agents' are the confirmed submissions (by the week they were
 * submitted), people's are the changes to Ported that no submission made. Weeks start on Monday
 * in the project's zone; weeks with neither are left out.
 */
export function portedByWeek(changes: PortedChange[], submissions: SubmissionFacts[], timeZone: string): WeekRow[] {
  const byItem = new Map<string, number[]>();
  for (const s of submissions) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s.submittedAt.getTime()]);
  const weeks = new Map<DayKey, { agents: number; people: number }>();
  const bump = (at: Date, who: "agents" | "people") => {
    const week = weekStart(dayKey(at, timeZone));
    const row = weeks.get(week) ?? { agents: 0, people: 0 };
    row[who]++;
    weeks.set(week, row);
  };
  for (const c of changes) {
    const submitted = byItem.get(c.itemId) ?? [];
    if (!submitted.some((ms) => Math.abs(ms - c.at.getTime()) <= SAME_MOMENT_MS)) bump(c.at, "people");
  }
  for (const s of submissions) if (s.outcome === "CONFIRMED") bump(s.submittedAt, "agents");
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, { agents, people }]) => ({ week, agents, people, agentShare: share(agents, agents + people) }));
}

export type OutcomeShares = { confirmed: number; sentBack: number; awaiting: number; confirmedShare: number | null };

/** Of the answered submissions, the share confirmed as submitted (the rest were sent back). */
export function outcomeShares(submissions: SubmissionFacts[]): OutcomeShares {
  const confirmed = submissions.filter((s) => s.outcome === "CONFIRMED").length;
  const sentBack = submissions.filter((s) => s.outcome === "SENT_BACK").length;
  return { confirmed, sentBack, awaiting: submissions.length - confirmed - sentBack, confirmedShare: share(confirmed, confirmed + sentBack) };
}

/** The median of durations (ms); null for none. An even count takes the mean of the middle two. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export type Durations = { claimToSubmittedMs: number | null; submittedToConfirmedMs: number | null };

/** Median claim → submitted (every submission) and submitted → confirmed (the confirmed ones). */
export function medianDurations(submissions: SubmissionFacts[]): Durations {
  return {
    claimToSubmittedMs: median(submissions.map((s) => s.submittedAt.getTime() - s.claimedAt.getTime())),
    submittedToConfirmedMs: median(
      submissions.filter((s) => s.outcome === "CONFIRMED" && s.decidedAt).map((s) => s.decidedAt!.getTime() - s.submittedAt.getTime()),
    ),
  };
}

export type RollbackRow = { origin: "agent" | "person"; switchedRoutes: number; rolledBackRoutes: number; rollbackShare: number | null };

/**
 * Rollbacks after a switch, by the origin of the route's port: of the routes that were sent to
 * new or a canary, how many went back to legacy from there afterwards.
 */
export function rollbacksByOrigin(switches: SwitchFacts[]): RollbackRow[] {
  const switched = { agent: new Set<string>(), person: new Set<string>() };
  const rolledBack = { agent: new Set<string>(), person: new Set<string>() };
  const ordered = [...switches].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const s of ordered) {
    const origin = s.byAgent ? "agent" : "person";
    if (s.toState === "NEW" || s.toState === "CANARY") switched[origin].add(s.itemId);
    if (s.toState === "LEGACY" && (s.fromState === "NEW" || s.fromState === "CANARY")) rolledBack[origin].add(s.itemId);
  }
  return (["agent", "person"] as const).map((origin) => ({
    origin,
    switchedRoutes: switched[origin].size,
    rolledBackRoutes: rolledBack[origin].size,
    rollbackShare: share(rolledBack[origin].size, switched[origin].size),
  }));
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export type AgentProgress = {
  /** false until an agent has submitted anything: the panel shows its empty state. */
  any: boolean;
  weeks: WeekRow[];
  outcomes: OutcomeShares;
  durations: Durations;
  rollbacks: RollbackRow[];
};

/** Everything the agents panel shows, from the project's rows. */
export function agentProgress(input: { changes: PortedChange[]; submissions: SubmissionFacts[]; switches: SwitchFacts[]; timeZone: string }): AgentProgress {
  return {
    any: input.submissions.length > 0,
    weeks: portedByWeek(input.changes, input.submissions, input.timeZone),
    outcomes: outcomeShares(input.submissions),
    durations: medianDurations(input.submissions),
    rollbacks: rollbacksByOrigin(input.switches),
  };
}

/** Rows read per kind: far more than a project's items, and a bound on a runaway history. */
const MAX_ROWS = 100_000;

export async function getAgentProgress(db: Db, ctx: OrgContext, projectId: string): Promise<AgentProgress> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId };
  const submissions = await db.agentSubmission.findMany({
    where: scope,
    select: { itemId: true, claimedAt: true, submittedAt: true, outcome: true, decidedAt: true },
    take: MAX_ROWS,
  });
  if (submissions.length === 0) return agentProgress({ changes: [], submissions: [], switches: [], timeZone: project.timeZone });
  const changes = await db.itemChange.findMany({ where: { ...scope, field: "status", toValue: "PORTED" }, select: { itemId: true, at: true }, take: MAX_ROWS });
  const switches = await db.trafficSwitch.findMany({
    where: scope,
    select: { itemId: true, at: true, fromState: true, toState: true, item: { select: { agentReview: true } } },
    take: MAX_ROWS,
  });
  return agentProgress({
    changes,
    submissions,
    switches: switches.map((s) => ({ itemId: s.itemId, at: s.at, fromState: s.fromState, toState: s.toState, byAgent: s.item.agentReview !== null })),
    timeZone: project.timeZone,
  });
}
