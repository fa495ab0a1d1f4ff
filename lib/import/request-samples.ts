/**
 * The logged request samples of an access-log import (issue 23): each route's up to 20 distinct
 * requests with their counts, replaced by every import in its own transaction — the samples
 * always describe the latest log, as the routes' traffic does. The preview writes them beside its
 * stored plan (`ImportBatchSample`, one row per route key, a few hundred routes per statement) and
 * the commit copies them inside the database, each route's list as one row. In the plan itself, as
 * one 3.6 MB JSON value for a 1,000,000-line log, they cost the embedded database's preview ~90 MB
 * of peak memory (its WebAssembly heap grows to parse one statement and never shrinks) and ~1 s;
 * read back into the commit's process, ~70 MB; written as a row per request, twice the commit's time.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { yieldToEventLoop } from "@/lib/event-loop";
import type { SamplesByKey } from "./access-log/samples";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string };

/** Routes per statement: each statement's JSON stays under ~250 KB. */
const ROUTES_PER_STATEMENT = 250;

/** Writes a preview's samples beside its batch, a slice of routes per statement. */
export async function storeBatchSamples(tx: Tx, scope: Scope, batchId: string, samples: SamplesByKey): Promise<void> {
  const keys = Object.keys(samples);
  for (let i = 0; i < keys.length; i += ROUTES_PER_STATEMENT) {
    const slice: SamplesByKey = {};
    for (const key of keys.slice(i, i + ROUTES_PER_STATEMENT)) slice[key] = samples[key]!;
    await tx.$executeRaw`
      INSERT INTO "ImportBatchSample" ("batchId", "organizationId", "key", "samples")
      SELECT ${batchId}, ${scope.organizationId}, s.key, s.list FROM jsonb_each(${JSON.stringify(slice)}::jsonb) AS s(key, list)`;
    await yieldToEventLoop();
  }
}

/** Replaces the project's samples with those stored beside the batch, one row per route; a route deleted since the preview gets none. */
export async function replaceRequestSamples(tx: Tx, scope: Scope & { projectId: string }, batchId: string): Promise<number> {
  await tx.$executeRaw`DELETE FROM "ItemRequestSample" WHERE "projectId" = ${scope.projectId} AND "organizationId" = ${scope.organizationId}`;
  const copied = await tx.$executeRaw`
    INSERT INTO "ItemRequestSample" ("itemId", "projectId", "organizationId", "samples")
    SELECT i."id", i."projectId", i."organizationId", s."samples"
    FROM "ImportBatchSample" s
    JOIN "Item" i ON i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i."kind" = 'ROUTE' AND i."key" = s."key" AND i."deletedAt" IS NULL
    WHERE s."batchId" = ${batchId} AND s."organizationId" = ${scope.organizationId} AND jsonb_typeof(s."samples") = 'array' AND jsonb_array_length(s."samples") > 0`;
  // A committed batch keeps no samples (nor a plan).
  await tx.$executeRaw`DELETE FROM "ImportBatchSample" WHERE "batchId" = ${batchId} AND "organizationId" = ${scope.organizationId}`;
  return copied;
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
