import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { mayCloseActionItem } from "@/lib/auth/resource-rules";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, forbidden, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { idSchema } from "@/lib/validation/common";
import { proposeAgenda } from "./agenda";
import { loadAgendaState } from "./agenda-state";
import { zonedToUtc } from "./recurrence";
import { dateColumnDay, dayKey as zonedDay } from "@/lib/time/days";
import { actionItemSchema, agendaEntryInputSchema, meetingCreateSchema } from "./schemas";
import * as clock from "@/lib/time/clock";

type Tx = Prisma.TransactionClient;
const dayKey = dateColumnDay;

export const meetingInclude = {
  agenda: { orderBy: { position: "asc" } },
  attendees: { select: { user: { select: { id: true, name: true } } } },
  actionItems: { orderBy: { createdAt: "asc" }, include: { owner: { select: { id: true, name: true } } } },
  decisions: { select: { id: true, number: true, title: true, status: true }, orderBy: { number: "asc" } },
} satisfies Prisma.MeetingInclude;

async function meetingInScope(db: Db | Tx, ctx: OrgContext, projectId: string, meetingId: string) {
  const meeting = await db.meeting.findFirst({ where: { id: meetingId, projectId, organizationId: ctx.organizationId } });
  if (!meeting) throw notFound("No such meeting in this project.");
  return meeting;
}

/**
 * Creates the meeting of a day, with its agenda proposed from the project's state: overdue
 * action items, stale claims, proposed decisions, questions raised at office hours since the
 * previous meeting, blocked items, and the top unclaimed targets. Stewards edit it afterwards.
 */
export async function createMeeting(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const input = parseInput(meetingCreateSchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const settings = await db.project.findFirstOrThrow({
    where: { id: project.id, organizationId: ctx.organizationId },
    select: { name: true, timeZone: true, meetingTime: true },
  });
  const date = dayKey(input.date);
  const startsAt = zonedToUtc(date, input.time ?? settings.meetingTime, settings.timeZone);
  const previous = await db.meeting.findFirst({
    where: { projectId, organizationId: ctx.organizationId, date: { lt: input.date } },
    orderBy: { date: "desc" },
    select: { startsAt: true },
  });
  const agenda = proposeAgenda(await loadAgendaState(db, ctx, projectId, input.date, previous?.startsAt ?? null));
  try {
    return await db.$transaction(async (tx) => {
      const meeting = await tx.meeting.create({
        data: {
          organizationId: ctx.organizationId,
          projectId,
          date: input.date,
          startsAt,
          createdById: ctx.userId,
          title: input.title ?? `Stewardship meeting, ${date}`,
          agenda: { create: agenda.map((entry, position) => ({ ...entry, position })) },
          ...(ctx.userId ? { attendees: { create: [{ userId: ctx.userId }] } } : {}),
        },
      });
      return tx.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: meetingInclude });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`There is already a meeting on ${date}.`, { fields: { date: ["Already has a meeting."] } });
    throw error;
  }
}

/** A meeting with its agenda, attendees, action items and decisions, and the open action items carried over from earlier meetings. */
export async function getMeeting(db: Db, ctx: OrgContext, projectId: string, meetingId: string) {
  assertCan(ctx.role, "project:view");
  await projectInScope(db, ctx, projectId);
  const meeting = await db.meeting.findFirst({ where: { id: meetingId, projectId, organizationId: ctx.organizationId }, include: meetingInclude });
  if (!meeting) throw notFound("No such meeting in this project.");
  const carriedOver = await db.actionItem.findMany({
    where: { projectId, organizationId: ctx.organizationId, doneAt: null, meeting: { date: { lt: meeting.date } } },
    include: { owner: { select: { id: true, name: true } }, meeting: { select: { id: true, date: true } } },
    orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
  });
  return { ...meeting, carriedOver };
}

export const meetingListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    before: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict();

/** Meetings, latest first. */
export async function listMeetings(db: Db, ctx: OrgContext, projectId: string, raw: unknown = {}) {
  assertCan(ctx.role, "project:view");
  const query = parseInput(meetingListQuerySchema, raw);
  await projectInScope(db, ctx, projectId);
  const rows = await db.meeting.findMany({
    where: { projectId, organizationId: ctx.organizationId, ...(query.before ? { date: { lt: new Date(`${query.before}T00:00:00Z`) } } : {}) },
    orderBy: { date: "desc" },
    take: query.limit + 1,
    include: { _count: { select: { agenda: true, actionItems: true, decisions: true, attendees: true } } },
  });
  const page = rows.slice(0, query.limit);
  return { data: page, nextBefore: rows.length > query.limit ? dayKey(page[page.length - 1].date) : null };
}

export const meetingUpdateSchema = z
  .object({
    title: z.string().trim().min(1, "Required.").max(200, "Use at most 200 characters.").optional(),
    notes: z.string().max(50_000, "Use at most 50,000 characters.").optional(),
    attendeeIds: z.array(idSchema).max(100).optional(),
  })
  .strict();

/** Title, notes (Markdown) and attendees. */
export async function updateMeeting(db: Db, ctx: OrgContext, projectId: string, meetingId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const input = parseInput(meetingUpdateSchema, raw);
  return db.$transaction(async (tx) => {
    const meeting = await meetingInScope(tx, ctx, projectId, meetingId);
    if (input.attendeeIds) {
      const ids = [...new Set(input.attendeeIds)];
      const members = await tx.membership.count({ where: { organizationId: ctx.organizationId, userId: { in: ids } } });
      if (members !== ids.length) throw invalid("Attendees must be members of this organisation.", { attendeeIds: ["Not all are members."] });
      await tx.meetingAttendee.deleteMany({ where: { meetingId: meeting.id } });
      await tx.meetingAttendee.createMany({ data: ids.map((userId) => ({ meetingId: meeting.id, userId })) });
    }
    await tx.meeting.update({
      where: { id: meeting.id },
      data: { ...(input.title !== undefined ? { title: input.title } : {}), ...(input.notes !== undefined ? { notes: input.notes } : {}) },
    });
    return tx.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: meetingInclude });
  });
}

/** Adds an entry of the stewards' own at the end of the agenda. */
export async function addAgendaEntry(db: Db, ctx: OrgContext, projectId: string, meetingId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const input = parseInput(agendaEntryInputSchema, raw);
  return db.$transaction(async (tx) => {
    const meeting = await meetingInScope(tx, ctx, projectId, meetingId);
    await checkItems(tx, ctx, projectId, input.itemIds);
    const last = await tx.agendaEntry.aggregate({ where: { meetingId: meeting.id }, _max: { position: true } });
    return tx.agendaEntry.create({
      data: {
        meetingId: meeting.id,
        kind: "CUSTOM",
        title: input.title,
        detail: input.detail,
        itemIds: input.itemIds,
        position: (last._max.position ?? -1) + 1,
      },
    });
  });
}

/** Removes an entry from the agenda. */
export async function removeAgendaEntry(db: Db, ctx: OrgContext, projectId: string, meetingId: string, entryId: string) {
  assertCan(ctx.role, "stewardship:run");
  return db.$transaction(async (tx) => {
    const meeting = await meetingInScope(tx, ctx, projectId, meetingId);
    const { count } = await tx.agendaEntry.deleteMany({ where: { id: entryId, meetingId: meeting.id } });
    if (count === 0) throw notFound("No such agenda entry.");
  });
}

export const reorderSchema = z.object({ entryIds: z.array(idSchema).min(1).max(200) }).strict();

/** Puts the agenda in the given order: every entry's id, each once. */
export async function reorderAgendaEntries(db: Db, ctx: OrgContext, projectId: string, meetingId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const { entryIds } = parseInput(reorderSchema, raw);
  return db.$transaction(async (tx) => {
    const meeting = await meetingInScope(tx, ctx, projectId, meetingId);
    const current = await tx.agendaEntry.findMany({ where: { meetingId: meeting.id }, select: { id: true } });
    const known = new Set(current.map((e) => e.id));
    if (entryIds.length !== known.size || new Set(entryIds).size !== entryIds.length || entryIds.some((id) => !known.has(id))) {
      throw invalid("Send every entry of this agenda once, in the new order.", { entryIds: ["Not this agenda's entries."] });
    }
    for (const [position, id] of entryIds.entries()) await tx.agendaEntry.update({ where: { id }, data: { position } });
    return tx.agendaEntry.findMany({ where: { meetingId: meeting.id }, orderBy: { position: "asc" } });
  });
}

async function checkItems(tx: Tx, ctx: OrgContext, projectId: string, itemIds: string[]) {
  if (!itemIds.length) return;
  const found = await tx.item.count({ where: { id: { in: itemIds }, projectId, organizationId: ctx.organizationId, deletedAt: null } });
  if (found !== itemIds.length) throw invalid("Every linked item must be in this project's inventory.", { itemIds: ["Not in this project."] });
}

/** An action item taken at a meeting: text, owner, due date, linked items. */
export async function createActionItem(db: Db, ctx: OrgContext, projectId: string, meetingId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const input = parseInput(actionItemSchema, raw);
  return db.$transaction(async (tx) => {
    const meeting = await meetingInScope(tx, ctx, projectId, meetingId);
    await checkItems(tx, ctx, projectId, input.itemIds);
    if (input.ownerId) {
      const member = await tx.membership.findFirst({ where: { organizationId: ctx.organizationId, userId: input.ownerId }, select: { role: true } });
      if (!member || member.role === "VIEWER")
        throw invalid("The owner must be a member who is not a viewer.", { ownerId: ["Not a member who can own work."] });
    }
    return tx.actionItem.create({
      data: {
        organizationId: ctx.organizationId,
        projectId,
        meetingId: meeting.id,
        text: input.text,
        ownerId: input.ownerId ?? null,
        dueDate: input.dueDate ?? null,
        itemIds: input.itemIds,
      },
      include: { owner: { select: { id: true, name: true } } },
    });
  });
}

export const doneSchema = z.object({ done: z.boolean() }).strict();

/** Marks an action item done (or open again): its owner, or whoever runs the meetings. */
export async function setActionItemDone(db: Db, ctx: OrgContext, projectId: string, actionItemId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:take-part");
  const { done } = parseInput(doneSchema, raw);
  await projectInScope(db, ctx, projectId);
  const item = await db.actionItem.findFirst({ where: { id: actionItemId, projectId, organizationId: ctx.organizationId } });
  if (!item) throw notFound("No such action item in this project.");
  if (!mayCloseActionItem(ctx, item)) throw forbidden("Only the owner of an action item, or a steward, may close it.");
  return db.actionItem.update({
    where: { id: item.id },
    data: { doneAt: done ? (item.doneAt ?? clock.now()) : null },
    include: { owner: { select: { id: true, name: true } } },
  });
}

/**
 * The group's week: the meeting of this week (or the next one), open action items by owner, and
 * what changed in the last seven days.
 */
export async function thisWeek(db: Db, ctx: OrgContext, projectId: string, now = clock.now()) {
  assertCan(ctx.role, "project:view");
  await projectInScope(db, ctx, projectId);
  const scope = { projectId, organizationId: ctx.organizationId };
  const { timeZone } = await db.project.findFirstOrThrow({ where: { id: projectId, organizationId: ctx.organizationId }, select: { timeZone: true } });
  // Due dates are calendar days of the project's zone: overdue from the day after, there.
  const today = new Date(`${zonedDay(now, timeZone)}T00:00:00Z`);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [meeting, open, statusChanges, decisions, claims] = await Promise.all([
    db.meeting.findFirst({
      where: { ...scope, date: { gte: new Date(dayKey(weekAgo)) } },
      orderBy: { date: "desc" },
      select: { id: true, date: true, title: true, startsAt: true },
    }),
    db.actionItem.findMany({
      where: { ...scope, doneAt: null },
      include: { owner: { select: { id: true, name: true } } },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    }),
    db.itemChange.groupBy({ by: ["toValue"], where: { ...scope, field: "status", at: { gte: weekAgo } }, _count: true }),
    db.decision.findMany({
      where: { ...scope, OR: [{ createdAt: { gte: weekAgo } }, { updatedAt: { gte: weekAgo } }] },
      select: { id: true, number: true, title: true, status: true },
      orderBy: { number: "desc" },
    }),
    db.claim.count({ where: { ...scope, startedAt: { gte: weekAgo } } }),
  ]);
  const byOwner = new Map<string, { owner: { id: string; name: string } | null; items: typeof open }>();
  for (const a of open) {
    const key = a.owner?.id ?? "";
    if (!byOwner.has(key)) byOwner.set(key, { owner: a.owner, items: [] });
    byOwner.get(key)!.items.push(a);
  }
  const moved = Object.fromEntries(statusChanges.map((c) => [c.toValue ?? "", c._count]));
  return {
    meeting,
    // People by name, then the items nobody owns.
    openByOwner: [...byOwner.values()].sort(
      (a, b) => (a.owner === null ? 1 : 0) - (b.owner === null ? 1 : 0) || (a.owner?.name ?? "").localeCompare(b.owner?.name ?? ""),
    ),
    overdue: open.filter((a) => a.dueDate && a.dueDate < today).length,
    changes: { ported: moved.PORTED ?? 0, verified: moved.VERIFIED ?? 0, retired: moved.RETIRED ?? 0, started: moved.IN_PROGRESS ?? 0, claims, decisions },
  };
}
