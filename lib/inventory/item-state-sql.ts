import { Prisma } from "@/lib/generated/prisma/client";
import { FINISHED_STATUSES } from "./item-state";

/** The SQL twin of isFinished (item-state.ts) for the item aliased `alias`, e.g. in blocker counts. */
export function finishedSql(alias: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}.status::text`)} IN (${Prisma.join(FINISHED_STATUSES)})`;
}

/** Statuses as a list of the enum (not of text), so the planner can use the column's statistics: `status IN (…)`. */
export function statusesSql(statuses: readonly string[]): Prisma.Sql {
  return Prisma.join(statuses.map((s) => Prisma.sql`${s}::"PortStatus"`));
}
