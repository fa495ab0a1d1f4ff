/**
 * Which items a record speaks for: its references ({id}, {key}, {module}, {pattern}) resolved
 * against the project's inventory when it is posted. An unknown reference is a 400 naming it, so
 * a typo in CI never records evidence for nothing.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { invalid } from "@/lib/errors";
import type { ItemRef } from "./schemas";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string; projectId: string };

/** A pattern may not spread one record over more items than this. */
export const MAX_ITEMS_PER_PATTERN = 10_000;

/** `GET /api/*` → a LIKE pattern: `*` any run of characters, `?` one; LIKE's own wildcards escaped. */
export function globToLike(glob: string): string {
  return glob
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, "%")
    .replace(/\?/g, "_");
}

/**
 * Resolves every reference of every record in a few queries (ids and keys at once; each module and
 * pattern on its own). Answers, per record, the distinct item ids. `field` names the record in an
 * error ("records.3").
 */
export async function resolveItemRefs(tx: Tx, scope: Scope, records: { field: string; items: ItemRef[] }[]): Promise<string[][]> {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const r of records)
    for (const ref of r.items) {
      if ("id" in ref) ids.add(ref.id);
      if ("key" in ref) keys.add(ref.key);
    }
  const live = { organizationId: scope.organizationId, projectId: scope.projectId, deletedAt: null };
  const byId = new Set(ids.size ? (await tx.item.findMany({ where: { ...live, id: { in: [...ids] } }, select: { id: true } })).map((i) => i.id) : []);
  const byKey = new Map<string, string[]>();
  if (keys.size) {
    for (const item of await tx.item.findMany({ where: { ...live, key: { in: [...keys] } }, select: { id: true, key: true } })) {
      byKey.set(item.key, [...(byKey.get(item.key) ?? []), item.id]);
    }
  }

  const result: string[][] = [];
  for (const record of records) {
    const found = new Set<string>();
    for (const [j, ref] of record.items.entries()) {
      const field = record.field ? `${record.field}.items.${j}` : `items.${j}`;
      if ("id" in ref) {
        if (!byId.has(ref.id)) throw unknown(field, "No item of this project has this id.");
        found.add(ref.id);
      } else if ("key" in ref) {
        const matched = byKey.get(ref.key);
        if (!matched) throw unknown(field, `No item of this project has the key "${ref.key}" (a route's key is "METHOD /path/<param>").`);
        for (const id of matched) found.add(id);
      } else if ("module" in ref) {
        const moduleItem = await tx.item.findFirst({ where: { ...live, kind: "MODULE", key: ref.module }, select: { id: true } });
        if (!moduleItem) throw unknown(field, `No module of this project has the path "${ref.module}".`);
        found.add(moduleItem.id);
        const routes = await tx.item.findMany({ where: { ...live, kind: "ROUTE", uses: { some: { toId: moduleItem.id } } }, select: { id: true } });
        for (const r of routes) found.add(r.id);
      } else {
        const like = globToLike(ref.pattern);
        const matched = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Item"
          WHERE "organizationId" = ${scope.organizationId} AND "projectId" = ${scope.projectId} AND kind = 'ROUTE' AND "deletedAt" IS NULL
            AND key LIKE ${like}
          LIMIT ${MAX_ITEMS_PER_PATTERN + 1}`;
        if (matched.length === 0) throw unknown(field, `No route of this project matches the pattern "${ref.pattern}".`);
        if (matched.length > MAX_ITEMS_PER_PATTERN)
          throw invalid(`The pattern "${ref.pattern}" matches more than ${MAX_ITEMS_PER_PATTERN.toLocaleString("en")} routes: narrow it.`, {
            [field]: ["Matches too many routes."],
          });
        for (const r of matched) found.add(r.id);
      }
    }
    result.push([...found]);
  }
  return result;
}

const unknown = (field: string, message: string) => invalid(`${message} Nothing was recorded.`, { [field]: [message] });
