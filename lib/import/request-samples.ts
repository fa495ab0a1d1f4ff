/**
 * The logged request samples of an access-log import (issue 23): each route's up to 20 distinct
 * requests with their counts, replaced by every import in its own transaction — the samples
 * always describe the latest log, as the routes' traffic does. The routes' ids are read once and
 * the rows go in as three arrays (unnest): for a 5,000-route log, ~100,000 rows in a few
 * statements, without a join per row.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;
const CHUNK = 25_000;

export async function replaceRequestSamples(
  tx: Tx,
  scope: { organizationId: string; projectId: string },
  samples: Record<string, [string, number][]>,
): Promise<number> {
  await tx.$executeRaw`DELETE FROM "ItemRequestSample" WHERE "projectId" = ${scope.projectId} AND "organizationId" = ${scope.organizationId}`;
  const keys = Object.keys(samples);
  if (keys.length === 0) return 0;
  // A route deleted since the preview simply gets no samples.
  const routes = await tx.item.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, kind: "ROUTE", deletedAt: null, key: { in: keys } },
    select: { id: true, key: true },
  });
  const ids: string[] = [];
  const paths: string[] = [];
  const counts: number[] = [];
  for (const route of routes) {
    for (const [path, count] of samples[route.key] ?? []) {
      ids.push(route.id);
      paths.push(path);
      counts.push(count);
    }
  }
  let written = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    written += await tx.$executeRawUnsafe(
      `INSERT INTO "ItemRequestSample" ("itemId", "projectId", "organizationId", "path", "count")
       SELECT s.i, $1, $2, s.p, s.c FROM unnest($3::text[], $4::text[], $5::int[]) AS s(i, p, c)`,
      scope.projectId,
      scope.organizationId,
      ids.slice(i, i + CHUNK),
      paths.slice(i, i + CHUNK),
      counts.slice(i, i + CHUNK),
    );
  }
  return written;
}
