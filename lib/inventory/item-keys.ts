import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";

/**
 * The keys of items named by id (agenda entries, action items and decisions store ids only). Ids
 * of other projects or organisations are simply not found; deleted items keep their key, marked.
 */
export async function itemKeys(db: Db, ctx: OrgContext, projectId: string, ids: Iterable<string>) {
  const unique = [...new Set(ids)].slice(0, 1000);
  if (unique.length === 0) return new Map<string, { key: string; deleted: boolean }>();
  const rows = await db.item.findMany({
    where: { id: { in: unique }, projectId, organizationId: ctx.organizationId },
    select: { id: true, key: true, deletedAt: true },
  });
  return new Map(rows.map((r) => [r.id, { key: r.key, deleted: r.deletedAt !== null }]));
}
