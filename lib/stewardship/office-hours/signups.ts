import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { mayCancelSignup, runsSlot } from "@/lib/auth/resource-rules";
import { conflict, forbidden, invalid, notFound, parseInput } from "@/lib/errors";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { projectPath } from "@/lib/projects/paths";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { dayKey } from "@/lib/time/days";
import type { DayKey } from "@/lib/progress/types";
import { signupSchema } from "../schemas";
import * as clock from "@/lib/time/clock";

import { assertRunsSlot, dateOf, keyOf, lockSlot, slotInclude, slotInScope, type Tx, sessionOn, hostsOf } from "./shared";
import { cancelSessionSchema, PAST, sessionForChange } from "./sessions";

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
    const project = await projectInScope(tx, ctx, projectId);
    const slot = await lockSlot(tx, ctx, projectId, slotId);
    const { session } = await sessionForChange(tx, slot, date, "sessionDate");
    if (session.start.getTime() <= clock.nowMs()) throw invalid(PAST, { sessionDate: [PAST] });
    if (session.cancelled) throw conflict("This session is cancelled.");
    if (input.itemId) {
      const item = await tx.item.findFirst({
        where: { id: input.itemId, projectId, organizationId: ctx.organizationId, deletedAt: null },
        select: { id: true },
      });
      if (!item) throw invalid("The item must be in this project's inventory.", { itemId: ["No such item in this project."] });
    }
    const active = { slotId: slot.id, organizationId: ctx.organizationId, sessionDate: input.sessionDate, cancelledAt: null };
    // One after the other: queries of one transaction share a connection.
    const own = await tx.officeHourSignup.count({ where: { ...active, userId } });
    const taken = await tx.officeHourSignup.count({ where: active });
    if (own > 0) throw conflict("You are already signed up for this session.");
    if (taken >= slot.capacity)
      throw conflict(`This session is full (${taken} of ${slot.capacity} place${slot.capacity === 1 ? "" : "s"} taken).`, { capacity: slot.capacity, taken });
    const signup = await tx.officeHourSignup.create({
      data: { organizationId: ctx.organizationId, slotId: slot.id, sessionDate: input.sessionDate, userId, topic: input.topic, itemId: input.itemId ?? null },
      include: signupInclude,
    });
    // The hosts hear of it (not the person signing up, should they host too).
    const hosts = await tx.officeHourHost.findMany({ where: { slotId: slot.id }, select: { userId: true } });
    await notifyEvent(tx, {
      organizationId: ctx.organizationId,
      projectId: project.id,
      event: "office_hours.signed_up",
      subjectId: signup.id,
      recipients: hosts.map((h) => h.userId).filter((id) => id !== userId),
      title: `Office hours ${date}: a sign-up — ${input.topic}`.slice(0, 300),
      link: `${projectPath(ctx.organizationSlug, project.slug)}/stewardship/office-hours`,
      broadcast: false,
    });
    return signup;
  });
}

export async function signupInScope(tx: Tx, ctx: OrgContext, projectId: string, signupId: string) {
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
export const flag = z.boolean({ error: "Must be true or false." });

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
