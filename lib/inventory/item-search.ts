import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { KINDS } from "./labels";

/** At most this many suggestions per request: a picker shows a short list, never the inventory. */
export const ITEM_SEARCH_MAX = 20;

const kindSchema = z.enum(KINDS as [ItemKind, ...ItemKind[]], { error: "Use ROUTE, MODULE or DEPENDENCY (comma-separated)." });
const kindList = z.preprocess(
  (v) => (typeof v === "string" ? (v === "" ? undefined : v.split(",").map((s) => s.trim().toUpperCase())) : v),
  z.array(kindSchema).optional(),
);

/** `GET …/items/search?q=billing&kind=ROUTE,MODULE&limit=10`: the query of an item picker. */
export const itemSearchQuerySchema = z
  .object({
    q: z.string().trim().min(1, "Type at least one character.").max(200, "Use at most 200 characters."),
    kind: kindList,
    limit: z.coerce
      .number({ error: "limit must be a whole number." })
      .int("limit must be a whole number.")
      .min(1, "limit is at least 1.")
      .max(ITEM_SEARCH_MAX, `limit is at most ${ITEM_SEARCH_MAX}.`)
      .default(10),
  })
  .strict();

export const itemSearchResultSchema = z
  .object({
    data: z.array(z.object({ id: z.string(), kind: kindSchema, key: z.string(), status: z.string() })),
  })
  .meta({ id: "ItemSearchResult" });

export type ItemSuggestion = { id: string; kind: ItemKind; key: string; status: PortStatus };

/** `%`, `_` and `\` typed by a user are literal characters, not LIKE wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Items of a project whose key contains the text (case-insensitive): keys that start with it first,
 * then route paths that start with it, then the rest; shorter keys before longer. Deleted items are
 * left out. Any member may search.
 *
 * Fast at 50,000 routes without a new index (docs/BENCHMARKS.md, "Item picker search"): one query
 * per kind, each `ORDER BY key LIMIT`, so PostgreSQL never sorts more than the matches of one
 * kind. When the text is short or common, it walks the unique (projectId, kind, key) index and
 * stops after enough matches; when it is rare, it reads the matches from the trigram index
 * `Item_key_trgm_idx` (EXPLAIN shows both plans). Twice the limit is fetched per kind and ranked
 * here, so a key or path that starts with the text is less often crowded out by keys sorting before it.
 */
export async function searchItems(db: Db, ctx: OrgContext, projectId: string, raw: unknown): Promise<ItemSuggestion[]> {
  assertCan(ctx.role, "project:view");
  const query = parseInput(itemSearchQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const kinds = [...new Set(query.kind ?? KINDS)];
  const scope = Prisma.sql`"organizationId" = ${project.organizationId} AND "projectId" = ${project.id} AND "deletedAt" IS NULL`;
  const contains = `%${escapeLike(query.q)}%`;
  const candidates = query.limit * 2;
  const select = (kindWhere: Prisma.Sql) =>
    db.$queryRaw<
      ItemSuggestion[]
    >`SELECT id, kind, key, status FROM "Item" WHERE ${scope} AND ${kindWhere} AND key ILIKE ${contains} ORDER BY key LIMIT ${candidates}`;
  const batches = await Promise.all(kinds.map((kind) => select(Prisma.sql`kind = ${kind}::"ItemKind"`)));
  const seen = new Set<string>();
  const unique = batches.flat().filter((r) => !seen.has(r.id) && seen.add(r.id));
  return rankSuggestions(unique, query.q).slice(0, query.limit);
}

/** Keys starting with the text, then route paths starting with it ("/billing" or "billing"), then the rest; shorter first, then by key. */
export function rankSuggestions<T extends { key: string; kind: ItemKind }>(rows: T[], text: string): T[] {
  const t = text.toLowerCase();
  const path = t.startsWith("/") ? t : `/${t}`;
  const rank = (r: T) => {
    const key = r.key.toLowerCase();
    if (key.startsWith(t)) return 0;
    if (r.kind === "ROUTE" && key.slice(key.indexOf(" ") + 1).startsWith(path)) return 1;
    return 2;
  };
  return rows
    .map((r) => ({ r, rank: rank(r) }))
    .sort((a, b) => a.rank - b.rank || a.r.key.length - b.r.key.length || (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : 0))
    .map((x) => x.r);
}
