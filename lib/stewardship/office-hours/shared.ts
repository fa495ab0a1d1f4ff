import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { runsSlot } from "@/lib/auth/resource-rules";
import { conflict, notFound } from "@/lib/errors";
import { dateColumnDay, dayDiff, dayKey, weekStart } from "@/lib/time/days";
import type { DayKey } from "@/lib/progress/types";
import { zonedToUtc, type Exception, type Weekday, type WeeklyRule } from "../recurrence";
import * as clock from "@/lib/time/clock";

export type Tx = Prisma.TransactionClient;

export const MS_PER_DAY = 86_400_000;
export const DEFAULT_UPCOMING_WEEKS = 6;
export const MAX_UPCOMING_WEEKS = 26;
/**
 * Slots a project may run at once (not yet ended). Every slot adds a session a week to every
 * page and feed that lists sessions; 135 slots once made the office-hours page 15 MB.
 */
export const MAX_ACTIVE_SLOTS = 50;

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export const slotInclude = {
  hosts: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
} satisfies Prisma.OfficeHourSlotInclude;

export type SlotRow = Prisma.OfficeHourSlotGetPayload<{ include: typeof slotInclude }>;
export type SlotBase = { weekday: number; startTime: string; durationMinutes: number; timeZone: string; startsOn: Date; endsOn: Date | null };

export const keyOf = dateColumnDay;
export const dateOf = (key: DayKey): Date => new Date(`${key}T00:00:00.000Z`);

/** The recurrence rule of a stored slot. */
export function slotRule(slot: SlotBase): WeeklyRule {
  return {
    weekday: slot.weekday as Weekday,
    startTime: slot.startTime,
    durationMinutes: slot.durationMinutes,
    timeZone: slot.timeZone,
    startsOn: keyOf(slot.startsOn),
    endsOn: slot.endsOn ? keyOf(slot.endsOn) : null,
  };
}

export function endTime(startTime: string, durationMinutes: number): string {
  const [h, m] = startTime.split(":").map(Number);
  const minutes = (h * 60 + m + durationMinutes) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "Tuesdays 10:00–11:00 Europe/Berlin". */
export function describeSlot(slot: Pick<SlotBase, "weekday" | "startTime" | "durationMinutes" | "timeZone">): string {
  return `${WEEKDAY_NAMES[slot.weekday]}s ${slot.startTime}–${endTime(slot.startTime, slot.durationMinutes)} ${slot.timeZone}`;
}

/** Whether the rule has an occurrence on local date `day` (its weekday, within startsOn…endsOn). */
export function isOccurrence(rule: WeeklyRule, day: DayKey): boolean {
  if (day < rule.startsOn || (rule.endsOn != null && day > rule.endsOn)) return false;
  return dayDiff(weekStart(day), day) === rule.weekday;
}

export const toException = (e: { date: Date; cancelled: boolean; movedTo: Date | null }): Exception => ({
  date: keyOf(e.date),
  cancelled: e.cancelled,
  ...(e.movedTo ? { movedTo: e.movedTo } : {}),
});

/** One session of a slot by its original local date, with its exception applied; null when the date is no occurrence. */
export function sessionOn(slot: SlotBase, day: DayKey, exception: { cancelled: boolean; movedTo: Date | null } | null) {
  const rule = slotRule(slot);
  if (!isOccurrence(rule, day)) return null;
  const original = zonedToUtc(day, rule.startTime, rule.timeZone);
  const start = exception?.movedTo ?? original;
  return {
    date: day,
    original,
    start,
    end: new Date(start.getTime() + slot.durationMinutes * 60_000),
    cancelled: exception?.cancelled === true,
    moved: Boolean(exception?.movedTo),
  };
}

export async function slotInScope(tx: Tx | Db, ctx: OrgContext, projectId: string, slotId: string): Promise<SlotRow> {
  const slot = await tx.officeHourSlot.findFirst({ where: { id: slotId, projectId, organizationId: ctx.organizationId }, include: slotInclude });
  if (!slot) throw notFound("No such office-hours slot in this project.");
  return slot;
}

/** Locks the slot row (tenant in the where) for the rest of the transaction, then reads it. */
export async function lockSlot(tx: Tx, ctx: OrgContext, projectId: string, slotId: string): Promise<SlotRow> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "OfficeHourSlot"
    WHERE id = ${slotId} AND "projectId" = ${projectId} AND "organizationId" = ${ctx.organizationId}
    FOR UPDATE`;
  if (rows.length === 0) throw notFound("No such office-hours slot in this project.");
  return slotInScope(tx, ctx, projectId, slotId);
}

/** Slot creations and rule changes of one project are taken one at a time (the overlap check). */
export async function lockProject(tx: Tx, ctx: OrgContext, projectId: string) {
  await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${projectId} AND "organizationId" = ${ctx.organizationId} FOR UPDATE`;
}

/** Whether a slot still has sessions to come: no end date, or one not before today. */
export const isActive = (endsOn: DayKey | null, today: DayKey) => endsOn === null || endsOn >= today;

/**
 * Refuses a slot that would be one active slot too many (conflict, naming the limit). Called
 * under the project lock, so two simultaneous creations cannot both take the last place.
 */
export async function assertRoomForSlot(tx: Tx, ctx: OrgContext, projectId: string, timeZone: string, exceptId?: string) {
  const today = dayKey(clock.now(), timeZone);
  const active = await tx.officeHourSlot.count({
    where: {
      projectId,
      organizationId: ctx.organizationId,
      OR: [{ endsOn: null }, { endsOn: { gte: dateOf(today) } }],
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
  });
  if (active >= MAX_ACTIVE_SLOTS) {
    throw conflict(`This project already runs ${MAX_ACTIVE_SLOTS} office-hours slots, the most it can. Give one an end date or delete it first.`, {
      limit: MAX_ACTIVE_SLOTS,
      active,
    });
  }
}

export const hostsOf = (slot: SlotRow) => ({ hostIds: slot.hosts.map((h) => h.user.id) });

/** Stewards, managers and admins run every slot; a host (not a viewer) runs their own (resource-rules.ts). */
export function assertRunsSlot(ctx: OrgContext, slot: SlotRow) {
  if (!runsSlot(ctx, hostsOf(slot))) assertCan(ctx.role, "stewardship:run");
}
