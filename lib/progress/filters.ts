import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { idSchema } from "@/lib/validation/common";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-11-30.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a calendar date.");

/**
 * The dashboard's filters, the same in the page's URL and the API's query string. Kind, team and
 * owner select items by what they are now (a team's items are those it owns, or its members own).
 */
export const progressQuerySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    kind: z.enum(["ROUTE", "MODULE", "DEPENDENCY"], { error: "ROUTE, MODULE or DEPENDENCY." }).optional(),
    team: idSchema.optional(),
    owner: z
      .string()
      .regex(/^(team:|user:)[A-Za-z0-9_-]+$|^none$/, "team:<id>, user:<id> or none.")
      .optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "The start must not be after the end.", path: ["from"] });

export type ProgressQuery = z.output<typeof progressQuerySchema>;
export type ItemFilter = Pick<ProgressQuery, "kind" | "team" | "owner">;

/** The SQL condition on an item aliased `i` for the kind, team and owner filters. */
export function itemFilterSql(filter: ItemFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.kind) parts.push(Prisma.sql`i.kind = ${filter.kind}::"ItemKind"`);
  if (filter.owner === "none") parts.push(Prisma.sql`i."ownerTeamId" IS NULL AND i."ownerUserId" IS NULL`);
  else if (filter.owner?.startsWith("team:")) parts.push(Prisma.sql`i."ownerTeamId" = ${filter.owner.slice(5)}`);
  else if (filter.owner?.startsWith("user:")) parts.push(Prisma.sql`i."ownerUserId" = ${filter.owner.slice(5)}`);
  if (filter.team) {
    parts.push(
      Prisma.sql`(i."ownerTeamId" = ${filter.team} OR i."ownerUserId" IN (SELECT tm."userId" FROM "TeamMember" tm WHERE tm."teamId" = ${filter.team}))`,
    );
  }
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}
