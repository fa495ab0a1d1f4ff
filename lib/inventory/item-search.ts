import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { ItemKind, ItemStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { KINDS } from "./labels";

/** At most this many suggestions per request: a picker shows a short list, never the inventory. */
export const ITEM_SEARCH_MAX = 20;

const kindSchema = z.enum(KINDS as [ItemKind, ...ItemKind[]], { error: "Use ROUTE, MODULE or DEPENDENCY (comma-separated)." });
const kindList = z.preprocess((v) => (typeof v === "string" ? (v === "" ? undefined : v.split(",").map((s) => s.trim().toUpperCase())) : v), z.array(kindSchema).optional());

/** `GET …/items/search?q=billing&kind=ROUTE,MODULE&limit=10`: the query of an item picker. */
export const itemSearchQuerySchema = z
  .object({
    q: z.string().trim().min(1, "Type at least one character.").max(200, "Use at most 200 characters."),
    kind: kindList,
    limit: z.coerce.number({ error: "limit must be a whole number." }).int("limit must be a whole number.").min(1, "limit is at least 1.").max(ITEM_SEARCH_MAX, `limit is at most ${ITEM_SEARCH_MAX}.`).default(10),
  })
  .strict();

export const itemSearchResultSchema = z
  .object({
    data: z.array(z.object({ id: z.string(), kind: kindSchema, key: z.string(), status: z.string() })),
  })
  .meta({ id: "ItemSearchResult" });

export type ItemSuggestion = { id: string; kind: ItemKind; key: string; status: ItemStatus };

/** `%`, `_` and `\` typed by a user are literal characters, not LIKE wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Items of a project whose key contains the text (case-insensitive), keys that start with it first,
 * then by key. Deleted items are left out. Any member may search. The match is an `ILIKE` on `key`,
 * which the trigram index (`Item_key_trgm_idx`) answers; the limit keeps the answer short at 50,000
 * routes (docs/BENCHMARKS.md, "Item picker search").
 */
export async function searchItems(db: Db, ctx: OrgContext, projectId: string, raw: unknown): Promise<ItemSuggestion[]> {
  assertCan(ctx.role, "project:view");
  const query = parseInput(itemSearchQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const kinds = query.kind ?? KINDS;
  const contains = `%${escapeLike(query.q)}%`;
  // A route's key is "GET /path": a typed "/billing" or "billing" is also a start of its path.
  const starts = `${escapeLike(query.q)}%`;
  const startsPath = `% ${escapeLike(query.q.replace(/^\/?/, "/"))}%`;
  return db.$queryRaw<ItemSuggestion[]>`
    SELECT id, kind, key, status FROM "Item"
    WHERE "organizationId" = ${project.organizationId} AND "projectId" = ${project.id}
      AND "deletedAt" IS NULL AND kind::text = ANY(${kinds}::text[])
      AND key ILIKE ${contains}
    ORDER BY (key ILIKE ${starts} OR key ILIKE ${startsPath}) DESC, length(key), key, id
    LIMIT ${query.limit}`;
}
