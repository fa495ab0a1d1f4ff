import type { Db } from "@/lib/db/client";
import type { Readiness } from "@/lib/generated/prisma/enums";
import { READINESS_ORDER } from "@/lib/inventory/labels";
import { itemFilterSql, type ItemFilter } from "./filters";
import type { ProjectScope } from "./breakdown";

export type BlockingDependency = { id: string; key: string; readiness: Readiness | null; replacement: string | null; routes: number; trafficPerDay: number };
export type DependencyReadiness = { counts: { readiness: Readiness; count: number }[]; blocking: BlockingDependency[] };

/**
 * Dependencies by readiness, and the not-ready ones holding back the most traffic: the open routes
 * that need them directly, or use an unported module that needs them (each route counted once).
 * The team and owner filters select the dependencies; the kind filter does not apply here.
 */
export async function loadDependencyReadiness(db: Db, scope: ProjectScope, filter: ItemFilter): Promise<DependencyReadiness> {
  const depFilter = itemFilterSql({ team: filter.team, owner: filter.owner });
  const [counts, blocking] = await Promise.all([
    db.$queryRaw<{ readiness: Readiness; count: number }[]>`
      SELECT COALESCE(i.readiness, 'UNKNOWN') AS readiness, COUNT(*)::int AS count FROM "Item" i
      WHERE i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i.kind = 'DEPENDENCY' AND i."deletedAt" IS NULL ${depFilter}
      GROUP BY 1`,
    db.$queryRaw<{ id: string; key: string; readiness: Readiness | null; replacement: string | null; routes: number; traffic: bigint | number }[]>`
      WITH open_routes AS (
        SELECT id, "trafficPerDay" AS traffic FROM "Item"
        WHERE "projectId" = ${scope.projectId} AND "organizationId" = ${scope.organizationId} AND kind = 'ROUTE' AND "deletedAt" IS NULL
          AND status IN ('NOT_STARTED', 'IN_PROGRESS')
      ),
      needs AS (
        SELECT r."toId" AS dep, o.id AS route, o.traffic FROM "ItemRelation" r JOIN open_routes o ON o.id = r."fromId"
        WHERE r."projectId" = ${scope.projectId} AND r."organizationId" = ${scope.organizationId}
        UNION
        SELECT md."toId", o.id, o.traffic
        FROM "ItemRelation" rm
        JOIN open_routes o ON o.id = rm."fromId"
        JOIN "Item" m ON m.id = rm."toId" AND m.kind = 'MODULE' AND m."deletedAt" IS NULL AND m.status IN ('NOT_STARTED', 'IN_PROGRESS')
        JOIN "ItemRelation" md ON md."fromId" = m.id
        WHERE rm."projectId" = ${scope.projectId} AND rm."organizationId" = ${scope.organizationId}
      )
      SELECT i.id, i.key, i.readiness, i.replacement, COUNT(*)::int AS routes, SUM(n.traffic)::bigint AS traffic
      FROM needs n JOIN "Item" i ON i.id = n.dep
      WHERE i.kind = 'DEPENDENCY' AND i."deletedAt" IS NULL AND i."organizationId" = ${scope.organizationId}
        AND (i.readiness IS NULL OR i.readiness NOT IN ('COMPATIBLE', 'DONE')) ${depFilter}
      GROUP BY i.id, i.key, i.readiness, i.replacement
      ORDER BY traffic DESC, routes DESC, i.key
      LIMIT 10`,
  ]);
  const byReadiness = new Map(counts.map((c) => [c.readiness, c.count]));
  return {
    counts: READINESS_ORDER.map((readiness) => ({ readiness, count: byReadiness.get(readiness) ?? 0 })),
    blocking: blocking.map((b) => ({ id: b.id, key: b.key, readiness: b.readiness, replacement: b.replacement, routes: b.routes, trafficPerDay: Number(b.traffic) })),
  };
}
