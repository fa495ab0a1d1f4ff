/**
 * The logged request samples of an access-log import (issue 23): each route's up to 20 distinct
 * requests with their counts, replaced by every import in its own transaction — the samples
 * always describe the latest log, as the routes' traffic does. They travel in the preview's stored
 * plan (`plan.traffic.samples`: route key → [target, count] pairs) and are copied from there by the
 * database itself: read into the commit's process, ~80,000 pairs for a 1,000,000-line log cost the
 * CLI ~70 MB of peak memory.
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

/** Replaces the project's samples with those of the batch's plan; a route deleted since the preview gets none. */
export async function replaceRequestSamples(tx: Tx, scope: { organizationId: string; projectId: string }, batchId: string): Promise<number> {
  await tx.$executeRaw`DELETE FROM "ItemRequestSample" WHERE "projectId" = ${scope.projectId} AND "organizationId" = ${scope.organizationId}`;
  return tx.$executeRaw`
    INSERT INTO "ItemRequestSample" ("itemId", "projectId", "organizationId", "path", "count")
    SELECT i."id", i."projectId", i."organizationId", s.value->>0, (s.value->>1)::int
    FROM "ImportBatch" b
    CROSS JOIN LATERAL jsonb_each(b.payload #> '{plan,traffic,samples}') AS r(key, list)
    CROSS JOIN LATERAL jsonb_array_elements(r.list) AS s(value)
    JOIN "Item" i ON i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i."kind" = 'ROUTE' AND i."key" = r.key AND i."deletedAt" IS NULL
    WHERE b.id = ${batchId} AND b."organizationId" = ${scope.organizationId}
    ON CONFLICT ("itemId", "path") DO NOTHING`;
}
