import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, notFound, parseInput } from "@/lib/errors";
import { projectWhere } from "@/lib/tenancy";
import { listActiveClaims } from "@/lib/claims/queries";
import { activityQuerySchema, loadActivity } from "./activity";
import { loadBreakdownCounts, loadStaleOwners, ownerRows } from "./breakdown";
import { addDays, dateColumnDay, dayKey } from "@/lib/time/days";
import { firstHistoryDay, loadDailyDeltas } from "./deltas-sql";
import { rollupDeltas, routeTrafficDeltas } from "./rollup";
import { progressQuerySchema, type ProgressQuery } from "./filters";
import { forecast } from "./forecast";
import { loadQuadrant } from "./quadrant";
import { loadDependencyReadiness } from "./readiness";
import { progressSeries } from "./series";
import { loadOwnerHistory, loadTeamTable } from "./team-table";
import type { BurnUpPoint, DayDelta, DayKey } from "./types";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import * as clock from "@/lib/time/clock";

/** The longest range the charts draw, in days (a daily series of ten years is still small). */
const MAX_DAYS = 3660;

/** The project as the dashboard needs it, found inside the caller's organisation. */
export async function progressProject(db: Db, ctx: OrgContext, projectId: string) {
  assertCan(ctx.role, "project:view");
  const project = await db.project.findFirst({
    where: projectWhere(ctx, { id: projectId }),
    select: { id: true, organizationId: true, name: true, timeZone: true, forecastWeeks: true, targetDate: true, startDate: true },
  });
  if (!project) throw notFound("No such project.");
  return project;
}

/** The range a query asks for, defaulting to the first history day (or 12 weeks back) through today. Pure. */
export function resolveRange(first: string | null, timeZone: string, query: ProgressQuery, now = clock.now()) {
  const today = dayKey(now, timeZone);
  const from = query.from ?? (first && first < today ? first : addDays(today, -84));
  const to = query.to ?? today;
  if (from > to) throw invalid("The start must not be after the end.", { from: ["After the end."] });
  if (addDays(from, MAX_DAYS) < to) throw invalid("Choose a range of at most ten years.", { from: ["Too far back."] });
  return { from, to, today };
}

/**
 * Everything the progress dashboard shows, for one project and one set of filters: the daily
 * series (burn-up, traffic share, cumulative flow) summed by the database from the history, the
 * forecast, the quadrant, the breakdown by owner, dependency readiness and the first activity page.
 */
export async function loadDashboard(db: Db, ctx: OrgContext, projectId: string, rawQuery: Record<string, unknown>, now = clock.now()) {
  const { day, field, actor, cursor, ...rest } = rawQuery;
  const query = parseInput(progressQuerySchema, rest);
  const activityQuery = parseInput(activityQuerySchema, { day, field, actor, cursor });
  const project = await progressProject(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id, timeZone: project.timeZone };
  const filter = { kind: query.kind, team: query.team, owner: query.owner };
  await checkTeam(db, ctx, query.team);
  const first = await firstHistoryDay(db, scope);
  const range = resolveRange(first, project.timeZone, query, now);

  // The whole project's series come from the rollup; a team's or an owner's from their items'
  // history. Both hold every kind: the kind filter picks what the burn-up counts, while the
  // traffic chart is about routes whatever it says.
  const byOwner = Boolean(filter.team || filter.owner);
  const [deltas, routeTraffic, quadrant, readiness, claims, activity, counts, ownerHistory] = await Promise.all([
    byOwner ? loadDailyDeltas(db, scope, { team: filter.team, owner: filter.owner }) : rollupDeltas(db, scope),
    byOwner ? undefined : routeTrafficDeltas(db, scope),
    loadQuadrant(db, scope, filter),
    loadDependencyReadiness(db, scope, filter),
    listActiveClaims(db, ctx, project.id, { now }),
    loadActivity(db, scope, range, filter, activityQuery),
    loadBreakdownCounts(db, scope, filter),
    loadOwnerHistory(db, scope, filter, range.today),
  ]);
  const staleItems = new Set(claims.filter((c) => c.staleness.stale).map((c) => c.item.id));
  // One kind per owner chart, so a bar opens one inventory list: routes unless a kind is chosen.
  // The Teams table counts items of every kind (or of the kind chosen). One read serves both.
  const breakdown = { counts, staleOwners: await loadStaleOwners(db, scope, staleItems) };
  const owners = ownerRows(breakdown, filter.kind ?? "ROUTE");
  const teams = await loadTeamTable(db, scope, filter, staleItems, range.today, { owners: ownerRows(breakdown), history: ownerHistory });

  const kinds = filter.kind ? [filter.kind] : undefined;
  const series = progressSeries(deltas, { from: range.from, to: range.to, kinds, routeTraffic });
  // Routes by count on the range's last day, beside the items of the kinds counted.
  const routes = progressSeries(deltas, { from: range.to, to: range.to, kinds: ["ROUTE"] }).burnUp[0];
  const recent = recentBurnUp(deltas, first, range.today, project.forecastWeeks, kinds);
  const targetDate = project.targetDate ? dateColumnDay(project.targetDate) : null;
  return {
    project: { id: project.id, name: project.name, timeZone: project.timeZone, forecastWeeks: project.forecastWeeks, targetDate },
    query,
    activityQuery,
    range,
    series,
    forecast: forecast(recent, { weeks: project.forecastWeeks, targetDate }),
    quadrant,
    owners,
    teams,
    routes: { done: routes.ported, scope: routes.scope },
    readiness,
    activity,
  };
}

/**
 * The burn-up the forecast is made from: the recent weeks up to today, whatever range is drawn —
 * and no further back than the history goes, so a young project is told its history is too short.
 */
export function recentBurnUp(deltas: DayDelta[], first: DayKey | null, today: DayKey, forecastWeeks: number, kinds?: ItemKind[]): BurnUpPoint[] {
  const weeksBack = addDays(today, -7 * forecastWeeks);
  return progressSeries(deltas, { from: first && first > weeksBack ? first : weeksBack, to: today, kinds }).burnUp;
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

async function checkTeam(db: Db, ctx: OrgContext, teamId: string | undefined) {
  if (!teamId) return;
  const team = await db.team.findFirst({ where: { id: teamId, organizationId: ctx.organizationId }, select: { id: true } });
  if (!team) throw invalid("No such team in this organisation.", { team: ["No such team."] });
}
