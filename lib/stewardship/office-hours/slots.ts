import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan, can } from "@/lib/auth/permissions";
import { conflict, invalid, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { dayKey } from "@/lib/time/days";
import { officeHourSlotSchema, slotsOverlap, type WeeklyRule } from "../recurrence";
import * as clock from "@/lib/time/clock";

import {
  assertRoomForSlot,
  dateOf,
  isActive,
  keyOf,
  lockProject,
  lockSlot,
  slotInclude,
  slotRule,
  type SlotRow,
  type Tx,
  isOccurrence,
  describeSlot,
} from "./shared";

// ---- slots --------------------------------------------------------------------------------------

export const slotCreateSchema = officeHourSlotSchema.strict();
/** A change of a slot: any of its fields (the result is validated as a whole, as on creation). */
export const slotPatchSchema = z.object(officeHourSlotSchema.shape).partial().strict();
export type SlotInput = z.output<typeof slotCreateSchema>;

/** Hosts must be members of the organisation and not viewers. Returns their names by id. */
export async function checkHosts(tx: Tx, ctx: OrgContext, hostIds: string[]): Promise<Map<string, string>> {
  const members = await tx.membership.findMany({
    where: { organizationId: ctx.organizationId, userId: { in: hostIds } },
    select: { role: true, user: { select: { id: true, name: true } } },
  });
  if (members.length !== hostIds.length)
    throw invalid("Every host must be a member of this organisation.", { hosts: ["Every host must be a member of this organisation."] });
  const viewer = members.find((m) => !can(m.role, "stewardship:take-part"));
  if (viewer) {
    const message = `${viewer.user.name} is a viewer and cannot host office hours.`;
    throw invalid(message, { hosts: [message] });
  }
  return new Map(members.map((m) => [m.user.id, m.user.name]));
}

/** Refuses a slot whose sessions overlap those of another slot of the project that shares a host. */
export async function checkOverlap(tx: Tx, ctx: OrgContext, projectId: string, input: SlotInput, names: Map<string, string>, exceptId?: string) {
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

export const slotData = (input: SlotInput) => ({
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
export const slotAsInput = (slot: SlotRow) => ({
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
  return db.officeHourSlot.findMany({
    where: { projectId, organizationId: ctx.organizationId },
    include: slotInclude,
    orderBy: [{ weekday: "asc" }, { startTime: "asc" }, { createdAt: "asc" }],
  });
}
