import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import { daysBetween } from "@/lib/time/days";
import { dailyDeltas, KIND_ORDER } from "@/lib/progress/deltas";
import {
  DONE_STATUSES,
  STATUS_ORDER,
  VERIFIED_STATUSES,
  type BurnUpPoint,
  type DayDelta,
  type DayKey,
  type FlowPoint,
  type ProgressEvent,
  type ProgressItem,
  type ProgressSeries,
  type StatusCounts,
  type TrafficDelta,
  type TrafficPoint,
} from "@/lib/progress/types";

export type SeriesOptions = {
  /** First day shown; every delta before it is folded into the starting state. */
  from: DayKey;
  /** Last day shown, included. Deltas after it are ignored. */
  to: DayKey;
  /** Kinds counted in the burn-up and the flow (default: all three). The traffic chart is routes only. */
  kinds?: ItemKind[];
  /**
   * Route traffic by day from the rollup, instead of the deltas' own traffic (the rollup keeps
   * counts per status and traffic per route, so its deltas carry no traffic).
   */
  routeTraffic?: TrafficDelta[];
};

const emptyCounts = (): StatusCounts => ({ NOT_STARTED: 0, IN_PROGRESS: 0, PORTED: 0, VERIFIED: 0, RETIRED: 0, WONT_PORT: 0 });
const sum = (counts: StatusCounts, statuses: readonly PortStatus[]) => statuses.reduce((total, s) => total + counts[s], 0);
/** Scope is every item that exists except the ones decided not to port. */
const SCOPE_STATUSES: PortStatus[] = STATUS_ORDER.filter((s) => s !== "WONT_PORT");

/**
 * End-of-day counts for every day from `from` to `to`, by running sums over the daily deltas.
 *
 * The deltas carry only changes, so the state on `from` is the sum of everything before it: a range
 * that starts after the first events still starts from the right baseline. Cost is one pass over the
 * deltas plus days × statuses; the deltas need not be sorted.
 */
export function progressSeries(deltas: DayDelta[], options: SeriesOptions): ProgressSeries {
  const { from, to } = options;
  const kinds = new Set<ItemKind>(options.kinds ?? KIND_ORDER);
  const days = daysBetween(from, to);

  // Running state: counts of the kinds asked for (burn-up, flow), counts and traffic of routes (traffic chart).
  const counts = emptyCounts();
  const routeCounts = emptyCounts();
  const routeTraffic = emptyCounts();
  const apply = (d: DayDelta) => {
    if (kinds.has(d.kind)) counts[d.status] += d.count;
    if (d.kind === "ROUTE") {
      routeCounts[d.status] += d.count;
      routeTraffic[d.status] += d.traffic;
    }
  };

  // Rollup traffic, when given, replaces the deltas' traffic: one running pair, done and scope.
  const rollup = options.routeTraffic;
  let rollupDone = 0;
  let rollupScope = 0;
  const trafficByDay = new Map<DayKey, TrafficDelta>();
  for (const t of rollup ?? []) {
    if (t.day < from) {
      rollupDone += t.done;
      rollupScope += t.scope;
    } else if (t.day <= to) trafficByDay.set(t.day, t);
  }

  const byDay = new Map<DayKey, DayDelta[]>();
  for (const d of deltas) {
    if (d.day < from)
      apply(d); // DayKeys sort as strings: "YYYY-MM-DD"
    else if (d.day <= to) {
      const list = byDay.get(d.day);
      if (list) list.push(d);
      else byDay.set(d.day, [d]);
    }
  }

  const burnUp: BurnUpPoint[] = [];
  const traffic: TrafficPoint[] = [];
  const flow: FlowPoint[] = [];
  for (const day of days) {
    for (const d of byDay.get(day) ?? []) apply(d);

    burnUp.push({ day, scope: sum(counts, SCOPE_STATUSES), ported: sum(counts, DONE_STATUSES), verified: sum(counts, VERIFIED_STATUSES) });

    const t = trafficByDay.get(day);
    if (t) {
      rollupDone += t.done;
      rollupScope += t.scope;
    }
    const trafficDone = rollup ? rollupDone : sum(routeTraffic, DONE_STATUSES);
    const trafficScope = rollup ? rollupScope : sum(routeTraffic, SCOPE_STATUSES);
    const routesDone = sum(routeCounts, DONE_STATUSES);
    const routesScope = sum(routeCounts, SCOPE_STATUSES);
    traffic.push({
      day,
      share: trafficScope > 0 ? trafficDone / trafficScope : 0,
      countShare: routesScope > 0 ? routesDone / routesScope : 0,
      trafficDone,
      trafficScope,
    });

    flow.push({ day, ...counts });
  }

  return { days, burnUp, traffic, flow };
}

/**
 * The series recomputed from the history itself: the reference path (no SQL), used by tests and
 * as a fallback. `filter` keeps only some items (a team's, say) before anything is counted.
 */
export function seriesFromHistory(
  events: ProgressEvent[],
  items: Map<string, ProgressItem> | ProgressItem[],
  options: SeriesOptions & { timeZone: string; filter?: (item: ProgressItem) => boolean },
): ProgressSeries {
  return progressSeries(dailyDeltas(events, items, options.timeZone, options.filter), options);
}
