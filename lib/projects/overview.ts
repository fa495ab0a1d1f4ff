import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { DONE_STATUSES, STATUS_ORDER } from "@/lib/inventory/item-state";

export { KIND_LABELS, STATUS_LABELS, STATUS_ORDER } from "@/lib/inventory/labels";

export type StatusCounts = Record<ItemKind, Record<PortStatus, number> & { total: number; traffic: number; trafficDone: number }>;

/** Counts of items by kind and status, and the share of traffic already on the new stack. */
export async function projectStatusCounts(db: Db, ctx: OrgContext, projectId: string): Promise<StatusCounts> {
  assertCan(ctx.role, "project:view");
  const rows = await db.item.groupBy({
    by: ["kind", "status"],
    where: { organizationId: ctx.organizationId, projectId, deletedAt: null },
    _count: { _all: true },
    _sum: { trafficPerDay: true },
  });
  const empty = () => ({ ...Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])), total: 0, traffic: 0, trafficDone: 0 }) as StatusCounts[ItemKind];
  const counts: StatusCounts = { ROUTE: empty(), MODULE: empty(), DEPENDENCY: empty() };
  for (const row of rows) {
    const bucket = counts[row.kind];
    const traffic = row._sum.trafficPerDay ?? 0;
    bucket[row.status] = row._count._all;
    bucket.total += row._count._all;
    bucket.traffic += traffic;
    if (DONE_STATUSES.includes(row.status)) bucket.trafficDone += traffic;
  }
  return counts;
}
