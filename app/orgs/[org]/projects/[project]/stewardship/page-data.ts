import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";

/**
 * Small read helpers shared by the stewardship pages. Everything here is scoped by the
 * organisation and the project in its `where`.
 */

/** The project's meeting settings and time zone (not part of the page's project row). */
export function meetingSettings(db: Db, ctx: OrgContext, projectId: string) {
  return db.project.findFirstOrThrow({
    where: { id: projectId, organizationId: ctx.organizationId },
    select: { timeZone: true, meetingWeekday: true, meetingTime: true, meetingMinutes: true },
  });
}

/**
 * The keys of items named by id (agenda entries and action items store ids only). Ids of other
 * projects or organisations are simply not found; deleted items keep their key, marked.
 */
export async function itemKeys(db: Db, ctx: OrgContext, projectId: string, ids: Iterable<string>) {
  const unique = [...new Set(ids)].slice(0, 1000);
  if (unique.length === 0) return new Map<string, { key: string; deleted: boolean }>();
  const rows = await db.item.findMany({
    where: { id: { in: unique }, projectId, organizationId: ctx.organizationId },
    select: { id: true, key: true, deletedAt: true },
  });
  return new Map(rows.map((r) => [r.id, { key: r.key, deleted: r.deletedAt !== null }]));
}

/** "YYYY-MM-DD" of a @db.Date column (stored at UTC midnight). */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

const longDate = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
/** "Tue, 3 Mar 2026" for a @db.Date column. */
export const formatDay = (d: Date) => longDate.format(d);

/** "10:00" of an instant, in the project's zone. */
export function formatTimeIn(at: Date, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at);
}

/** "Decided 3 Mar 2026", "Rejected …", or "Proposed …" (its recording day) for a decision. */
export function decisionDateLabel(d: { status: string; decidedOn: Date | null; createdAt: Date }) {
  if (d.status === "PROPOSED" || !d.decidedOn) return `Proposed ${formatDay(d.createdAt)}`;
  return `${d.status === "REJECTED" ? "Rejected" : "Decided"} ${formatDay(d.decidedOn)}`;
}
