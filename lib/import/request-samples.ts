/**
 * The logged request samples of an access-log import (issue 23): each route's up to 20 distinct
 * requests with their counts, replaced by every import in its own transaction — the samples
 * always describe the latest log, as the routes' traffic does. One DELETE and one INSERT from a
 * JSON record set: ~100,000 rows for a 5,000-route log in two statements.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export async function replaceRequestSamples(
  tx: Tx,
  scope: { organizationId: string; projectId: string },
  samples: Record<string, [string, number][]>,
): Promise<number> {
  await tx.itemRequestSample.deleteMany({ where: { organizationId: scope.organizationId, projectId: scope.projectId } });
  const rows: { key: string; path: string; count: number }[] = [];
  for (const [key, list] of Object.entries(samples)) for (const [path, count] of list) rows.push({ key, path, count });
  if (rows.length === 0) return 0;
  // The route is found by its key in this project (the [projectId, kind, key] index); a route
  // deleted since the preview simply gets no samples.
  return tx.$executeRawUnsafe(
    `INSERT INTO "ItemRequestSample" ("itemId", "projectId", "organizationId", "path", "count")
     SELECT i."id", i."projectId", i."organizationId", s."path", s."count"
     FROM json_to_recordset($3::json) AS s("key" text, "path" text, "count" int)
     JOIN "Item" i ON i."projectId" = $1 AND i."organizationId" = $2 AND i."kind" = 'ROUTE' AND i."key" = s."key" AND i."deletedAt" IS NULL
     ON CONFLICT ("itemId", "path") DO NOTHING`,
    scope.projectId,
    scope.organizationId,
    JSON.stringify(rows),
  );
}
