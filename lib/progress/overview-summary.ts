import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { listActiveClaims } from "@/lib/claims/queries";
import * as clock from "@/lib/time/clock";
import { progressProject, recentBurnUp } from "./dashboard";
import { dateColumnDay, dayKey } from "@/lib/time/days";
import { firstHistoryDay } from "./deltas-sql";
import { forecast } from "./forecast";
import { loadDependencyReadiness } from "./readiness";
import { rollupDeltas, routeTrafficDeltas } from "./rollup";
import { progressSeries } from "./series";
import { loadTeamTable } from "./team-table";
import { verifiedByEvidence } from "./evidence-share";

/**
 * The project's overview at a glance, from the same sources as the progress dashboard without
 * filters (so the numbers agree): how much is done by count (items of every kind, and routes)
 * and by traffic, the forecast against the target date, the dependency holding back the most
 * traffic, and the owners that are stuck.
 */
export async function loadOverviewSummary(db: Db, ctx: OrgContext, projectId: string, now = clock.now()) {
  const project = await progressProject(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id, timeZone: project.timeZone };
  const today = dayKey(now, project.timeZone);
  const [first, deltas, routeTraffic, readiness, claims, evidence] = await Promise.all([
    firstHistoryDay(db, scope),
    rollupDeltas(db, scope),
    routeTrafficDeltas(db, scope),
    loadDependencyReadiness(db, scope, {}),
    listActiveClaims(db, ctx, project.id, { now }),
    verifiedByEvidence(db, scope, now),
  ]);
  const staleItems = new Set(claims.filter((c) => c.staleness.stale).map((c) => c.item.id));
  const teams = await loadTeamTable(db, scope, {}, staleItems, today);

  // Today's end-of-day state: every delta up to today folded into one point.
  const series = progressSeries(deltas, { from: today, to: today, routeTraffic });
  const items = series.burnUp.at(-1) ?? { day: today, scope: 0, ported: 0, verified: 0 };
  const traffic = series.traffic.at(-1) ?? { day: today, share: 0, countShare: 0, trafficDone: 0, trafficScope: 0 };
  const routes = progressSeries(deltas, { from: today, to: today, kinds: ["ROUTE"] }).burnUp.at(-1) ?? items;

  const targetDate = project.targetDate ? dateColumnDay(project.targetDate) : null;
  const prediction = forecast(recentBurnUp(deltas, first, today, project.forecastWeeks), { weeks: project.forecastWeeks, targetDate });
  return {
    today,
    forecastWeeks: project.forecastWeeks,
    /** Items of every kind in scope (all but won't port), and how many are done. */
    items: { done: items.ported, scope: items.scope },
    routes: { done: routes.ported, scope: routes.scope },
    /** Routes Verified and backed by current evidence (VERIFIED_BY_EVIDENCE_HELP says exactly how), of the routes in scope. */
    verifiedByEvidence: { count: evidence.backed, verified: evidence.verified, scope: evidence.scope },
    /** Share (0–1) of route traffic on the new stack. */
    traffic: { share: traffic.share, done: traffic.trafficDone, scope: traffic.trafficScope },
    forecast: prediction,
    target: {
      date: targetDate,
      /** The target date is before today (and the work is not done). */
      passed: targetDate !== null && targetDate < today && prediction.kind !== "done",
      /** The likely finish is after the target; null without a target or a forecast date. */
      late: targetDate !== null && prediction.kind === "date" ? prediction.likely > targetDate : null,
    },
    topBlocker: readiness.blocking[0] ?? null,
    /** Teams and people with work left whose items have not moved for STUCK_WEEKS weeks. */
    stuck: teams.filter((t) => t.stuck && t.owner !== "none"),
    unowned: teams.find((t) => t.owner === "none")?.remaining ?? 0,
    owners: teams.length,
  };
}

export type OverviewSummary = Awaited<ReturnType<typeof loadOverviewSummary>>;
