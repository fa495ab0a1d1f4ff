import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan, assertNotAgent } from "@/lib/auth/permissions";
import { AppError, conflict, invalid, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import { rescheduleSwitchSchema, scheduleSwitchSchema, toInstant } from "./schemas";
import { stateLabel, type TrafficState } from "./states";
import { applySwitches, checkFreeze, columnsOf, lockRoutes, same } from "./switch";
import { assertSwitchAllowed } from "./switch-guard";
import { enqueue } from "@/lib/jobs/enqueue";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath } from "@/lib/projects/paths";
import { statusChanged } from "@/lib/status/events";

/** How far ahead a switch may be planned. */
const MAX_AHEAD_DAYS = 366;
/** At most this many due switches are carried out by one read (the next read does the rest). */
const BATCH = 50;

export type ScheduledSwitchView = {
  id: string;
  itemId: string;
  key: string;
  to: string;
  reason: string;
  runAt: Date;
  status: string;
  outcome: string | null;
};

/** Plans a switch of one route for a later instant. Same rights as switching now. */
export async function scheduleSwitch(db: Db, ctx: OrgContext, projectId: string, raw: unknown): Promise<ScheduledSwitchView> {
  assertCan(ctx.role, "cutover:switch");
  assertNotAgent(ctx, "schedule or change a traffic switch");
  const input = parseInput(scheduleSwitchSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const { timeZone } = await tx.project.findFirstOrThrow({ where: { id: project.id, organizationId: ctx.organizationId }, select: { timeZone: true } });
    const runAt = toInstant(input.at, timeZone);
    const now = clock.nowMs();
    if (!(runAt.getTime() > now)) throw invalid("Choose a time in the future (to switch now, use Switch).", { at: ["In the future."] });
    if (runAt.getTime() > now + MAX_AHEAD_DAYS * 86_400_000)
      throw invalid(`At most ${MAX_AHEAD_DAYS} days ahead.`, { at: [`At most ${MAX_AHEAD_DAYS} days ahead.`] });
    const route = await tx.item.findFirst({
      where: { id: input.itemId, projectId, organizationId: ctx.organizationId, kind: "ROUTE", deletedAt: null },
      select: { id: true, key: true },
    });
    if (!route) throw notFound("No such route.");
    const to = columnsOf(input.target);
    // Refused now rather than failing at its time: the upstreams a switch away from legacy needs.
    await assertSwitchAllowed(tx, ctx, project, [route], to, { planning: true });
    const row = await tx.scheduledSwitch.create({
      data: {
        organizationId: ctx.organizationId,
        projectId,
        itemId: route.id,
        toState: to.servedBy,
        toPercent: to.canaryPercent,
        reason: input.reason,
        runAt,
        createdById: ctx.userId,
      },
    });
    // The worker runs it at its time; enqueued here, so it exists only if the plan committed.
    await enqueue(tx, "scheduledSwitch", { organizationId: ctx.organizationId, projectId, runAt: runAt.toISOString() }, { startAfter: runAt });
    return view({ ...row, item: { key: route.key } });
  });
}

/** Cancels a planned switch that has not run yet. */
export async function cancelScheduledSwitch(db: Db, ctx: OrgContext, projectId: string, id: string): Promise<{ id: string; status: string }> {
  assertCan(ctx.role, "cutover:switch");
  assertNotAgent(ctx, "schedule or change a traffic switch");
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const row = await tx.scheduledSwitch.findFirst({ where: { id, projectId, organizationId: ctx.organizationId }, select: plannedSelect });
    if (!row) throw notFound("No such scheduled switch.");
    if (row.status !== "pending") throw conflict(`This switch is ${row.status} already.`);
    await tx.scheduledSwitch.update({ where: { id: row.id }, data: { status: "cancelled", doneAt: clock.now() } });
    // The status page's subscribers are told (lib/status/events.ts), in this transaction.
    await statusChanged(tx, { kind: "switch.cancelled", planned: row });
    return { id: row.id, status: "cancelled" };
  });
}

const plannedSelect = {
  id: true,
  organizationId: true,
  projectId: true,
  status: true,
  runAt: true,
  toState: true,
  toPercent: true,
  item: { select: { key: true, path: true } },
} as const;

/** Moves a planned switch that has not run yet to another time; the status page's subscribers are told. */
export async function rescheduleSwitch(db: Db, ctx: OrgContext, projectId: string, id: string, raw: unknown): Promise<{ id: string; runAt: Date }> {
  assertCan(ctx.role, "cutover:switch");
  assertNotAgent(ctx, "schedule or change a traffic switch");
  const input = parseInput(rescheduleSwitchSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const runAt = toInstant(input.at, project.timeZone);
    const now = clock.nowMs();
    if (!(runAt.getTime() > now)) throw invalid("Choose a time in the future.", { at: ["In the future."] });
    if (runAt.getTime() > now + MAX_AHEAD_DAYS * 86_400_000)
      throw invalid(`At most ${MAX_AHEAD_DAYS} days ahead.`, { at: [`At most ${MAX_AHEAD_DAYS} days ahead.`] });
    const row = await tx.scheduledSwitch.findFirst({ where: { id, projectId: project.id, organizationId: ctx.organizationId }, select: plannedSelect });
    if (!row) throw notFound("No such scheduled switch.");
    if (row.status !== "pending") throw conflict(`This switch is ${row.status} already.`);
    if (row.runAt.getTime() === runAt.getTime()) return { id: row.id, runAt };
    await tx.scheduledSwitch.update({ where: { id: row.id }, data: { runAt } });
    // A job for the new time; the one for the old time finds nothing due and completes.
    await enqueue(tx, "scheduledSwitch", { organizationId: ctx.organizationId, projectId: project.id, runAt: runAt.toISOString() }, { startAfter: runAt });
    await statusChanged(tx, { kind: "switch.rescheduled", planned: { ...row, runAt }, previousRunAt: row.runAt });
    return { id: row.id, runAt };
  });
}

/** The planned switches still to run, soonest first, and the last ones that ran or failed. */
export async function listScheduledSwitches(db: Db, ctx: OrgContext, projectId: string) {
  await projectInScope(db, ctx, projectId);
  await runDueSwitches(db, ctx, projectId);
  const include = { item: { select: { key: true } } } as const;
  const [pending, recent] = await Promise.all([
    db.scheduledSwitch.findMany({
      where: { projectId, organizationId: ctx.organizationId, status: "pending" },
      orderBy: [{ runAt: "asc" }, { id: "asc" }],
      take: 200,
      include,
    }),
    db.scheduledSwitch.findMany({
      where: { projectId, organizationId: ctx.organizationId, status: { in: ["done", "failed"] } },
      orderBy: [{ doneAt: "desc" }, { id: "asc" }],
      take: 20,
      include,
    }),
  ]);
  return { pending: pending.map(view), recent: recent.map(view) };
}

function view(r: {
  id: string;
  itemId: string;
  toState: TrafficState["servedBy"];
  toPercent: number | null;
  reason: string;
  runAt: Date;
  status: string;
  outcome: string | null;
  item: { key: string };
}): ScheduledSwitchView {
  return {
    id: r.id,
    itemId: r.itemId,
    key: r.item.key,
    to: stateLabel({ servedBy: r.toState, canaryPercent: r.toPercent }),
    reason: r.reason,
    runAt: r.runAt,
    status: r.status,
    outcome: r.outcome,
  };
}

type DueRow = { id: string; itemId: string; toState: TrafficState["servedBy"]; toPercent: number | null; reason: string; createdById: string | null };

/**
 * Carries out the project's planned switches whose time has come, oldest first, each in its own
 * transaction and as its planner (who had the right when planning it). A row is claimed with
 * `FOR UPDATE SKIP LOCKED`, so two instances reading the ledger at once never run one twice. A
 * freeze window in force, or upstreams missing, fails it: recorded, never retried in secret.
 * Answers how many ran.
 */
export async function runDueSwitches(db: Db, ctx: Pick<OrgContext, "organizationId">, projectId: string): Promise<number> {
  const now = clock.now();
  const due = await db.scheduledSwitch.count({ where: { projectId, organizationId: ctx.organizationId, status: "pending", runAt: { lte: now } } });
  if (due === 0) return 0;
  let ran = 0;
  for (let i = 0; i < Math.min(due, BATCH); i++) {
    const outcome = await runOne(db, ctx.organizationId, projectId, now);
    if (outcome === "none") break;
    ran++;
  }
  return ran;
}

async function runOne(db: Db, organizationId: string, projectId: string, now: Date): Promise<"done" | "failed" | "none"> {
  const claimed: { row: DueRow | null } = { row: null };
  try {
    return await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<DueRow[]>`
        SELECT id, "itemId", "toState", "toPercent", reason, "createdById" FROM "ScheduledSwitch"
        WHERE "projectId" = ${projectId} AND "organizationId" = ${organizationId} AND status = 'pending' AND "runAt" <= ${now}
        ORDER BY "runAt", id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!row) return "none";
      claimed.row = row;
      // The planner acts again; the role was checked when the switch was planned.
      const actor: OrgContext = { organizationId, organizationSlug: "", userId: row.createdById, role: "MANAGER", tokenProjectId: null };
      const project = { id: projectId, organizationId };
      const [route] = await lockRoutes(tx, actor, projectId, [row.itemId]);
      const to: TrafficState = { servedBy: row.toState, canaryPercent: row.toPercent };
      let outcome: string;
      if (!route) outcome = "The route is gone: nothing switched.";
      else if (same(route, to)) outcome = `${route.key} was already ${stateLabel(to)}.`;
      else {
        const freeze = await checkFreeze(tx, actor, projectId, undefined);
        const gate = await assertSwitchAllowed(tx, actor, project, [route], to);
        await applySwitches(tx, actor, project, [route], to, { reason: `${row.reason} (scheduled)`, kind: "scheduled", batchId: null, ...freeze, ...gate });
        outcome = `${route.key} is now ${stateLabel(to)}.`;
      }
      await tx.scheduledSwitch.update({ where: { id: row.id }, data: { status: "done", outcome, doneAt: clock.now() } });
      return "done";
    });
  } catch (error) {
    const row = claimed.row;
    if (!row || !(error instanceof AppError)) throw error;
    // Refused (a freeze window, no upstreams, the gate): the switch did not happen; say why, once —
    // on the row, and to its planner.
    await db.$transaction(async (tx) => {
      const marked = await tx.scheduledSwitch.updateMany({
        where: { id: row.id, organizationId, status: "pending" },
        data: { status: "failed", outcome: error.message, doneAt: clock.now() },
      });
      if (marked.count === 0 || !row.createdById) return;
      const where = await tx.scheduledSwitch.findFirstOrThrow({
        where: { id: row.id, organizationId },
        select: { item: { select: { id: true, key: true } }, project: { select: { slug: true, organization: { select: { slug: true } } } } },
      });
      const gate = Boolean((error.details as { gate?: string } | undefined)?.gate);
      await notifyEvent(tx, {
        organizationId,
        projectId,
        event: gate ? "gate.blocked" : "schedule.failed",
        subjectId: row.id,
        recipients: [row.createdById],
        title: `The planned switch of ${where.item.key} did not run: ${error.message}`.slice(0, 300),
        link: itemPath(where.project.organization.slug, where.project.slug, where.item.id),
      });
    });
    return "failed";
  }
}
