import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { itemFilterSql, type ItemFilter } from "./filters";
import type { ProjectScope } from "./breakdown";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-11-30.");

/** The activity list's own parameters (beside the dashboard's filters). */
export const activityQuerySchema = z
  .object({
    /** Only this day (a drill-down from a chart), in the project's zone. */
    day: day.optional(),
    /** Only rows of this field: "status" also takes creation, deletion and restoration. */
    field: z.enum(["status", "owner", "trafficPerDay", "claim", "other"]).optional(),
    actor: z.string().min(1).max(64).optional(),
    /** "<ISO time>_<id>" of the last row of the previous page. */
    cursor: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[A-Za-z0-9_-]+$/, "Not a cursor from this list.")
      .optional(),
  })
  .strict();
export type ActivityQuery = z.output<typeof activityQuerySchema>;

export type ActivityRow = {
  id: string;
  at: Date;
  field: string;
  fromValue: string | null;
  toValue: string | null;
  itemId: string;
  itemKind: ItemKind;
  itemKey: string;
  itemDeleted: boolean;
  actorName: string | null;
};

const PAGE = 50;
const STATUS_FIELDS = ["created", "status", "deleted", "restored"];
const NAMED = ["created", "status", "deleted", "restored", "owner", "trafficPerDay", "claim", "claim completed"];

function fieldSql(field: ActivityQuery["field"]): Prisma.Sql {
  if (!field) return Prisma.empty;
  if (field === "status") return Prisma.sql`AND c.field IN (${Prisma.join(STATUS_FIELDS)})`;
  if (field === "claim") return Prisma.sql`AND c.field IN ('claim', 'claim completed')`;
  if (field === "other") return Prisma.sql`AND c.field NOT IN (${Prisma.join(NAMED)})`;
  return Prisma.sql`AND c.field = ${field}`;
}

/**
 * Who changed what, latest first, 50 a page by keyset cursor: the history of the project's items
 * within the date range (days in the project's zone) and the item filters.
 */
export async function loadActivity(
  db: Db,
  scope: ProjectScope & { timeZone: string },
  range: { from: string; to: string },
  filter: ItemFilter,
  query: ActivityQuery,
): Promise<{ rows: ActivityRow[]; nextCursor: string | null }> {
  const from = query.day ?? range.from;
  const to = query.day ?? range.to;
  const [cursorAt, cursorId] = query.cursor
    ? [new Date(query.cursor.slice(0, query.cursor.indexOf("_"))), query.cursor.slice(query.cursor.indexOf("_") + 1)]
    : [null, null];
  const rows = await db.$queryRaw<(Omit<ActivityRow, "itemDeleted"> & { itemDeleted: boolean })[]>`
    SELECT c.id, c.at, c.field, c."fromValue", c."toValue", i.id AS "itemId", i.kind AS "itemKind", i.key AS "itemKey",
           (i."deletedAt" IS NOT NULL) AS "itemDeleted", u.name AS "actorName"
    FROM "ItemChange" c
    JOIN "Item" i ON i.id = c."itemId" AND i."organizationId" = ${scope.organizationId}
    LEFT JOIN "User" u ON u.id = c."actorId"
    WHERE c."projectId" = ${scope.projectId} AND c."organizationId" = ${scope.organizationId}
      AND c.at >= ((${from}::date)::timestamp AT TIME ZONE ${scope.timeZone}) AT TIME ZONE 'UTC'
      AND c.at < (((${to}::date + 1))::timestamp AT TIME ZONE ${scope.timeZone}) AT TIME ZONE 'UTC'
      ${fieldSql(query.field)}
      ${query.actor ? Prisma.sql`AND c."actorId" = ${query.actor}` : Prisma.empty}
      ${cursorAt ? Prisma.sql`AND (c.at, c.id) < (${cursorAt}::timestamp, ${cursorId})` : Prisma.empty}
      ${itemFilterSql(filter)}
    ORDER BY c.at DESC, c.id DESC
    LIMIT ${PAGE + 1}`;
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > PAGE && last ? `${last.at.toISOString()}_${last.id}` : null };
}
