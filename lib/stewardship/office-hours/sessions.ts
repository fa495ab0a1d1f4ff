import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import type { DayKey } from "@/lib/progress/types";
import { sessionsBetween } from "../recurrence";
import * as clock from "@/lib/time/clock";

import {
  assertRunsSlot,
  dateOf,
  keyOf,
  lockSlot,
  slotInclude,
  slotRule,
  type SlotRow,
  type Tx,
  DEFAULT_UPCOMING_WEEKS,
  MAX_UPCOMING_WEEKS,
  MS_PER_DAY,
  sessionOn,
  toException,
  describeSlot,
} from "./shared";
import { dayKeySchema } from "@/lib/validation/common";

// ---- sessions -----------------------------------------------------------------------------------

export const upcomingQuerySchema = z
  .object({
    from: z.coerce.date({ error: "Not a date." }).optional(),
    weeks: z.coerce
      .number({ error: "Enter a whole number of weeks." })
      .int("Enter a whole number of weeks.")
      .min(1, "At least 1 week.")
      .max(MAX_UPCOMING_WEEKS, `At most ${MAX_UPCOMING_WEEKS} weeks.`)
      .default(DEFAULT_UPCOMING_WEEKS),
  })
  .strict();

export type UpcomingSession = {
  slotId: string;
  /** The session's original local date ("YYYY-MM-DD"): its identity, also when moved. */
  date: DayKey;
  start: Date;
  end: Date;
  cancelled: boolean;
  moved: boolean;
  timeZone: string;
  location: string;
  capacity: number;
  hosts: { id: string; name: string }[];
  /** Active (not cancelled) sign-ups. */
  signups: number;
  full: boolean;
  /** The caller's own active sign-up (none for an API token). */
  mine: { id: string; topic: string; itemId: string | null } | null;
};

/**
 * The sessions of every slot of the project starting in [from, from + weeks) — from defaults to
 * now, weeks to 6 (1…26) — sorted by start. Cancelled sessions are included (`cancelled: true`),
 * moved ones placed by their new start (`moved: true`).
 */
export async function upcomingSessions(
  db: Db,
  ctx: OrgContext,
  projectId: string,
  options: { from?: Date; weeks?: number } | Record<string, unknown> = {},
): Promise<UpcomingSession[]> {
  assertCan(ctx.role, "project:view");
  const query = parseInput(upcomingQuerySchema, options ?? {});
  await projectInScope(db, ctx, projectId);
  const from = query.from ?? clock.now();
  return sessionsBetweenInstants(db, ctx, projectId, from, new Date(from.getTime() + query.weeks * 7 * MS_PER_DAY));
}

/**
 * The sessions of every slot of the project starting in [from, to), sorted by start. The caller
 * has checked the role and the project's scope.
 */
export async function sessionsBetweenInstants(db: Db, ctx: OrgContext, projectId: string, from: Date, to: Date): Promise<UpcomingSession[]> {
  const slots = await db.officeHourSlot.findMany({
    where: { projectId, organizationId: ctx.organizationId },
    include: {
      ...slotInclude,
      // An exception matters when its date is near the window, or when it moves a session into it.
      exceptions: { where: { OR: [{ date: { gte: new Date(from.getTime() - 3 * MS_PER_DAY) } }, { movedTo: { gte: from } }] } },
    },
  });
  const sessions = slots.flatMap((slot) => sessionsBetween(slotRule(slot), from, to, slot.exceptions.map(toException)).map((s) => ({ slot, session: s })));
  if (sessions.length === 0) return [];

  const slotIds = [...new Set(sessions.map((s) => s.slot.id))];
  const dates = [...new Set(sessions.map((s) => s.session.date))].map(dateOf);
  const scope = { organizationId: ctx.organizationId, slotId: { in: slotIds }, sessionDate: { in: dates }, cancelledAt: null };
  const [counts, mine] = await Promise.all([
    db.officeHourSignup.groupBy({ by: ["slotId", "sessionDate"], where: scope, _count: { _all: true } }),
    ctx.userId
      ? db.officeHourSignup.findMany({
          where: { ...scope, userId: ctx.userId },
          select: { id: true, slotId: true, sessionDate: true, topic: true, itemId: true },
        })
      : Promise.resolve([]),
  ]);
  const countOf = new Map(counts.map((c) => [`${c.slotId} ${keyOf(c.sessionDate)}`, c._count._all]));
  const mineOf = new Map(mine.map((m) => [`${m.slotId} ${keyOf(m.sessionDate)}`, { id: m.id, topic: m.topic, itemId: m.itemId }]));

  return sessions
    .map(({ slot, session }) => {
      const key = `${slot.id} ${session.date}`;
      const signups = countOf.get(key) ?? 0;
      return {
        slotId: slot.id,
        date: session.date,
        start: session.start,
        end: session.end,
        cancelled: session.cancelled,
        moved: session.moved,
        timeZone: slot.timeZone,
        location: slot.location,
        capacity: slot.capacity,
        hosts: slot.hosts.map((h) => h.user),
        signups,
        full: signups >= slot.capacity,
        mine: mineOf.get(key) ?? null,
      };
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.slotId.localeCompare(b.slotId));
}

const dayField = dayKeySchema;

export const cancelSessionSchema = z.object({ date: dayField }).strict();
export const moveSessionSchema = z
  .object({
    date: dayField,
    to: z.preprocess(
      (v) => (v instanceof Date && Number.isFinite(v.getTime()) ? v.toISOString() : v),
      z.iso.datetime({ offset: true, error: "Use a date and time with its offset, like 2026-03-10T10:00:00+01:00." }).transform((s) => new Date(s)),
    ),
  })
  .strict();

export const PAST = "This session is in the past.";

/** The session of `date` under the slot's current exception; refused when not an occurrence. */
export async function sessionForChange(tx: Tx, slot: SlotRow, date: DayKey, field: string) {
  const exception = await tx.officeHourException.findUnique({ where: { slotId_date: { slotId: slot.id, date: dateOf(date) } } });
  const session = sessionOn(slot, date, exception);
  if (!session) {
    const message = `${describeSlot(slot)} has no session on ${date}.`;
    throw invalid(message, { [field]: [message] });
  }
  return { session, exception };
}

/**
 * Cancels one session (named by its original local date). Sign-ups are kept, and new ones
 * refused. Cancelling a cancelled session changes nothing; a session that has started is refused.
 */
export async function cancelSession(db: Db, ctx: OrgContext, projectId: string, slotId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:take-part");
  const { date } = parseInput(cancelSessionSchema, raw);
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const slot = await lockSlot(tx, ctx, projectId, slotId);
    assertRunsSlot(ctx, slot);
    const { session } = await sessionForChange(tx, slot, date, "date");
    if (session.start.getTime() <= clock.nowMs()) throw invalid(PAST, { date: [PAST] });
    await tx.officeHourException.upsert({
      where: { slotId_date: { slotId: slot.id, date: dateOf(date) } },
      create: { slotId: slot.id, date: dateOf(date), cancelled: true },
      update: { cancelled: true },
    });
    return { ...session, cancelled: true };
  });
}

/**
 * Moves one session to another start (any day; it keeps the slot's duration and its sign-ups,
 * which name the original date). Moving a cancelled session reinstates it; moving it back to its
 * rule's start removes the move. The session and the new start must both be in the future.
 */
export async function moveSession(db: Db, ctx: OrgContext, projectId: string, slotId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:take-part");
  const { date, to } = parseInput(moveSessionSchema, raw);
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const slot = await lockSlot(tx, ctx, projectId, slotId);
    assertRunsSlot(ctx, slot);
    const { session } = await sessionForChange(tx, slot, date, "date");
    const now = clock.nowMs();
    if (session.start.getTime() <= now) throw invalid(PAST, { date: [PAST] });
    if (to.getTime() <= now) throw invalid("The new time is in the past.", { to: ["The new time is in the past."] });
    const movedTo = to.getTime() === session.original.getTime() ? null : to;
    await tx.officeHourException.upsert({
      where: { slotId_date: { slotId: slot.id, date: dateOf(date) } },
      create: { slotId: slot.id, date: dateOf(date), cancelled: false, movedTo },
      update: { cancelled: false, movedTo },
    });
    return sessionOn(slot, date, { cancelled: false, movedTo })!;
  });
}
