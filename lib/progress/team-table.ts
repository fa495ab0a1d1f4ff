import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { DONE_STATUSES, OPEN_STATUSES } from "@/lib/inventory/item-state";
import { finishedSql } from "@/lib/inventory/item-state-sql";
import { ownerBreakdown, type OwnerRow, type ProjectScope } from "./breakdown";
import { addDays } from "@/lib/time/days";
import { itemFilterSql, type ItemFilter } from "./filters";
import { RECENT_WEEKS, teamTable, type OwnerFacts, type TeamBlocker, type TeamRow } from "./teams";
import type { DayKey } from "./types";

/** The owner of an item aliased `i`, as the owner breakdown names it. */
const OWNER = Prisma.sql`CASE WHEN i."ownerTeamId" IS NOT NULL THEN 'team:' || i."ownerTeamId" WHEN i."ownerUserId" IS NOT NULL THEN 'user:' || i."ownerUserId" ELSE 'none' END`;
const day = (column: Prisma.Sql, timeZone: string) => Prisma.sql`to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;
const inList = (statuses: readonly string[]) => Prisma.join(statuses.map((s) => Prisma.sql`${s}`));

/** How far back the first look for an owner's last movement goes (then, only for owners not seen, all of it). */
const MOVEMENT_WINDOW_DAYS = 182;

/**
 * Each owner's last movement (an item created, restored or changing status), as a day in the
 * project's zone. Most owners moved recently, so the history is first read only for the last half
 * year (the `(projectId, field, at)` index); only owners with no movement in it cost a read of the
 * whole history — a project with 500,000 history rows otherwise spends most of its dashboard here.
 */
async function lastMovements(db: Db, scope: ProjectScope & { timeZone: string }, where: Prisma.Sql, today: DayKey, owners: string[]) {
  const query = (bound: Prisma.Sql) => db.$queryRaw<{ owner: string; day: string }[]>`
      SELECT ${OWNER} AS owner, ${day(Prisma.sql`MAX(c.at)`, scope.timeZone)} AS day
      FROM "ItemChange" c
      JOIN "Item" i ON i.id = c."itemId" AND i."organizationId" = ${scope.organizationId}
      WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId}
        AND c.field IN ('created', 'status', 'restored') AND ${where} ${bound}
      GROUP BY 1`;
  const since = Prisma.sql`((${addDays(today, -MOVEMENT_WINDOW_DAYS)}::date)::timestamp AT TIME ZONE ${scope.timeZone}) AT TIME ZONE 'UTC'`;
  const recent = await query(Prisma.sql`AND c.at >= ${since}`);
  const seen = new Set(recent.map((m) => m.owner));
  const missing = owners.filter((o) => !seen.has(o));
  if (missing.length === 0) return recent;
  return [...recent, ...(await query(Prisma.sql`AND c.at < ${since} AND ${OWNER} IN (${Prisma.join(missing)})`))];
}

/**
 * The Teams table of the progress page: per owner (team, person, nobody) of the items the filter
 * selects, every kind unless the filter names one. `owners` is the breakdown of the same items
 * when the caller already has it (ownerBreakdown with the same filter and stale claims).
 */
export async function loadTeamTable(
  db: Db,
  scope: ProjectScope & { timeZone: string },
  filter: ItemFilter,
  staleItemIds: ReadonlySet<string>,
  today: DayKey,
  owners?: OwnerRow[],
): Promise<TeamRow[]> {
  const since = addDays(today, -(RECENT_WEEKS * 7 - 1));
  const where = Prisma.sql`i."projectId" = ${scope.projectId} AND i."organizationId" = ${scope.organizationId} AND i."deletedAt" IS NULL ${itemFilterSql(filter)}`;
  const breakdown = owners ?? (await ownerBreakdown(db, scope, filter, staleItemIds));
  const [movements, done, blockers] = await Promise.all([
    lastMovements(
      db,
      scope,
      where,
      today,
      breakdown.map((o) => o.owner),
    ),
    db.$queryRaw<{ owner: string; day: string; done: number }[]>`
      SELECT ${OWNER} AS owner, ${day(Prisma.sql`c.at`, scope.timeZone)} AS day,
             SUM(CASE WHEN c."toValue" IN (${inList(DONE_STATUSES)}) AND c."fromValue" NOT IN (${inList(DONE_STATUSES)}) THEN 1
                      WHEN c."fromValue" IN (${inList(DONE_STATUSES)}) AND c."toValue" NOT IN (${inList(DONE_STATUSES)}) THEN -1 ELSE 0 END)::int AS done
      FROM "ItemChange" c
      JOIN "Item" i ON i.id = c."itemId" AND i."organizationId" = ${scope.organizationId}
      WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId} AND c.field = 'status'
        AND c.at >= ((${since}::date)::timestamp AT TIME ZONE ${scope.timeZone}) AT TIME ZONE 'UTC'
        AND ${where}
      GROUP BY 1, 2`,
    // Per owner, the unfinished item that blocks the most of its open items (one row per owner).
    db.$queryRaw<{ owner: string; id: string; kind: ItemKind; key: string; blocks: number }[]>`
      SELECT DISTINCT ON (owner) owner, id, kind, key, blocks FROM (
        SELECT ${OWNER} AS owner, t.id, t.kind, t.key, COUNT(DISTINCT i.id)::int AS blocks
        FROM "Item" i
        JOIN "ItemRelation" r ON r."fromId" = i.id
        JOIN "Item" t ON t.id = r."toId" AND t."organizationId" = ${scope.organizationId} AND t."deletedAt" IS NULL AND NOT (${finishedSql("t")})
        WHERE ${where} AND i.status::text IN (${inList(OPEN_STATUSES)}) AND i."blockerCount" > 0
        GROUP BY 1, 2, 3, 4
      ) b
      ORDER BY owner, blocks DESC, key, id`,
  ]);
  const facts = new Map<string, OwnerFacts>(
    breakdown.map((o) => [
      o.owner,
      { owner: o.owner, name: o.name, remaining: o.remaining, staleClaims: o.staleClaims, lastMovement: null, doneByDay: [], blockers: [] },
    ]),
  );
  for (const m of movements) {
    const f = facts.get(m.owner);
    if (f) f.lastMovement = m.day;
  }
  for (const d of done) facts.get(d.owner)?.doneByDay.push({ day: d.day, done: d.done });
  for (const b of blockers) facts.get(b.owner)?.blockers.push({ id: b.id, kind: b.kind, key: b.key, blocks: b.blocks } satisfies TeamBlocker);
  return teamTable([...facts.values()], today);
}
