import type { Db } from "@/lib/db/client";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import { itemFilterSql, type ItemFilter } from "./filters";
import { DONE_STATUSES, STATUS_ORDER, type StatusCounts } from "./types";

export type ProjectScope = { organizationId: string; projectId: string };

export type OwnerRow = {
  /** "team:<id>", "user:<id>" or "none". */
  owner: string;
  name: string;
  counts: StatusCounts;
  total: number;
  /** Not done and not won't port. */
  remaining: number;
  /** Traffic per day of the remaining routes. */
  remainingTraffic: number;
  staleClaims: number;
};

const emptyCounts = (): StatusCounts => Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
const DONE = new Set<PortStatus>(DONE_STATUSES);

/**
 * Items by owner (team, person, or nobody) and status, sorted by what remains, with the stale
 * claims on each owner's items. `stale` is the set of item ids whose active claim is stale.
 */
export async function ownerBreakdown(db: Db, scope: ProjectScope, filter: ItemFilter, staleItemIds: ReadonlySet<string>): Promise<OwnerRow[]> {
  const [rows, staleRows] = await Promise.all([
    db.$queryRaw<{ owner: string; name: string | null; status: PortStatus; count: number; traffic: bigint | number }[]>`
      SELECT CASE WHEN i."ownerTeamId" IS NOT NULL THEN 'team:' || i."ownerTeamId" WHEN i."ownerUserId" IS NOT NULL THEN 'user:' || i."ownerUserId" ELSE 'none' END AS owner,
             COALESCE(t.name, u.name) AS name, i.status, COUNT(*)::int AS count,
             SUM(CASE WHEN i.kind = 'ROUTE' THEN i."trafficPerDay" ELSE 0 END)::bigint AS traffic
      FROM "Item" i
      LEFT JOIN "Team" t ON t.id = i."ownerTeamId" AND t."organizationId" = ${scope.organizationId}
      LEFT JOIN "User" u ON u.id = i."ownerUserId"
      WHERE i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i."deletedAt" IS NULL ${itemFilterSql(filter)}
      GROUP BY 1, 2, 3`,
    staleItemIds.size
      ? db.item.findMany({
          where: { id: { in: [...staleItemIds] }, projectId: scope.projectId, organizationId: scope.organizationId },
          select: { ownerTeamId: true, ownerUserId: true },
        })
      : Promise.resolve([]),
  ]);
  const byOwner = new Map<string, OwnerRow>();
  for (const r of rows) {
    let row = byOwner.get(r.owner);
    if (!row) {
      row = {
        owner: r.owner,
        name: r.owner === "none" ? "Nobody" : (r.name ?? "(removed)"),
        counts: emptyCounts(),
        total: 0,
        remaining: 0,
        remainingTraffic: 0,
        staleClaims: 0,
      };
      byOwner.set(r.owner, row);
    }
    row.counts[r.status] += r.count;
    row.total += r.count;
    if (!DONE.has(r.status) && r.status !== "WONT_PORT") {
      row.remaining += r.count;
      row.remainingTraffic += Number(r.traffic);
    }
  }
  for (const s of staleRows) {
    const owner = s.ownerTeamId ? `team:${s.ownerTeamId}` : s.ownerUserId ? `user:${s.ownerUserId}` : "none";
    const row = byOwner.get(owner);
    if (row) row.staleClaims++;
  }
  return [...byOwner.values()].sort((a, b) => b.remaining - a.remaining || b.remainingTraffic - a.remainingTraffic || a.name.localeCompare(b.name));
}
