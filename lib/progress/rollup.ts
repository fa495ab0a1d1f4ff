import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import { KIND_ORDER } from "./deltas";
import { STATUS_ORDER, type DayDelta, type TrafficDelta } from "./types";

type Scope = { organizationId: string; projectId: string };
const STATUS_RANK = new Map(STATUS_ORDER.map((s, i) => [s, i]));
const KIND_RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

/**
 * The daily status deltas from the rollup (`ProgressDay`, kept by a trigger on the history; see
 * the progress_rollup migration): a few thousand rows whatever the size of the history. The
 * counts equal `dailyDeltas` of the whole history; traffic comes separately (routeTrafficDeltas).
 */
export async function rollupDeltas(db: Db, scope: Scope): Promise<DayDelta[]> {
  const rows = await db.$queryRaw<{ day: string; kind: ItemKind; status: PortStatus; count: number }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, status, count
    FROM "ProgressDay"
    WHERE "projectId" = ${scope.projectId} AND "organizationId" = ${scope.organizationId} AND count <> 0`;
  return rows
    .map((r) => ({ ...r, traffic: 0 }))
    .sort((a, b) =>
      a.day < b.day ? -1 : a.day > b.day ? 1 : KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)! || STATUS_RANK.get(a.status)! - STATUS_RANK.get(b.status)!,
    );
}

/**
 * Per day, the change of route traffic ported-or-further and in scope, each route weighed by its
 * current traffic: the rollup's per-route crossings (`ProgressRouteDay`) joined to the routes.
 */
export async function routeTrafficDeltas(db: Db, scope: Scope): Promise<TrafficDelta[]> {
  const rows = await db.$queryRaw<{ day: string; done: bigint | number; scope: bigint | number }[]>`
    SELECT to_char(r.day, 'YYYY-MM-DD') AS day, SUM(r.done::bigint * i."trafficPerDay")::bigint AS done, SUM(r.scope::bigint * i."trafficPerDay")::bigint AS scope
    FROM "ProgressRouteDay" r
    JOIN "Item" i ON i.id = r."itemId" AND i."organizationId" = ${scope.organizationId}
    WHERE r."projectId" = ${scope.projectId} AND r."organizationId" = ${scope.organizationId}
    GROUP BY r.day
    ORDER BY r.day`;
  return rows.map((r) => ({ day: r.day, done: Number(r.done), scope: Number(r.scope) })).filter((r) => r.done !== 0 || r.scope !== 0);
}

/** Recomputes a project's rollup from its whole history: after its time zone changed. */
export function rebuildRollup(tx: Prisma.TransactionClient | Db, projectId: string) {
  return tx.$executeRaw`SELECT waypoint_progress_rebuild(${projectId})`;
}
