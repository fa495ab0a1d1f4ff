import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { DONE_STATUSES, FINISHED_STATUSES, OPEN_STATUSES, USES_KIND } from "@/lib/inventory/item-state";
import { statusesSql } from "@/lib/inventory/item-state-sql";
import { projectVersion } from "@/lib/projects/project-version";
import { ownerBreakdown, ownerKeySql, type OwnerRow, type ProjectScope } from "./breakdown";
import { addDays } from "@/lib/time/days";
import { itemFilterSql, type ItemFilter } from "./filters";
import { RECENT_WEEKS, teamTable, type OwnerFacts, type TeamBlocker, type TeamRow } from "./teams";
import type { DayKey } from "./types";

/** The owner of an item aliased `i`, as the owner breakdown names it. */
const OWNER = ownerKeySql(Prisma.sql`i."ownerTeamId"`, Prisma.sql`i."ownerUserId"`);
const day = (column: Prisma.Sql, timeZone: string) => Prisma.sql`to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;
/** The first instant of a day in the zone, as the UTC timestamp `ItemChange.at` holds. */
const dayStart = (dayKey: DayKey, timeZone: string) => Prisma.sql`((${dayKey}::date)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC'`;
const inList = (statuses: readonly string[]) => Prisma.join(statuses.map((s) => Prisma.sql`${s}`));

/** How far back the second look for an owner's last movement goes (then, only for owners still not seen, all of it). */
const MOVEMENT_WINDOW_DAYS = 182;

/** What can block: the kinds relations point to (modules, dependencies). */
const BLOCKER_KINDS = Prisma.join([...new Set(Object.values(USES_KIND))].map((k) => Prisma.sql`${k}::"ItemKind"`));

/** An item created, restored or changing status. */
const MOVEMENT = Prisma.sql`c.field IN ('created', 'status', 'restored')`;

/**
 * The last RECENT_WEEKS of movements, per owner and day: how many items each owner finished (net
 * of reopened ones) and that it moved at all. One read serves "done lately" and, for every owner
 * active in those weeks (most of them), the last movement. The weeks' history rows are read first
 * (MATERIALIZED), so that the planner sees how few they are and looks their items up by key
 * instead of reading every item of the project: a third faster on the embedded database.
 */
function recentMovements(db: Db, scope: ProjectScope & { timeZone: string }, where: Prisma.Sql, since: DayKey) {
  const done = inList(DONE_STATUSES);
  return db.$queryRaw<{ owner: string; day: string; done: number }[]>`
      WITH c AS MATERIALIZED (
        SELECT c."itemId", c.at, c.field, c."fromValue", c."toValue" FROM "ItemChange" c
        WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId} AND ${MOVEMENT}
          AND c.at >= ${dayStart(since, scope.timeZone)}
      )
      SELECT ${OWNER} AS owner, ${day(Prisma.sql`c.at`, scope.timeZone)} AS day,
             SUM(CASE WHEN c.field <> 'status' THEN 0
                      WHEN c."toValue" IN (${done}) AND c."fromValue" NOT IN (${done}) THEN 1
                      WHEN c."fromValue" IN (${done}) AND c."toValue" NOT IN (${done}) THEN -1 ELSE 0 END)::int AS done
      FROM c
      JOIN "Item" i ON i.id = c."itemId" AND i."organizationId" = ${scope.organizationId}
      WHERE ${where}
      GROUP BY 1, 2`;
}

/**
 * The last movement (as a day in the project's zone) of owners not active lately: the history of
 * the last half year first (the `(projectId, field, at)` index), and the whole of it only for owners
 * not seen there either — a project with 500,000 history rows otherwise spends most of its
 * dashboard here.
 */
async function olderMovements(db: Db, scope: ProjectScope & { timeZone: string }, where: Prisma.Sql, today: DayKey, owners: string[]) {
  const query = (of: string[], bound: Prisma.Sql) => db.$queryRaw<{ owner: string; day: string }[]>`
      SELECT ${OWNER} AS owner, ${day(Prisma.sql`MAX(c.at)`, scope.timeZone)} AS day
      FROM "ItemChange" c
      JOIN "Item" i ON i.id = c."itemId" AND i."organizationId" = ${scope.organizationId}
      WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId}
        AND ${MOVEMENT} AND ${where} AND ${OWNER} IN (${Prisma.join(of)}) ${bound}
      GROUP BY 1`;
  if (owners.length === 0) return [];
  const since = dayStart(addDays(today, -MOVEMENT_WINDOW_DAYS), scope.timeZone);
  const found = await query(owners, Prisma.sql`AND c.at >= ${since}`);
  const seen = new Set(found.map((m) => m.owner));
  const missing = owners.filter((o) => !seen.has(o));
  if (missing.length === 0) return found;
  return [...found, ...(await query(missing, Prisma.sql`AND c.at < ${since}`))];
}

/** What the history says of each owner: facts that change only with the project's version (and the day). */
export type OwnerHistory = {
  /**
   * Each owner's last movement as far as known: every owner active in the recent weeks, then the
   * others as a table asks for them (null: never moved). Filled in place, so a repeated view looks
   * up no owner twice.
   */
  lastMovement: Map<string, string | null>;
  done: { owner: string; day: string; done: number }[];
  blockers: { owner: string; id: string; kind: ItemKind; key: string; blocks: number }[];
};

/** Owner histories kept per app instance (each is a few rows per owner). */
const MAX_CACHED = 32;
const cache: Map<string, OwnerHistory> = ((globalThis as { __waypointOwnerHistories?: Map<string, OwnerHistory> }).__waypointOwnerHistories ??= new Map());

/**
 * Per owner, the unfinished items that block the most of its open items (all of them when tied;
 * teamTable picks by key). Counted per (owner, blocker) first, and only the best of each owner
 * joined back for its key: a project of 60,000 items has ~20,000 such pairs. The blocked items and
 * the possible blockers are read once each and joined to the relations by hash (MATERIALIZED): left
 * to itself the planner walked all relations in blocker order, a third slower on the embedded
 * database. Relations point one kind down (USES_KIND), so only those kinds are read as blockers.
 */
function topBlockers(db: Db, scope: ProjectScope, where: Prisma.Sql) {
  return db.$queryRaw<OwnerHistory["blockers"]>`
    WITH blocked AS MATERIALIZED (
      SELECT i.id, i."ownerTeamId", i."ownerUserId" FROM "Item" i
      WHERE ${where} AND i.status IN (${statusesSql(OPEN_STATUSES)}) AND i."blockerCount" > 0
    ),
    blockers AS MATERIALIZED (
      SELECT t.id FROM "Item" t
      WHERE t."projectId" = ${scope.projectId} AND t."organizationId" = ${scope.organizationId} AND t.kind IN (${BLOCKER_KINDS})
        AND t."deletedAt" IS NULL AND NOT (t.status IN (${statusesSql(FINISHED_STATUSES)}))
    ),
    counts AS (
      SELECT ${OWNER} AS owner, r."toId" AS id, COUNT(*)::int AS blocks
      FROM "ItemRelation" r
      JOIN blocked i ON i.id = r."fromId"
      JOIN blockers t ON t.id = r."toId"
      WHERE r."projectId" = ${scope.projectId} AND r."organizationId" = ${scope.organizationId}
      GROUP BY 1, 2
    ),
    best AS (SELECT owner, MAX(blocks) AS blocks FROM counts GROUP BY 1)
    SELECT c.owner, t.id, t.kind, t.key, c.blocks
    FROM counts c
    JOIN best b ON b.owner = c.owner AND b.blocks = c.blocks
    JOIN "Item" t ON t.id = c.id AND t."organizationId" = ${scope.organizationId}`;
}

const itemWhere = (scope: ProjectScope, filter: ItemFilter) =>
  Prisma.sql`i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i."deletedAt" IS NULL ${itemFilterSql(filter)}`;

/**
 * The history-derived facts of the Teams table: last movement, done lately, top blockers. They
 * read the history and the relations (the costly part of the progress page), yet depend only on
 * the inventory, which the project's version stamps, so they are kept per version, day, zone and
 * filter (a team filter also by the team's members, which change without history). They need no
 * owner list, so the dashboard reads them beside its charts.
 */
export async function loadOwnerHistory(db: Db, scope: ProjectScope & { timeZone: string }, filter: ItemFilter, today: DayKey): Promise<OwnerHistory> {
  const version = await projectVersion(db, { id: scope.projectId, organizationId: scope.organizationId });
  const members = filter.team
    ? await db.teamMember.findMany({
        where: { teamId: filter.team, organizationId: scope.organizationId },
        select: { userId: true },
        orderBy: { userId: "asc" },
      })
    : [];
  const key = JSON.stringify([
    scope.projectId,
    String(version),
    scope.timeZone,
    today,
    filter.kind ?? null,
    filter.team ?? null,
    filter.owner ?? null,
    members.map((m) => m.userId),
  ]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const since = addDays(today, -(RECENT_WEEKS * 7 - 1));
  const where = itemWhere(scope, filter);
  const [recent, blockers] = await Promise.all([recentMovements(db, scope, where, since), topBlockers(db, scope, where)]);
  const lastMovement = new Map<string, string | null>();
  for (const r of recent) {
    const known = lastMovement.get(r.owner);
    if (known == null || r.day > known) lastMovement.set(r.owner, r.day);
  }
  const history = { lastMovement, done: recent.filter((r) => r.done !== 0), blockers };
  cache.set(key, history);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return history;
}

/** Completes history.lastMovement for these owners from older history (only those it lacks). */
async function completeLastMovements(
  db: Db,
  scope: ProjectScope & { timeZone: string },
  filter: ItemFilter,
  today: DayKey,
  history: OwnerHistory,
  owners: string[],
) {
  const missing = owners.filter((o) => !history.lastMovement.has(o));
  if (missing.length === 0) return;
  const found = await olderMovements(db, scope, itemWhere(scope, filter), today, missing);
  for (const o of missing) history.lastMovement.set(o, null);
  for (const m of found) history.lastMovement.set(m.owner, m.day);
}

/**
 * The Teams table of the progress page: per owner (team, person, nobody) of the items the filter
 * selects, every kind unless the filter names one. `prepared` holds what the caller already read:
 * the breakdown of the same items (ownerBreakdown with the same filter and stale claims) and
 * loadOwnerHistory's facts for the same filter and day.
 */
export async function loadTeamTable(
  db: Db,
  scope: ProjectScope & { timeZone: string },
  filter: ItemFilter,
  staleItemIds: ReadonlySet<string>,
  today: DayKey,
  prepared: { owners?: OwnerRow[]; history?: OwnerHistory } = {},
): Promise<TeamRow[]> {
  const [breakdown, history] = await Promise.all([
    prepared.owners ?? ownerBreakdown(db, scope, filter, staleItemIds),
    prepared.history ?? loadOwnerHistory(db, scope, filter, today),
  ]);
  await completeLastMovements(
    db,
    scope,
    filter,
    today,
    history,
    breakdown.map((o) => o.owner),
  );
  const facts = new Map<string, OwnerFacts>(
    breakdown.map((o) => [
      o.owner,
      {
        owner: o.owner,
        name: o.name,
        remaining: o.remaining,
        staleClaims: o.staleClaims,
        lastMovement: history.lastMovement.get(o.owner) ?? null,
        doneByDay: [],
        blockers: [],
      },
    ]),
  );
  for (const d of history.done) facts.get(d.owner)?.doneByDay.push({ day: d.day, done: d.done });
  for (const b of history.blockers) facts.get(b.owner)?.blockers.push({ id: b.id, kind: b.kind, key: b.key, blocks: b.blocks } satisfies TeamBlocker);
  return teamTable([...facts.values()], today);
}
