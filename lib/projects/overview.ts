import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";

export const STATUS_ORDER: PortStatus[] = ["NOT_STARTED", "IN_PROGRESS", "PORTED", "VERIFIED", "RETIRED", "WONT_PORT"];
export const STATUS_LABELS: Record<PortStatus, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  PORTED: "Ported",
  VERIFIED: "Verified",
  RETIRED: "Retired",
  WONT_PORT: "Won't port",
};
export const KIND_LABELS: Record<ItemKind, string> = { ROUTE: "Routes", MODULE: "Modules", DEPENDENCY: "Dependencies" };

export type StatusCounts = Record<ItemKind, Record<PortStatus, number> & { total: number; traffic: number; trafficDone: number }>;

const DONE: PortStatus[] = ["PORTED", "VERIFIED", "RETIRED"];

/** Counts of items by kind and status, and the share of traffic already on the new stack. */
export async function projectStatusCounts(db: Db, ctx: OrgContext, projectId: string): Promise<StatusCounts> {
  assertCan(ctx.role, "project:view");
  const rows = await db.item.groupBy({
    by: ["kind", "status"],
    where: { organizationId: ctx.organizationId, projectId },
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
    if (DONE.includes(row.status)) bucket.trafficDone += traffic;
  }
  return counts;
}
