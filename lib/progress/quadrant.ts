import type { Db } from "@/lib/db/client";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import { itemFilterSql, type ItemFilter } from "./filters";
import type { ProjectScope } from "./breakdown";

/**
 * One dot of the traffic × complexity quadrant (routes only, whatever the kind filter). Up to EXACT_LIMIT routes each route is its own
 * dot; above, routes of one status, complexity and quarter-decade of traffic share a dot whose
 * size is their number (50,000 dots would take the browser seconds to draw and say no more).
 */
export type QuadrantDot = {
  complexity: number;
  /** A route's traffic, or the group's geometric middle (≥ 1 so it sits on a log axis). */
  traffic: number;
  status: PortStatus;
  count: number;
  /** The traffic range of the group, for the drill-down (inclusive). */
  trafficMin: number;
  trafficMax: number;
  /** A single route: its id and key, for a link to its page. */
  id?: string;
  key?: string;
};

export type Quadrant = {
  dots: QuadrantDot[];
  grouped: boolean;
  routes: number;
  totalTraffic: number;
  /** Where the regions are drawn: a route below this traffic is "low traffic". */
  lowTraffic: number;
  /** Traffic below this and complexity at least 4: the long tail (the ranking's default thresholds). */
  longTailTraffic: number;
};

export const EXACT_LIMIT = 2000;
/** Bins per decade of traffic. */
const BINS = 4;

/** The traffic bin of a value: −1 for zero, else floor(log10(t) × 4). */
export const trafficBin = (traffic: number) => (traffic <= 0 ? -1 : Math.floor(Math.log10(traffic) * BINS));
/** The inclusive traffic range of a bin. */
export function binRange(bin: number): [number, number] {
  if (bin < 0) return [0, 0];
  return [Math.ceil(10 ** (bin / BINS)), Math.ceil(10 ** ((bin + 1) / BINS)) - 1];
}

export async function loadQuadrant(db: Db, scope: ProjectScope, filter: ItemFilter): Promise<Quadrant> {
  const routeFilter = itemFilterSql({ ...filter, kind: undefined });
  const base = { organizationId: scope.organizationId, projectId: scope.projectId };
  const [stats] = await db.$queryRaw<{ routes: number; total: bigint | number; p25: number | null }[]>`
      SELECT COUNT(*)::int AS routes, COALESCE(SUM(i."trafficPerDay"), 0)::bigint AS total,
             percentile_disc(0.25) WITHIN GROUP (ORDER BY i."trafficPerDay") FILTER (WHERE i."trafficPerDay" > 0) AS p25
      FROM "Item" i
      WHERE i."projectId" = ${base.projectId} AND i."organizationId" = ${base.organizationId} AND i.kind = 'ROUTE' AND i."deletedAt" IS NULL ${routeFilter}`;
  const routes = stats?.routes ?? 0;
  const totalTraffic = Number(stats?.total ?? 0);
  const frame = { routes, totalTraffic, lowTraffic: Math.max(1, stats?.p25 ?? 1), longTailTraffic: Math.max(1, totalTraffic * 0.001) };
  if (routes <= EXACT_LIMIT) {
    const items = await db.$queryRaw<{ id: string; key: string; complexity: number; traffic: number; status: PortStatus }[]>`
      SELECT i.id, i.key, i.complexity, i."trafficPerDay" AS traffic, i.status
      FROM "Item" i
      WHERE i."projectId" = ${base.projectId} AND i."organizationId" = ${base.organizationId} AND i.kind = 'ROUTE' AND i."deletedAt" IS NULL ${routeFilter}
      ORDER BY i.key`;
    const dots = items.map((i) => ({
      id: i.id,
      key: i.key,
      complexity: i.complexity,
      traffic: Math.max(1, i.traffic),
      status: i.status,
      count: 1,
      trafficMin: i.traffic,
      trafficMax: i.traffic,
    }));
    return { dots, grouped: false, ...frame };
  }
  const rows = await db.$queryRaw<{ complexity: number; bin: number; status: PortStatus; count: number }[]>`
    SELECT i.complexity, CASE WHEN i."trafficPerDay" <= 0 THEN -1 ELSE floor(log(i."trafficPerDay"::float8) * ${BINS})::int END AS bin, i.status, COUNT(*)::int AS count
    FROM "Item" i
    WHERE i."projectId" = ${base.projectId} AND i."organizationId" = ${base.organizationId} AND i.kind = 'ROUTE' AND i."deletedAt" IS NULL ${routeFilter}
    GROUP BY 1, 2, 3`;
  const dots = rows.map((r) => {
    const [trafficMin, trafficMax] = binRange(r.bin);
    return {
      complexity: r.complexity,
      traffic: Math.max(1, Math.round(Math.sqrt(Math.max(1, trafficMin) * Math.max(1, trafficMax)))),
      status: r.status,
      count: r.count,
      trafficMin,
      trafficMax,
    };
  });
  return { dots, grouped: true, ...frame };
}
