import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/errors";
import { cursorNotInList } from "@/lib/validation/common";
import { listQuerySchema, type ListQuery } from "./schemas";
import { itemInclude } from "./items";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import { DRIFT_KINDS } from "@/lib/repositories/drift";

type SortKey = ListQuery["sort"];

/** Lists count matching rows up to this many. */
export const COUNT_CAP = 10_000;
const SORT_COLUMNS: Record<SortKey, keyof Prisma.ItemOrderByWithRelationInput> = {
  key: "key",
  traffic: "trafficPerDay",
  complexity: "complexity",
  status: "status",
  updated: "updatedAt",
  blockers: "blockerCount",
};
/** Numbers read best largest first; names alphabetically. */
const DEFAULT_ORDER: Record<SortKey, "asc" | "desc"> = { key: "asc", traffic: "desc", complexity: "asc", status: "asc", updated: "desc", blockers: "desc" };

/** The where of a list: the tenant and project first, then the user's filters. */
export function listWhere(organizationId: string, projectId: string, kind: ItemKind, q: ListQuery, now: Date = clock.now()): Prisma.ItemWhereInput {
  const and: Prisma.ItemWhereInput[] = [];
  if (q.q) and.push({ OR: [{ key: { contains: q.q, mode: "insensitive" } }, { handler: { contains: q.q, mode: "insensitive" } }] });
  if (q.status?.length) and.push({ status: { in: q.status } });
  if (q.readiness?.length) and.push({ readiness: { in: q.readiness } });
  if (q.owner === "none") and.push({ ownerTeamId: null, ownerUserId: null });
  else if (q.owner?.startsWith("team:")) and.push({ ownerTeamId: q.owner.slice(5) });
  else if (q.owner?.startsWith("user:")) and.push({ ownerUserId: q.owner.slice(5) });
  if (q.team) and.push({ OR: [{ ownerTeamId: q.team }, { ownerUser: { teamMembers: { some: { teamId: q.team } } } }] });
  if (q.blocked === "true") and.push({ blockerCount: { gt: 0 } });
  if (q.blocked === "false") and.push({ blockerCount: 0 });
  if (q.attention === "true") and.push({ attention: { not: null } });
  // Read from the latest result per check (EvidenceCheck), asked only when the filter is on: no
  // smoke check at all, or one whose latest result is not a current success.
  if (q.evidence === "ported-no-smoke")
    and.push({
      status: "PORTED",
      OR: [
        { evidenceChecks: { none: { organizationId, kind: "smoke" } } },
        { evidenceChecks: { some: { organizationId, kind: "smoke", OR: [{ conclusion: { not: "success" } }, { expiresAt: { lte: now } }] } } },
      ],
    });
  // ItemCode is one row per item (the relation `code`); these read as EXISTS on its primary key.
  if (q.drift) and.push({ code: { is: { organizationId, projectId, drift: q.drift === "any" ? { in: [...DRIFT_KINDS] } : q.drift } } });
  if (q.inNewCode === "true") and.push({ code: { is: { organizationId, projectId, newFile: { not: null } } } });
  if (q.inNewCode === "false") and.push({ NOT: { code: { is: { organizationId, projectId, newFile: { not: null } } } } });
  if (q.complexityMin !== undefined || q.complexityMax !== undefined) and.push({ complexity: { gte: q.complexityMin, lte: q.complexityMax } });
  if (q.trafficMin !== undefined || q.trafficMax !== undefined) and.push({ trafficPerDay: { gte: q.trafficMin, lte: q.trafficMax } });
  return { organizationId, projectId, kind, deletedAt: null, ...(and.length ? { AND: and } : {}) };
}

function stripUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A page of an inventory list. Keyset pagination (a cursor is the id of the last row shown) so
 * that page 1,000 of 50,000 rows costs what page 1 does; `direction=prev` walks backwards.
 */
export async function listItems(db: Db, ctx: OrgContext, projectId: string, kind: ItemKind, raw: unknown) {
  assertCan(ctx.role, "project:view");
  const query = parseInput(listQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const where = stripUndefined(listWhere(project.organizationId, projectId, kind, query));
  const order = query.order ?? DEFAULT_ORDER[query.sort];
  const flip = (o: "asc" | "desc") => (query.direction === "prev" ? (o === "asc" ? "desc" : "asc") : o);
  const orderBy: Prisma.ItemOrderByWithRelationInput[] = [{ [SORT_COLUMNS[query.sort]]: flip(order) }, { id: flip("asc") }];

  // The cursor must be a row of this list; asked beside the page (which a foreign cursor cannot
  // widen: it only orders from the cursor row's values), so it costs no round trip of its own.
  const [cursorRow, rows, total] = await Promise.all([
    query.cursor ? db.item.findFirst({ where: { AND: [where, { id: query.cursor }] }, select: { id: true } }) : null,
    db.item.findMany({
      where,
      orderBy,
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
      include: itemInclude,
    }),
    // Counting stops at the cap: "10,000+ routes" reads as well as an exact figure and costs a
    // fraction of counting 50,000 rows on every page.
    db.item.count({ where, take: COUNT_CAP + 1 }),
  ]);
  if (query.cursor && !cursorRow) throw cursorNotInList();
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (query.direction === "prev") page.reverse();
  const first = page[0]?.id ?? null;
  const last = page[page.length - 1]?.id ?? null;
  return {
    data: page,
    total: Math.min(total, COUNT_CAP),
    totalIsCapped: total > COUNT_CAP,
    nextCursor: query.direction === "prev" ? (query.cursor ? last : null) : more ? last : null,
    prevCursor: query.direction === "prev" ? (more ? first : null) : query.cursor ? first : null,
    query: { ...query, order },
  };
}
