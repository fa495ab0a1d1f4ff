/**
 * The logged request samples of an access-log import (issue 23): each route's up to 20 distinct
 * requests with their counts, replaced by every import in its own transaction — the samples
 * always describe the latest log, as the routes' traffic does. They travel in the preview's stored
 * plan (`plan.traffic.samples`: route key → [target, count] pairs) and are copied from there by the
 * database itself, each route's list as one row: read into the commit's process, ~80,000 pairs for
 * a 1,000,000-line log cost the CLI ~70 MB of peak memory, and written as a row each they doubled
 * the commit's time.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** The stored plan without its samples: what the commit reads into memory. */
export async function planWithoutSamples(tx: Tx, scope: { organizationId: string }, batchId: string): Promise<{ payload: unknown; hasSamples: boolean }> {
  const rows = await tx.$queryRaw<{ payload: unknown; hasSamples: boolean }[]>`
    SELECT payload #- '{plan,traffic,samples}' AS "payload",
           jsonb_typeof(payload #> '{plan,traffic,samples}') = 'object' AS "hasSamples"
    FROM "ImportBatch" WHERE id = ${batchId} AND "organizationId" = ${scope.organizationId}`;
  return { payload: rows[0]?.payload ?? {}, hasSamples: rows[0]?.hasSamples === true };
}

/** Replaces the project's samples with those of the batch's plan, one row per route; a route deleted since the preview gets none. */
export async function replaceRequestSamples(tx: Tx, scope: { organizationId: string; projectId: string }, batchId: string): Promise<number> {
  await tx.$executeRaw`DELETE FROM "ItemRequestSample" WHERE "projectId" = ${scope.projectId} AND "organizationId" = ${scope.organizationId}`;
  return tx.$executeRaw`
    INSERT INTO "ItemRequestSample" ("itemId", "projectId", "organizationId", "samples")
    SELECT i."id", i."projectId", i."organizationId", r.list
    FROM "ImportBatch" b
    CROSS JOIN LATERAL jsonb_each(b.payload #> '{plan,traffic,samples}') AS r(key, list)
    JOIN "Item" i ON i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i."kind" = 'ROUTE' AND i."key" = r.key AND i."deletedAt" IS NULL
    WHERE b.id = ${batchId} AND b."organizationId" = ${scope.organizationId} AND jsonb_typeof(r.list) = 'array' AND jsonb_array_length(r.list) > 0`;
}

/** A route's stored samples, most requested first (then by target), at most `limit`; anything malformed is left out. */
export function sortedSamples(stored: unknown, limit: number): { path: string; count: number }[] {
  if (!Array.isArray(stored)) return [];
  const samples: { path: string; count: number }[] = [];
  for (const pair of stored) {
    if (Array.isArray(pair) && typeof pair[0] === "string" && Number.isSafeInteger(pair[1])) samples.push({ path: pair[0], count: pair[1] as number });
  }
  return samples.sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, limit);
}
