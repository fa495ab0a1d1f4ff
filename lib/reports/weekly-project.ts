/**
 * The weekly report of a project, for its managers: progress by count and by traffic and how it
 * moved in the week, the forecast then and now, stuck teams, the week's switches and rollbacks,
 * and the risks ahead (planned switches, freeze windows, overdue action items, stale claims, the
 * top blocker). Data only; `render.ts` writes it for e-mail and Slack.
 */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { loadOverviewSummary } from "@/lib/progress/overview-summary";
import { listActiveClaims } from "@/lib/claims/queries";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { projectPath } from "@/lib/projects/paths";
import { activeFreeze } from "@/lib/cutover/freeze-rules";
import { stateLabel } from "@/lib/cutover/states";
import { dayKey, dateColumnDay } from "@/lib/time/days";
import * as clock from "@/lib/time/clock";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export type ProjectWeek = Awaited<ReturnType<typeof projectWeeklyReport>>;

export async function projectWeeklyReport(db: Db, ctx: OrgContext, projectId: string, now = clock.now()) {
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const weekAgo = new Date(now.getTime() - WEEK_MS);
  const [current, before, details, switches, planned, windows, overdue, claims] = await Promise.all([
    loadOverviewSummary(db, ctx, project.id, now),
    loadOverviewSummary(db, ctx, project.id, weekAgo),
    db.project.findFirstOrThrow({ where: { id: project.id, organizationId: scope.organizationId }, select: { name: true } }),
    db.trafficSwitch.findMany({
      where: { ...scope, at: { gt: weekAgo, lte: now } },
      select: { kind: true, reason: true, at: true, fromState: true, fromPercent: true, toState: true, toPercent: true, item: { select: { key: true } } },
      orderBy: { at: "asc" },
    }),
    db.scheduledSwitch.findMany({
      where: { ...scope, status: "pending", runAt: { gt: now, lte: new Date(now.getTime() + WEEK_MS) } },
      select: { runAt: true, toState: true, toPercent: true, reason: true, item: { select: { key: true } } },
      orderBy: { runAt: "asc" },
      take: 50,
    }),
    db.freezeWindow.findMany({
      where: { organizationId: scope.organizationId, deletedAt: null, OR: [{ projectId: project.id }, { projectId: null }] },
      select: { id: true, reason: true, timeZone: true, startsAt: true, endsAt: true, cron: true, durationMinutes: true },
    }),
    db.actionItem.findMany({
      where: { ...scope, doneAt: null, dueDate: { lt: new Date(`${dayKey(now, project.timeZone)}T00:00:00Z`) } },
      select: { text: true, dueDate: true, owner: { select: { name: true } } },
      orderBy: { dueDate: "asc" },
      take: 20,
    }),
    listActiveClaims(db, ctx, project.id, { now }),
  ]);
  // Freeze windows in force at some point of the coming two weeks: each day's noon is asked.
  const freezes = new Map<string, { reason: string; start: string; end: string }>();
  for (let d = 0; d < 14; d++) {
    const active = activeFreeze(windows, new Date(now.getTime() + d * DAY_MS));
    if (active && !freezes.has(active.windowId))
      freezes.set(active.windowId, { reason: active.reason, start: active.start.toISOString(), end: active.end.toISOString() });
  }
  const moved = (s: { fromState: string; fromPercent: number | null; toState: string; toPercent: number | null }) =>
    `${stateLabel({ servedBy: s.fromState as never, canaryPercent: s.fromPercent })} → ${stateLabel({ servedBy: s.toState as never, canaryPercent: s.toPercent })}`;
  return {
    project: { id: project.id, name: details.name, timeZone: project.timeZone, path: projectPath(ctx.organizationSlug, project.slug) },
    week: { from: dayKey(weekAgo, project.timeZone), to: dayKey(now, project.timeZone) },
    progress: {
      items: { now: current.items, weekAgo: before.items },
      routes: { now: current.routes, weekAgo: before.routes },
      trafficShare: { now: current.traffic.share, weekAgo: before.traffic.share },
    },
    forecast: { now: current.forecast, weekAgo: before.forecast, target: current.target },
    stuckTeams: current.stuck.map((t) => ({ name: t.name, remaining: t.remaining, daysSinceMovement: t.daysSinceMovement })),
    switches: {
      count: switches.filter((s) => s.kind !== "rollback" && s.kind !== "kill-switch").length,
      rollbacks: switches
        .filter((s) => s.toState === "LEGACY")
        .map((s) => ({ key: s.item.key, reason: s.reason, day: dayKey(s.at, project.timeZone), moved: moved(s) })),
    },
    ahead: {
      planned: planned.map((p) => ({
        key: p.item.key,
        to: stateLabel({ servedBy: p.toState, canaryPercent: p.toPercent }),
        day: dayKey(p.runAt, project.timeZone),
        reason: p.reason,
      })),
      freezes: [...freezes.values()],
      overdueActions: overdue.map((a) => ({ text: a.text, due: a.dueDate ? dateColumnDay(a.dueDate) : null, owner: a.owner?.name ?? null })),
      staleClaims: claims.filter((c) => c.staleness.stale).length,
      topBlocker: current.topBlocker,
    },
  };
}
