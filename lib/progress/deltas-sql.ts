import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import { itemFilterSql, type ItemFilter } from "./filters";
import { STATUS_ORDER, type DayDelta } from "./types";

type Row = { day: string; kind: ItemKind; status: PortStatus; count: number; traffic: bigint | number };

const STATUS_RANK = new Map(STATUS_ORDER.map((s, i) => [s, i]));
const KIND_RANK: Record<ItemKind, number> = { ROUTE: 0, MODULE: 1, DEPENDENCY: 2 };

/**
 * The daily status deltas of a project in SQL: what `dailyDeltas` (lib/progress/deltas.ts)
 * computes from the raw history, summed by the database so 500,000 history rows never leave it.
 * Each status-moving row gives −1 at its `fromValue` and +1 at its `toValue`, on its day in the
 * project's time zone (`at` is stored as UTC without a zone, hence the double AT TIME ZONE); traffic is the item's current traffic. The organisation is in the where.
 */
export async function loadDailyDeltas(
  db: Db,
  scope: { organizationId: string; projectId: string; timeZone: string },
  filter: ItemFilter = {},
): Promise<DayDelta[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT to_char((c.at AT TIME ZONE 'UTC') AT TIME ZONE ${scope.timeZone}, 'YYYY-MM-DD') AS day, i.kind, d.status::"PortStatus" AS status,
           SUM(d.sign)::int AS count, SUM(d.sign * i."trafficPerDay")::bigint AS traffic
    FROM "ItemChange" c
    JOIN "Item" i ON i.id = c."itemId" AND i."organizationId" = ${scope.organizationId}
    CROSS JOIN LATERAL (VALUES (c."toValue", 1), (c."fromValue", -1)) AS d(status, sign)
    WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId}
      AND c.field IN ('created', 'status', 'deleted', 'restored')
      AND d.status IN ('NOT_STARTED', 'IN_PROGRESS', 'PORTED', 'VERIFIED', 'RETIRED', 'WONT_PORT')
      ${itemFilterSql(filter)}
    GROUP BY 1, 2, 3
    HAVING SUM(d.sign) <> 0 OR SUM(d.sign * i."trafficPerDay") <> 0`;
  return rows
    .map((r) => ({ day: r.day, kind: r.kind, status: r.status, count: r.count, traffic: Number(r.traffic) }))
    .sort((a, b) =>
      a.day < b.day ? -1 : a.day > b.day ? 1 : KIND_RANK[a.kind] - KIND_RANK[b.kind] || STATUS_RANK.get(a.status)! - STATUS_RANK.get(b.status)!,
    );
}

/** The first day with any history, in the zone; null for a project without history. */
export async function firstHistoryDay(db: Db, scope: { organizationId: string; projectId: string; timeZone: string }): Promise<string | null> {
  const [row] = await db.$queryRaw<{ day: string | null }[]>`
    SELECT to_char((MIN(c.at) AT TIME ZONE 'UTC') AT TIME ZONE ${scope.timeZone}, 'YYYY-MM-DD') AS day
    FROM "ItemChange" c WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId} AND c.field = 'created'`;
  return row?.day ?? null;
}
