import { Prisma } from "@/lib/generated/prisma/client";
import { finishedSql } from "./item-state-sql";

type Tx = Prisma.TransactionClient;

/**
 * The SQL test for "this related item still blocks": not finished (item-state.ts), whatever its
 * kind. Deleted items block nothing.
 */
const NOT_READY = Prisma.sql`t."deletedAt" IS NULL AND NOT (${finishedSql("t")})`;

/**
 * Recomputes Item.blockerCount for the given items (or the whole project) in one statement.
 * Call it in the transaction of any change to a status, a readiness, a relation or a deletion,
 * for the items that *use* what changed.
 */
export async function recomputeBlockers(tx: Tx, projectId: string, itemIds?: string[]) {
  if (itemIds && itemIds.length === 0) return;
  const only = itemIds ? Prisma.sql`AND f.id IN (${Prisma.join(itemIds)})` : Prisma.empty;
  // One grouped join rather than a subquery per item: the planner hashes it, so recomputing a
  // 60,000-item project is linear instead of items × relations.
  await tx.$executeRaw`
    UPDATE "Item" AS i SET "blockerCount" = b.n
    FROM (
      SELECT f.id, (count(t.id) FILTER (WHERE ${NOT_READY}))::int AS n
      FROM "Item" f
      LEFT JOIN "ItemRelation" r ON r."fromId" = f.id
      LEFT JOIN "Item" t ON t.id = r."toId"
      WHERE f."projectId" = ${projectId} ${only}
      GROUP BY f.id
    ) AS b
    WHERE i.id = b.id AND i."blockerCount" <> b.n`;
}

/** Ids of the items that use any of these (their blocker counts may change with them). */
export async function dependentsOf(tx: Tx, itemIds: string[]): Promise<string[]> {
  if (itemIds.length === 0) return [];
  const rows = await tx.itemRelation.findMany({ where: { toId: { in: itemIds } }, select: { fromId: true } });
  return [...new Set(rows.map((r) => r.fromId))];
}

/** The related items that block this one, for "blocked by …" explanations. */
export async function blockersOf(tx: Tx, itemId: string) {
  return tx.$queryRaw<{ id: string; kind: string; key: string; status: string; readiness: string | null }[]>`
    SELECT t.id, t.kind::text AS kind, t.key, t.status::text AS status, t.readiness::text AS readiness
    FROM "ItemRelation" r JOIN "Item" t ON t.id = r."toId"
    WHERE r."fromId" = ${itemId} AND ${NOT_READY}
    ORDER BY t.kind, t.key`;
}
