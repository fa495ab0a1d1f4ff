import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan, can } from "@/lib/auth/permissions";
import { mayCancelSignup, runsSlot } from "@/lib/auth/resource-rules";
import { conflict, forbidden, invalid, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { dayDiff, dayKey, weekStart } from "@/lib/progress/days";
import type { DayKey } from "@/lib/progress/types";
import { officeHourSlotSchema, sessionsBetween, slotsOverlap, zonedToUtc, type Exception, type Weekday, type WeeklyRule } from "./recurrence";
import { signupSchema } from "./schemas";
import * as clock from "@/lib/time/clock";

/**
 * Office hours: weekly slots (a rule in a local time zone, hosts, a place, a capacity), their
 * sessions (computed from the rule, never stored; a cancelled or moved one is an
 * OfficeHourException named by its original local date), and sign-ups with a topic.
 *
 * Who may do what:
 * - slots are created, changed and deleted with "stewardship:run";
 * - a session is cancelled or moved, and a sign-up annotated (notes, answered, raised), with
 *   "stewardship:run" — or by one of the slot's own hosts (a host may be an engineer);
 * - sign-ups need "stewardship:take-part" (not viewers); a sign-up is cancelled by its person, a
 *   host of the slot or anyone with "stewardship:run".
 *
 * Concurrency: every change to a slot's sessions or sign-ups locks the slot row first
 * (`SELECT … FOR UPDATE`), so capacity and "one sign-up per person per session" hold under any
 * number of simultaneous requests; slot creation and rule changes lock the project row, so two
 * clashing slots for one host cannot both be created.
 */

type Tx = Prisma.TransactionClient;

const MS_PER_DAY = 86_400_000;
export const DEFAULT_UPCOMING_WEEKS = 6;
export const MAX_UPCOMING_WEEKS = 26;
/**
 * Slots a project may run at once (not yet ended). Every slot adds a session a week to every
 * page and feed that lists sessions; 135 slots once made the office-hours page 15 MB.
 */
export const MAX_ACTIVE_SLOTS = 50;

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const slotInclude = {
  hosts: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
} satisfies Prisma.OfficeHourSlotInclude;

type SlotRow = Prisma.OfficeHourSlotGetPayload<{ include: typeof slotInclude }>;
type SlotBase = { weekday: number; startTime: string; durationMinutes: number; timeZone: string; startsOn: Date; endsOn: Date | null };

const keyOf = (d: Date): DayKey => d.toISOString().slice(0, 10);
const dateOf = (key: DayKey): Date => new Date(`${key}T00:00:00.000Z`);

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

function endTime(startTime: string, durationMinutes: number): string {
  const [h, m] = startTime.split(":").map(Number);
  const minutes = (h * 60 + m + durationMinutes) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "Tuesdays 10:00–11:00 Europe/Berlin". */
export function describeSlot(slot: Pick<SlotBase, "weekday" | "startTime" | "durationMinutes" | "timeZone">): string {
  return `${WEEKDAY_NAMES[slot.weekday]}s ${slot.startTime}–${endTime(slot.startTime, slot.durationMinutes)} ${slot.timeZone}`;
}

/** Whether the rule has an occurrence on local date `day` (its weekday, within startsOn…endsOn). */
function isOccurrence(rule: WeeklyRule, day: DayKey): boolean {
  if (day < rule.startsOn || (rule.endsOn != null && day > rule.endsOn)) return false;
  return dayDiff(weekStart(day), day) === rule.weekday;
}

const toException = (e: { date: Date; cancelled: boolean; movedTo: Date | null }): Exception => ({
  date: keyOf(e.date),
  cancelled: e.cancelled,
  ...(e.movedTo ? { movedTo: e.movedTo } : {}),
});

/** One session of a slot by its original local date, with its exception applied; null when the date is no occurrence. */
function sessionOn(slot: SlotBase, day: DayKey, exception: { cancelled: boolean; movedTo: Date | null } | null) {
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

async function slotInScope(tx: Tx | Db, ctx: OrgContext, projectId: string, slotId: string): Promise<SlotRow> {
  const slot = await tx.officeHourSlot.findFirst({ where: { id: slotId, projectId, organizationId: ctx.organizationId }, include: slotInclude });
  if (!slot) throw notFound("No such office-hours slot in this project.");
  return slot;
}

/** Locks the slot row (tenant in the where) for the rest of the transaction, then reads it. */
async function lockSlot(tx: Tx, ctx: OrgContext, projectId: string, slotId: string): Promise<SlotRow> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "OfficeHourSlot"
    WHERE id = ${slotId} AND "projectId" = ${projectId} AND "organizationId" = ${ctx.organizationId}
    FOR UPDATE`;
  if (rows.length === 0) throw notFound("No such office-hours slot in this project.");
  return slotInScope(tx, ctx, projectId, slotId);
}

/** Slot creations and rule changes of one project are taken one at a time (the overlap check). */
async function lockProject(tx: Tx, ctx: OrgContext, projectId: string) {
  await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${projectId} AND "organizationId" = ${ctx.organizationId} FOR UPDATE`;
}

/** Whether a slot still has sessions to come: no end date, or one not before today. */
const isActive = (endsOn: DayKey | null, today: DayKey) => endsOn === null || endsOn >= today;

/**
 * Refuses a slot that would be one active slot too many (conflict, naming the limit). Called
 * under the project lock, so two simultaneous creations cannot both take the last place.
 */
async function assertRoomForSlot(tx: Tx, ctx: OrgContext, projectId: string, timeZone: string, exceptId?: string) {
  const today = dayKey(clock.now(), timeZone);
  const active = await tx.officeHourSlot.count({
    where: { projectId, organizationId: ctx.organizationId, OR: [{ endsOn: null }, { endsOn: { gte: dateOf(today) } }], ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (active >= MAX_ACTIVE_SLOTS) {
    throw conflict(`This project already runs ${MAX_ACTIVE_SLOTS} office-hours slots, the most it can. Give one an end date or delete it first.`, { limit: MAX_ACTIVE_SLOTS, active });
  }
}

const hostsOf = (slot: SlotRow) => ({ hostIds: slot.hosts.map((h) => h.user.id) });

/** Stewards, managers and admins run every slot; a host (not a viewer) runs their own (resource-rules.ts). */
function assertRunsSlot(ctx: OrgContext, slot: SlotRow) {
  if (!runsSlot(ctx, hostsOf(slot))) assertCan(ctx.role, "stewardship:run");
}

// ---- slots --------------------------------------------------------------------------------------

export const slotCreateSchema = officeHourSlotSchema.strict();
/** A change of a slot: any of its fields (the result is validated as a whole, as on creation). */
export const slotPatchSchema = z.object(officeHourSlotSchema.shape).partial().strict();
type SlotInput = z.output<typeof slotCreateSchema>;

/** Hosts must be members of the organisation and not viewers. Returns their names by id. */
async function checkHosts(tx: Tx, ctx: OrgContext, hostIds: string[]): Promise<Map<string, string>> {
  const members = await tx.membership.findMany({
    where: { organizationId: ctx.organizationId, userId: { in: hostIds } },
    select: { role: true, user: { select: { id: true, name: true } } },
  });
  if (members.length !== hostIds.length) throw invalid("Every host must be a member of this organisation.", { hosts: ["Every host must be a member of this organisation."] });
  const viewer = members.find((m) => !can(m.role, "stewardship:take-part"));
  if (viewer) {
    const message = `${viewer.user.name} is a viewer and cannot host office hours.`;
    throw invalid(message, { hosts: [message] });
  }
  return new Map(members.map((m) => [m.user.id, m.user.name]));
}

/** Refuses a slot whose sessions overlap those of another slot of the project that shares a host. */
async function checkOverlap(tx: Tx, ctx: OrgContext, projectId: string, input: SlotInput, names: Map<string, string>, exceptId?: string) {
  const others = await tx.officeHourSlot.findMany({
    where: { projectId, organizationId: ctx.organizationId, hosts: { some: { userId: { in: input.hosts } } }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    include: { hosts: { select: { userId: true } } },
    orderBy: { createdAt: "asc" },
  });
  const rule: WeeklyRule = { ...input, endsOn: input.endsOn ?? null };
  for (const other of others) {
    if (!slotsOverlap(rule, slotRule(other))) continue;
    const shared = input.hosts.find((id) => other.hosts.some((h) => h.userId === id))!;
    const message = `${names.get(shared)} already hosts ${describeSlot(other)}.`;
    throw invalid(message, { hosts: [message] });
  }
}

const slotData = (input: SlotInput) => ({
  weekday: input.weekday,
  startTime: input.startTime,
  durationMinutes: input.durationMinutes,
  timeZone: input.timeZone,
  location: input.location,
  capacity: input.capacity,
  startsOn: dateOf(input.startsOn),
  endsOn: input.endsOn ? dateOf(input.endsOn) : null,
});

/**
 * A new weekly slot (officeHourSlotSchema, unknown fields refused). Hosts: members who are not
 * viewers; a host cannot host two slots of the project whose sessions overlap (invalid_input on
 * `hosts`, naming the host and the other slot). Nothing is written on refusal.
 */
export async function createSlot(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const input = parseInput(slotCreateSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    await lockProject(tx, ctx, projectId);
    if (isActive(input.endsOn ?? null, dayKey(clock.now(), project.timeZone))) await assertRoomForSlot(tx, ctx, projectId, project.timeZone);
    const names = await checkHosts(tx, ctx, input.hosts);
    await checkOverlap(tx, ctx, projectId, input, names);
    const created = await tx.officeHourSlot.create({
      data: { organizationId: project.organizationId, projectId, ...slotData(input), hosts: { create: input.hosts.map((userId) => ({ userId })) } },
    });
    return tx.officeHourSlot.findUniqueOrThrow({ where: { id: created.id }, include: slotInclude });
  });
}

/** The stored slot as the schema's input, so that an update can send only what changes. */
const slotAsInput = (slot: SlotRow) => ({
  weekday: slot.weekday,
  startTime: slot.startTime,
  durationMinutes: slot.durationMinutes,
  timeZone: slot.timeZone,
  location: slot.location,
  capacity: slot.capacity,
  startsOn: keyOf(slot.startsOn),
  endsOn: slot.endsOn ? keyOf(slot.endsOn) : null,
  hosts: slot.hosts.map((h) => h.user.id),
});

/**
 * Changes a slot: the fields sent replace the stored ones (absent ones are kept), and the whole
 * is validated as on creation (hosts, overlap). A change of the rule that would drop a future
 * session somebody signed up for (another weekday, a later start or earlier end date) is refused
 * (conflict): cancel those sign-ups or that session first. A lower capacity is allowed; sign-ups
 * already taken stay.
 */
export async function updateSlot(db: Db, ctx: OrgContext, projectId: string, slotId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  parseInput(slotPatchSchema, raw); // unknown fields and bad values are refused before the merge
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    await lockProject(tx, ctx, projectId);
    const current = await lockSlot(tx, ctx, projectId, slotId);
    const input = parseInput(slotCreateSchema, { ...slotAsInput(current), ...(raw as object) });
    // Giving an ended slot a later end date (or none) makes it active again: it needs a place.
    const projectToday = dayKey(clock.now(), project.timeZone);
    if (!isActive(current.endsOn ? keyOf(current.endsOn) : null, projectToday) && isActive(input.endsOn ?? null, projectToday)) {
      await assertRoomForSlot(tx, ctx, projectId, project.timeZone, current.id);
    }
    const names = await checkHosts(tx, ctx, input.hosts);
    await checkOverlap(tx, ctx, projectId, input, names, current.id);

    const today = dayKey(clock.now(), current.timeZone);
    const pending = await tx.officeHourSignup.findMany({
      where: { slotId: current.id, organizationId: ctx.organizationId, cancelledAt: null, sessionDate: { gte: dateOf(today) } },
      select: { sessionDate: true },
    });
    const rule: WeeklyRule = { ...input, endsOn: input.endsOn ?? null };
    const dropped = new Set(pending.map((s) => keyOf(s.sessionDate)).filter((d) => !isOccurrence(rule, d)));
    if (dropped.size > 0) {
      const dates = [...dropped].sort();
      throw conflict(
        `This change would remove the session${dates.length === 1 ? "" : "s"} of ${dates.join(", ")}, which people signed up for. Cancel those sign-ups first, or keep the day.`,
        { sessionDates: dates },
      );
    }

    await tx.officeHourSlot.update({ where: { id: current.id }, data: slotData(input) });
    const before = new Set(current.hosts.map((h) => h.user.id));
    const after = new Set(input.hosts);
    const removed = [...before].filter((id) => !after.has(id));
    const added = [...after].filter((id) => !before.has(id));
    if (removed.length) await tx.officeHourHost.deleteMany({ where: { slotId: current.id, userId: { in: removed } } });
    if (added.length) await tx.officeHourHost.createMany({ data: added.map((userId) => ({ slotId: current.id, userId })) });
    return tx.officeHourSlot.findUniqueOrThrow({ where: { id: current.id }, include: slotInclude });
  });
}

/**
 * Deletes a slot. Asking for confirmation is the UI's job. Deleting removes the slot's hosts,
 * cancelled/moved sessions AND ALL ITS SIGN-UPS (past ones, with their notes, included): the
 * foreign keys cascade. Returns how many active sign-ups of sessions not yet held went with it,
 * so the page can say so.
 */
export async function deleteSlot(db: Db, ctx: OrgContext, projectId: string, slotId: string) {
  assertCan(ctx.role, "stewardship:run");
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const slot = await lockSlot(tx, ctx, projectId, slotId);
    const upcoming = await tx.officeHourSignup.count({
      where: { slotId: slot.id, organizationId: ctx.organizationId, cancelledAt: null, sessionDate: { gte: dateOf(dayKey(clock.now(), slot.timeZone)) } },
    });
    await tx.officeHourSlot.deleteMany({ where: { id: slot.id, projectId, organizationId: ctx.organizationId } });
    return { id: slot.id, removedUpcomingSignups: upcoming };
  });
}

/** Every slot of the project with its hosts, oldest first. */
export async function listSlots(db: Db, ctx: OrgContext, projectId: string) {
  assertCan(ctx.role, "project:view");
  await projectInScope(db, ctx, projectId);
  return db.officeHourSlot.findMany({ where: { projectId, organizationId: ctx.organizationId }, include: slotInclude, orderBy: [{ weekday: "asc" }, { startTime: "asc" }, { createdAt: "asc" }] });
}

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
export async function upcomingSessions(db: Db, ctx: OrgContext, projectId: string, options: { from?: Date; weeks?: number } | Record<string, unknown> = {}): Promise<UpcomingSession[]> {
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
  const sessions = slots.flatMap((slot) =>
    sessionsBetween(slotRule(slot), from, to, slot.exceptions.map(toException)).map((s) => ({ slot, session: s })),
  );
  if (sessions.length === 0) return [];

  const slotIds = [...new Set(sessions.map((s) => s.slot.id))];
  const dates = [...new Set(sessions.map((s) => s.session.date))].map(dateOf);
  const scope = { organizationId: ctx.organizationId, slotId: { in: slotIds }, sessionDate: { in: dates }, cancelledAt: null };
  const [counts, mine] = await Promise.all([
    db.officeHourSignup.groupBy({ by: ["slotId", "sessionDate"], where: scope, _count: { _all: true } }),
    ctx.userId
      ? db.officeHourSignup.findMany({ where: { ...scope, userId: ctx.userId }, select: { id: true, slotId: true, sessionDate: true, topic: true, itemId: true } })
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

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const dayField = z
  .string({ error: (issue) => (issue.input === undefined ? "Enter a date." : "Use the form YYYY-MM-DD.") })
  .trim()
  .regex(DAY_RE, "Use the form YYYY-MM-DD.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && keyOf(new Date(`${s}T00:00:00Z`)) === s, "Not a real date.");

export const cancelSessionSchema = z.object({ date: dayField }).strict();
export const moveSessionSchema = z
  .object({
    date: dayField,
    to: z.preprocess(
      (v) => (v instanceof Date && Number.isFinite(v.getTime()) ? v.toISOString() : v),
      z.iso
        .datetime({ offset: true, error: "Use a date and time with its offset, like 2026-03-10T10:00:00+01:00." })
        .transform((s) => new Date(s)),
    ),
  })
  .strict();

const PAST = "This session is in the past.";

/** The session of `date` under the slot's current exception; refused when not an occurrence. */
async function sessionForChange(tx: Tx, slot: SlotRow, date: DayKey, field: string) {
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

// ---- sign-ups -----------------------------------------------------------------------------------

export const signupInclude = {
  user: { select: { id: true, name: true } },
} satisfies Prisma.OfficeHourSignupInclude;

/**
 * Signs the caller up for a session with a topic (and maybe an item of the project). Refused: a
 * date that is no occurrence, or in the past (invalid_input on `sessionDate`); a cancelled session,
 * a full one (capacity counts active sign-ups), or a second active sign-up of the same person for
 * the session (conflict). The slot row is locked before counting, so simultaneous sign-ups never
 * exceed the capacity.
 */
export async function signUp(db: Db, ctx: OrgContext, projectId: string, slotId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:take-part");
  const input = parseInput(signupSchema, raw);
  const userId = ctx.userId;
  if (!userId) throw invalid("An API token acts for no one: sign in to sign up for office hours.");
  const date = keyOf(input.sessionDate);
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const slot = await lockSlot(tx, ctx, projectId, slotId);
    const { session } = await sessionForChange(tx, slot, date, "sessionDate");
    if (session.start.getTime() <= clock.nowMs()) throw invalid(PAST, { sessionDate: [PAST] });
    if (session.cancelled) throw conflict("This session is cancelled.");
    if (input.itemId) {
      const item = await tx.item.findFirst({ where: { id: input.itemId, projectId, organizationId: ctx.organizationId, deletedAt: null }, select: { id: true } });
      if (!item) throw invalid("The item must be in this project's inventory.", { itemId: ["No such item in this project."] });
    }
    const active = { slotId: slot.id, organizationId: ctx.organizationId, sessionDate: input.sessionDate, cancelledAt: null };
    // One after the other: queries of one transaction share a connection.
    const own = await tx.officeHourSignup.count({ where: { ...active, userId } });
    const taken = await tx.officeHourSignup.count({ where: active });
    if (own > 0) throw conflict("You are already signed up for this session.");
    if (taken >= slot.capacity) throw conflict(`This session is full (${taken} of ${slot.capacity} place${slot.capacity === 1 ? "" : "s"} taken).`, { capacity: slot.capacity, taken });
    return tx.officeHourSignup.create({
      data: { organizationId: ctx.organizationId, slotId: slot.id, sessionDate: input.sessionDate, userId, topic: input.topic, itemId: input.itemId ?? null },
      include: signupInclude,
    });
  });
}

async function signupInScope(tx: Tx, ctx: OrgContext, projectId: string, signupId: string) {
  const signup = await tx.officeHourSignup.findFirst({
    where: { id: signupId, organizationId: ctx.organizationId, slot: { projectId, organizationId: ctx.organizationId } },
    include: { ...signupInclude, slot: { include: slotInclude } },
  });
  if (!signup) throw notFound("No such sign-up in this project.");
  return signup;
}

/**
 * Cancels a sign-up: the person's own, or anyone's for a host of the slot or "stewardship:run".
 * A sign-up for a session that has started or is over stays (it is the record of the question).
 * Cancelling a cancelled sign-up changes nothing.
 */
export async function cancelSignup(db: Db, ctx: OrgContext, projectId: string, signupId: string) {
  assertCan(ctx.role, "stewardship:take-part");
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const signup = await signupInScope(tx, ctx, projectId, signupId);
    if (!mayCancelSignup(ctx, signup, hostsOf(signup.slot))) {
      throw forbidden(`This sign-up is ${signup.user.name}'s; only they, a host or a steward can cancel it.`);
    }
    if (signup.cancelledAt) return signup;
    await lockSlot(tx, ctx, projectId, signup.slotId);
    const exception = await tx.officeHourException.findUnique({ where: { slotId_date: { slotId: signup.slotId, date: signup.sessionDate } } });
    const session = sessionOn(signup.slot, keyOf(signup.sessionDate), exception);
    if (session && session.start.getTime() <= clock.nowMs()) throw conflict(PAST);
    return tx.officeHourSignup.update({ where: { id: signup.id }, data: { cancelledAt: clock.now() }, include: signupInclude });
  });
}

/** A JSON boolean only: the form's checkboxes ("on" or absent) are turned into booleans by its action. */
const flag = z.boolean({ error: "Must be true or false." });

export const signupUpdateSchema = z
  .object({
    hostNotes: z.string({ error: "Must be text." }).trim().max(5000, "Use at most 5000 characters.").optional(),
    answered: flag.optional(),
    raise: flag.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change.", when: (payload) => payload.issues.length === 0 });

/**
 * The host's side of a sign-up: notes, answered (sets/clears answeredAt), raise (sets/clears
 * raisedAt: the next meeting's agenda picks up raised questions that are still unanswered).
 * Setting a flag that is already set keeps its first time.
 */
export async function updateSignup(db: Db, ctx: OrgContext, projectId: string, signupId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:take-part");
  const input = parseInput(signupUpdateSchema, raw);
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const signup = await signupInScope(tx, ctx, projectId, signupId);
    assertRunsSlot(ctx, signup.slot);
    const now = clock.now();
    return tx.officeHourSignup.update({
      where: { id: signup.id },
      data: {
        ...(input.hostNotes !== undefined ? { hostNotes: input.hostNotes } : {}),
        ...(input.answered !== undefined ? { answeredAt: input.answered ? (signup.answeredAt ?? now) : null } : {}),
        ...(input.raise !== undefined ? { raisedAt: input.raise ? (signup.raisedAt ?? now) : null } : {}),
      },
      include: signupInclude,
    });
  });
}

/**
 * The sign-ups of one session, oldest first, cancelled ones included: all of them for its hosts and
 * stewards (the host's list), otherwise only the reader's own — a question and the host's notes on
 * it are between the person who asked and the people who run the slot.
 */
export async function sessionSignups(db: Db, ctx: OrgContext, projectId: string, slotId: string, raw: unknown) {
  assertCan(ctx.role, "project:view");
  const { date } = parseInput(cancelSessionSchema, raw);
  await projectInScope(db, ctx, projectId);
  const slot = await slotInScope(db, ctx, projectId, slotId);
  const everyone = runsSlot(ctx, hostsOf(slot));
  if (!everyone && !ctx.userId) return [];
  return db.officeHourSignup.findMany({
    where: { slotId: slot.id, organizationId: ctx.organizationId, sessionDate: dateOf(date), ...(everyone ? {} : { userId: ctx.userId! }) },
    include: signupInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * The sign-ups of several sessions in one query (a page listed each session's with a query of
 * its own), by `"<slotId> <date>"`, oldest first, cancelled ones included.
 */
export async function signupsOfSessions(db: Db, ctx: OrgContext, projectId: string, sessions: { slotId: string; date: DayKey }[]) {
  assertCan(ctx.role, "project:view");
  const bySession = new Map<string, Prisma.OfficeHourSignupGetPayload<{ include: typeof signupInclude }>[]>();
  if (sessions.length === 0) return bySession;
  const wanted = new Set(sessions.map((s) => `${s.slotId} ${s.date}`));
  const rows = await db.officeHourSignup.findMany({
    where: {
      organizationId: ctx.organizationId,
      slot: { projectId, organizationId: ctx.organizationId },
      slotId: { in: [...new Set(sessions.map((s) => s.slotId))] },
      sessionDate: { in: [...new Set(sessions.map((s) => s.date))].map(dateOf) },
    },
    include: signupInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  for (const row of rows) {
    const key = `${row.slotId} ${keyOf(row.sessionDate)}`;
    if (!wanted.has(key)) continue; // a slot and a date each asked for, but not together
    const list = bySession.get(key);
    if (list) list.push(row);
    else bySession.set(key, [row]);
  }
  return bySession;
}

export type OfficeHourQuestion = { id: string; topic: string; askedBy: string; itemId: string | null; itemKey: string | null; sessionDate: DayKey };

/**
 * Questions for a meeting's agenda: active sign-ups that are raised (raisedAt set) or still
 * unanswered, of sessions held from `since`'s day (its UTC date — pass the previous meeting's
 * `date` or `startsAt`; null = all) up to today in the project's zone. Also included: a question
 * raised since `since` and still unanswered, whatever its session's date. Ordered by session date,
 * then sign-up time.
 */
export async function questionsSince(db: Db, ctx: OrgContext, projectId: string, since: Date | null): Promise<OfficeHourQuestion[]> {
  assertCan(ctx.role, "project:view");
  await projectInScope(db, ctx, projectId);
  const project = await db.project.findFirstOrThrow({ where: { id: projectId, organizationId: ctx.organizationId }, select: { timeZone: true } });
  const today = dateOf(dayKey(clock.now(), project.timeZone));
  const sinceDay = since ? dateOf(keyOf(since)) : null;
  const rows = await db.officeHourSignup.findMany({
    where: {
      organizationId: ctx.organizationId,
      slot: { projectId, organizationId: ctx.organizationId },
      cancelledAt: null,
      OR: [
        { sessionDate: { lte: today, ...(sinceDay ? { gte: sinceDay } : {}) }, OR: [{ raisedAt: { not: null } }, { answeredAt: null }] },
        ...(since ? [{ raisedAt: { gte: since }, answeredAt: null }] : []),
      ],
    },
    orderBy: [{ sessionDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, topic: true, itemId: true, sessionDate: true, user: { select: { name: true } } },
  });
  const itemIds = [...new Set(rows.map((r) => r.itemId).filter((id): id is string => id !== null))];
  const items = itemIds.length
    ? await db.item.findMany({ where: { id: { in: itemIds }, projectId, organizationId: ctx.organizationId }, select: { id: true, key: true } })
    : [];
  const keys = new Map(items.map((i) => [i.id, i.key]));
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    askedBy: r.user.name,
    itemId: r.itemId,
    itemKey: r.itemId ? (keys.get(r.itemId) ?? null) : null,
    sessionDate: keyOf(r.sessionDate),
  }));
}
