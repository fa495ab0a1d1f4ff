import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { DONE_STATUSES, FINISHED_STATUSES, OPEN_STATUSES } from "@/lib/inventory/item-state";
import { projectVersion } from "@/lib/projects/project-version";
import { lastMovements, loadBreakdownCounts, loadStaleOwners, ownerRows, type BreakdownData, type ProjectScope } from "./breakdown";
import { addDays } from "@/lib/time/days";
import { itemFilterSql, type ItemFilter } from "./filters";
import { RECENT_WEEKS, teamTable, type OwnerFacts, type TeamBlocker, type TeamRow } from "./teams";
import type { DayKey } from "./types";

/** The owner of an item aliased `i`, as the owner breakdown names it. */
const OWNER = Prisma.sql`CASE WHEN i."ownerTeamId" IS NOT NULL THEN 'team:' || i."ownerTeamId" WHEN i."ownerUserId" IS NOT NULL THEN 'user:' || i."ownerUserId" ELSE 'none' END`;
const day = (column: Prisma.Sql, timeZone: string) => Prisma.sql`to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;
const inList = (statuses: readonly string[]) => Prisma.join(statuses.map((s) => Prisma.sql`${s}`));
/** Statuses compared as the enum (not as text), so the planner can use the column's statistics. */
const statusList = (statuses: readonly string[]) => Prisma.join(statuses.map((s) => Prisma.sql`${s}::"PortStatus"`));

/** What the history and the relations say of each owner: facts that change only with the project's version (and the day). */
type OwnerHistory = {
  done: { owner: string; day: string; done: number }[];
  blockers: { owner: string; id: string; kind: ItemKind; key: string; blocks: number }[];
};

/** Owner histories kept per app instance (each is a few rows per owner). */
const MAX_CACHED = 32;
const cache: Map<string, OwnerHistory> = ((globalThis as { __waypointOwnerHistory?: Map<string, OwnerHistory> }).__waypointOwnerHistory ??= new Map());

/**
 * Per owner, the unfinished items that block the most of its open items (all of them when tied;
 * teamTable picks by key). Counted per (owner, blocker) first, and only the best of each owner
 * joined back for its key: a project of 60,000 items has ~20,000 such pairs.
 */
function topBlockers(db: Db, scope: ProjectScope, where: Prisma.Sql) {
  return db.$queryRaw<OwnerHistory["blockers"]>`
    WITH counts AS (
      SELECT ${OWNER} AS owner, r."toId" AS id, COUNT(*)::int AS blocks
      FROM "Item" i
      JOIN "ItemRelation" r ON r."fromId" = i.id
      JOIN "Item" t ON t.id = r."toId" AND t."organizationId" = ${scope.organizationId} AND t."deletedAt" IS NULL AND NOT (t.status IN (${statusList(FINISHED_STATUSES)}))
      WHERE ${where} AND i.status IN (${statusList(OPEN_STATUSES)}) AND i."blockerCount" > 0
      GROUP BY 1, 2
    ),
    best AS (SELECT owner, MAX(blocks) AS blocks FROM counts GROUP BY 1)
    SELECT c.owner, t.id, t.kind, t.key, c.blocks
    FROM counts c
    JOIN best b ON b.owner = c.owner AND b.blocks = c.blocks
    JOIN "Item" t ON t.id = c.id AND t."organizationId" = ${scope.organizationId}`;
}

/**
 * The Teams table's facts from the history and the relations: done lately, top blockers. They are
 * the costly part of the progress page, yet depend only on the inventory, which the project's
 * version stamps, so they are kept per version, day, zone, filter and owners (a team filter also
 * by the team's members, which change without history).
 */
async function ownerHistory(db: Db, scope: ProjectScope & { timeZone: string }, filter: ItemFilter, today: DayKey, owners: string[]): Promise<OwnerHistory> {
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
    owners,
  ]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const since = addDays(today, -(RECENT_WEEKS * 7 - 1));
  const where = Prisma.sql`i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i."deletedAt" IS NULL ${itemFilterSql(filter)}`;
  const [done, blockers] = await Promise.all([
    db.$queryRaw<OwnerHistory["done"]>`
      SELECT ${OWNER} AS owner, ${day(Prisma.sql`c.at`, scope.timeZone)} AS day,
             SUM(CASE WHEN c."toValue" IN (${inList(DONE_STATUSES)}) AND c."fromValue" NOT IN (${inList(DONE_STATUSES)}) THEN 1
                      WHEN c."fromValue" IN (${inList(DONE_STATUSES)}) AND c."toValue" NOT IN (${inList(DONE_STATUSES)}) THEN -1 ELSE 0 END)::int AS done
      FROM "ItemChange" c
      JOIN "Item" i ON i.id = c."itemId" AND i."organizationId" = ${scope.organizationId}
      WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId} AND c.field = 'status'
        AND c.at >= ((${since}::date)::timestamp AT TIME ZONE ${scope.timeZone}) AT TIME ZONE 'UTC'
        AND ${where}
      GROUP BY 1, 2`,
    topBlockers(db, scope, where),
  ]);
  const history = { done, blockers };
  cache.set(key, history);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return history;
}

/**
 * The Teams table of the progress page: per owner (team, person, nobody) of the items the filter
 * selects, every kind unless the filter names one. `breakdown` is the owner counts of the same
 * items and the stale claims' owners when the caller already has them (loadBreakdownCounts with
 * the same filter). The last movement per owner comes with the counts (Item.lastMovedAt).
 */
export async function loadTeamTable(
  db: Db,
  scope: ProjectScope & { timeZone: string },
  filter: ItemFilter,
  staleItemIds: ReadonlySet<string>,
  today: DayKey,
  breakdown?: BreakdownData,
): Promise<TeamRow[]> {
  const data = breakdown ?? {
    counts: await loadBreakdownCounts(db, scope, filter),
    staleOwners: await loadStaleOwners(db, scope, staleItemIds),
  };
  const owners = ownerRows(data);
  const moved = lastMovements(data.counts, scope.timeZone);
  const { done, blockers } = await ownerHistory(
    db,
    scope,
    filter,
    today,
    owners.map((o) => o.owner),
  );
  const facts = new Map<string, OwnerFacts>(
    owners.map((o) => [
      o.owner,
      {
        owner: o.owner,
        name: o.name,
        remaining: o.remaining,
        staleClaims: o.staleClaims,
        lastMovement: moved.get(o.owner) ?? null,
        doneByDay: [],
        blockers: [],
      },
    ]),
  );
  for (const d of done) facts.get(d.owner)?.doneByDay.push({ day: d.day, done: d.done });
  for (const b of blockers) facts.get(b.owner)?.blockers.push({ id: b.id, kind: b.kind, key: b.key, blocks: b.blocks } satisfies TeamBlocker);
  return teamTable([...facts.values()], today);
}
