import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Readiness } from "@/lib/generated/prisma/enums";
import { READINESS_LABELS } from "@/lib/inventory/labels";
import { FINISHED_STATUSES, OPEN_STATUSES, READINESS_ORDER } from "@/lib/inventory/item-state";
import { finishedSql, statusesSql } from "@/lib/inventory/item-state-sql";
import { itemFilterSql, type ItemFilter } from "./filters";
import type { ProjectScope } from "./breakdown";

export type BlockingDependency = { id: string; key: string; readiness: Readiness | null; replacement: string | null; routes: number; trafficPerDay: number };
/** A bar of the readiness chart: open dependencies by how they will move, then the finished ones. */
export type ReadinessBar = { key: Readiness | "FINISHED"; label: string; count: number; /** the inventory filter that lists them */ query: string };
export type DependencyReadiness = { counts: ReadinessBar[]; blocking: BlockingDependency[] };

const TOP = 10;

/**
 * Dependencies by readiness, and the not-ready ones holding back the most traffic: the open routes
 * that need them directly, or use an unported module that needs them (each route counted once).
 * The team and owner filters select the dependencies; the kind filter does not apply here.
 */
export async function loadDependencyReadiness(db: Db, scope: ProjectScope, filter: ItemFilter): Promise<DependencyReadiness> {
  const depFilter = itemFilterSql({ team: filter.team, owner: filter.owner });
  const [counts, blocking] = await Promise.all([
    db.$queryRaw<{ readiness: Readiness; finished: boolean; count: number }[]>`
      SELECT COALESCE(i.readiness, 'UNKNOWN') AS readiness, ${finishedSql("i")} AS finished, COUNT(*)::int AS count FROM "Item" i
      WHERE i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i.kind = 'DEPENDENCY' AND i."deletedAt" IS NULL ${depFilter}
      GROUP BY 1, 2`,
    blockingDependencies(db, scope, depFilter),
  ]);
  const open = new Map(counts.filter((c) => !c.finished).map((c) => [c.readiness, c.count]));
  const finished = counts.filter((c) => c.finished).reduce((n, c) => n + c.count, 0);
  const openStatuses = OPEN_STATUSES.join(",");
  return {
    counts: [
      ...READINESS_ORDER.map((readiness) => ({
        key: readiness,
        label: READINESS_LABELS[readiness],
        count: open.get(readiness) ?? 0,
        query: `readiness=${readiness}&status=${openStatuses}`,
      })),
      { key: "FINISHED" as const, label: "Finished", count: finished, query: `status=${FINISHED_STATUSES.join(",")}` },
    ],
    blocking,
  };
}

/**
 * The exact count needs each (dependency, route) pair once — 50,000 pairs in a big project. So:
 * first an upper bound per dependency (the open-route traffic of each module that needs it,
 * summed without removing routes counted twice), then the exact figures for the best candidates
 * only. The exact top is final once its last entry is at least the bound of the first dependency
 * left out — a dependency's exact traffic never exceeds its bound; otherwise more candidates.
 *
 * The open routes and modules are each read once and joined by hash (MATERIALIZED): left to
 * itself the planner looked up each of ~26,000 relations' items by key, twice as slow on the
 * embedded database. Relations point one kind down (USES_KIND), yet a route that needs a
 * dependency directly is counted too.
 */
async function blockingDependencies(db: Db, scope: ProjectScope, depFilter: Prisma.Sql): Promise<BlockingDependency[]> {
  const items = (kind: "ROUTE" | "MODULE") => Prisma.sql`
      SELECT o.id, o."trafficPerDay" AS traffic FROM "Item" o
      WHERE o."projectId" = ${scope.projectId} AND o."organizationId" = ${scope.organizationId} AND o.kind = ${kind}::"ItemKind"
        AND o."deletedAt" IS NULL AND o.status IN (${statusesSql(OPEN_STATUSES)})`;
  const bounds = await db.$queryRaw<{ id: string; bound: bigint | number }[]>`
    WITH deps AS MATERIALIZED (
      SELECT i.id FROM "Item" i
      WHERE i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i.kind = 'DEPENDENCY' AND i."deletedAt" IS NULL
        AND NOT (${finishedSql("i")}) ${depFilter}
    ),
    open_routes AS MATERIALIZED (${items("ROUTE")}),
    open_modules AS MATERIALIZED (${items("MODULE")}),
    needs AS MATERIALIZED (
      SELECT r."toId" AS dep, r."fromId" AS id FROM "ItemRelation" r JOIN deps d ON d.id = r."toId"
      WHERE r."projectId" = ${scope.projectId} AND r."organizationId" = ${scope.organizationId}
    ),
    module_needs AS MATERIALIZED (SELECT n.dep, n.id FROM needs n JOIN open_modules m ON m.id = n.id),
    module_traffic AS (
      SELECT rm."toId" AS module, SUM(o.traffic) AS traffic
      FROM "ItemRelation" rm
      JOIN open_routes o ON o.id = rm."fromId"
      WHERE rm."projectId" = ${scope.projectId} AND rm."organizationId" = ${scope.organizationId} AND rm."toId" IN (SELECT id FROM module_needs)
      GROUP BY 1
    ),
    traffic AS (
      SELECT n.dep, o.traffic FROM needs n JOIN open_routes o ON o.id = n.id
      UNION ALL
      SELECT n.dep, COALESCE(mt.traffic, 0) FROM module_needs n LEFT JOIN module_traffic mt ON mt.module = n.id
    )
    SELECT dep AS id, SUM(traffic)::bigint AS bound FROM traffic GROUP BY dep
    ORDER BY bound DESC, dep`;
  const ranked = bounds.map((b) => ({ id: b.id, bound: Number(b.bound) }));
  for (let take = TOP * 4; ; take *= 4) {
    const candidates = ranked.slice(0, take);
    const exact = await exactBlocking(
      db,
      scope,
      candidates.map((c) => c.id),
    );
    const next = ranked[take];
    if (!next) return exact.slice(0, TOP);
    // Strictly above: a left-out dependency could only tie, and ties are ordered by more than traffic.
    if (exact.length >= TOP && exact[TOP - 1].trafficPerDay > next.bound) return exact.slice(0, TOP);
  }
}

/** The open routes each of these dependencies holds back, each route once, most traffic first. */
async function exactBlocking(db: Db, scope: ProjectScope, ids: string[]): Promise<BlockingDependency[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<
    { id: string; key: string; readiness: Readiness | null; replacement: string | null; routes: number; traffic: bigint | number }[]
  >`
    WITH pairs AS (
      SELECT r."toId" AS dep, r."fromId" AS route FROM "ItemRelation" r WHERE r."toId" IN (${Prisma.join(ids)})
      UNION
      SELECT md."toId", rm."fromId"
      FROM "ItemRelation" md
      JOIN "Item" m ON m.id = md."fromId" AND m.kind = 'MODULE' AND m."deletedAt" IS NULL AND m.status IN ('NOT_STARTED', 'IN_PROGRESS')
      JOIN "ItemRelation" rm ON rm."toId" = m.id
      WHERE md."toId" IN (${Prisma.join(ids)})
    )
    SELECT i.id, i.key, i.readiness, i.replacement, COUNT(*)::int AS routes, SUM(o."trafficPerDay")::bigint AS traffic
    FROM pairs p
    JOIN "Item" o ON o.id = p.route AND o.kind = 'ROUTE' AND o."deletedAt" IS NULL AND o.status IN ('NOT_STARTED', 'IN_PROGRESS') AND o."organizationId" = ${scope.organizationId}
    JOIN "Item" i ON i.id = p.dep AND i."organizationId" = ${scope.organizationId} AND i."projectId" = ${scope.projectId}
    GROUP BY i.id, i.key, i.readiness, i.replacement
    ORDER BY traffic DESC, routes DESC, i.key`;
  return rows.map((b) => ({ id: b.id, key: b.key, readiness: b.readiness, replacement: b.replacement, routes: b.routes, trafficPerDay: Number(b.traffic) }));
}
