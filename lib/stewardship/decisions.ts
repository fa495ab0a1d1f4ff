import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DecisionStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { tellDecisionPeople } from "./decision-events";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { idSchema } from "@/lib/validation/common";
import { decisionCreateSchema, decisionUpdateSchema } from "./schemas";
import { canEditDecision, nextStatusAllowed, supersedeCycle, supersedeCycleMessage } from "./supersede";
import * as clock from "@/lib/time/clock";
import { dayKey } from "@/lib/time/days";

type Tx = Prisma.TransactionClient;

export const decisionInclude = {
  people: { select: { user: { select: { id: true, name: true } } } },
  items: { select: { item: { select: { id: true, kind: true, key: true, deletedAt: true } } } },
  supersededBy: { select: { id: true, number: true, title: true } },
  supersedes: { select: { id: true, number: true, title: true } },
  meeting: { select: { id: true, date: true, title: true } },
} satisfies Prisma.DecisionInclude;

const TEXT_FIELDS = ["title", "context", "decision", "consequences"] as const;

async function decisionInScope(tx: Tx | Db, ctx: OrgContext, projectId: string, decisionId: string) {
  const found = await tx.decision.findFirst({ where: { id: decisionId, projectId, organizationId: ctx.organizationId } });
  if (!found) throw notFound("No such decision in this project.");
  return found;
}

/** The people must be members of the organisation, the items live items of the project. */
async function checkLinks(tx: Tx, ctx: OrgContext, projectId: string, input: { peopleIds?: string[]; itemIds?: string[]; meetingId?: string }) {
  // One after another: a transaction is one connection, and pg@9 refuses overlapping queries on one.
  const people = input.peopleIds?.length ? await tx.membership.count({ where: { organizationId: ctx.organizationId, userId: { in: input.peopleIds } } }) : 0;
  const items = input.itemIds?.length
    ? await tx.item.count({ where: { organizationId: ctx.organizationId, projectId, id: { in: input.itemIds }, deletedAt: null } })
    : 0;
  const meeting = input.meetingId
    ? await tx.meeting.findFirst({ where: { id: input.meetingId, projectId, organizationId: ctx.organizationId }, select: { id: true } })
    : null;
  const fields: Record<string, string[]> = {};
  if (input.peopleIds?.length && people !== input.peopleIds.length) fields.peopleIds = ["Everyone named must be a member of this organisation."];
  if (input.itemIds?.length && items !== input.itemIds.length) fields.itemIds = ["Every linked item must be in this project's inventory."];
  if (input.meetingId && !meeting) fields.meetingId = ["No such meeting in this project."];
  if (Object.keys(fields).length) throw invalid("Some links are not valid.", fields);
}

/** Today in the project's calendar, as a date column holds it (midnight UTC of that day). */
const projectToday = (timeZone: string) => new Date(`${dayKey(clock.now(), timeZone)}T00:00:00Z`);

const revisionRows = (decisionId: string, actorId: string | null, changes: { field: string; fromValue: string | null; toValue: string | null }[]) =>
  changes.map((c) => ({ decisionId, actorId, ...c }));

/**
 * Records a decision (proposed or accepted). With `supersedesId` it replaces an accepted one,
 * which becomes superseded in the same transaction. Numbers (D-1, D-2, …) follow per project.
 */
export async function createDecision(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const input = parseInput(decisionCreateSchema, raw);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const project = await projectInScope(tx, ctx, projectId);
        await checkLinks(tx, ctx, projectId, input);
        const old = input.supersedesId ? await decisionInScope(tx, ctx, projectId, input.supersedesId) : null;
        // Superseding is what an accepted decision does: a proposal that later failed would
        // otherwise leave the old decision superseded by nothing in force.
        if (old && input.status !== "ACCEPTED")
          throw invalid("A decision that supersedes another is recorded as accepted.", { status: ["Accepted, to supersede."] });
        if (old) {
          const change = nextStatusAllowed(old.status, "SUPERSEDED", { bySupersedingDecision: true });
          if (!change.allowed) throw conflict(`D-${old.number} cannot be superseded: ${change.reason}`);
          if (old.supersededById) throw conflict(`D-${old.number} is already superseded.`);
        }
        const last = await tx.decision.aggregate({ where: { projectId, organizationId: project.organizationId }, _max: { number: true } });
        const decided = input.status === "ACCEPTED" ? (input.decidedOn ?? projectToday(project.timeZone)) : (input.decidedOn ?? null);
        const created = await tx.decision.create({
          data: {
            organizationId: project.organizationId,
            projectId,
            number: (last._max.number ?? 0) + 1,
            title: input.title,
            context: input.context,
            decision: input.decision,
            consequences: input.consequences,
            status: input.status,
            decidedOn: decided,
            meetingId: input.meetingId ?? null,
            createdById: ctx.userId,
            people: { create: input.peopleIds.map((userId) => ({ userId })) },
            items: { create: input.itemIds.map((itemId) => ({ itemId })) },
          },
        });
        if (old) {
          await tx.decision.update({ where: { id: old.id }, data: { status: "SUPERSEDED", supersededById: created.id } });
          await tx.decisionRevision.createMany({
            data: revisionRows(old.id, ctx.userId, [{ field: "status", fromValue: old.status, toValue: `SUPERSEDED by D-${created.number}` }]),
          });
          await tellDecisionPeople(tx, ctx, project, old.id, "decision.superseded", `Superseded by D-${created.number}: ${created.title}`);
        }
        await tellDecisionPeople(tx, ctx, project, created.id, created.status === "ACCEPTED" ? "decision.accepted" : "decision.proposed");
        return tx.decision.findUniqueOrThrow({ where: { id: created.id }, include: decisionInclude });
      });
    } catch (error) {
      // Two decisions recorded at once took the same number: try again with the next one.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Edits a proposed decision (each changed field kept as a revision) or changes its status.
 * Accepted decisions are not rewritten: that is a new decision superseding them.
 */
export async function updateDecision(db: Db, ctx: OrgContext, projectId: string, decisionId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const input = parseInput(decisionUpdateSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const current = await decisionInScope(tx, ctx, projectId, decisionId);
    const changes: { field: string; fromValue: string | null; toValue: string | null }[] = [];
    for (const field of TEXT_FIELDS) {
      if (input[field] !== undefined && input[field] !== current[field]) changes.push({ field, fromValue: current[field], toValue: input[field]! });
    }
    if (changes.length && !canEditDecision(current.status)) {
      throw conflict(`D-${current.number} is ${current.status.toLowerCase()}: it is not rewritten. Record a new decision that supersedes it.`);
    }
    const status = input.status as DecisionStatus | undefined;
    if (status && status !== current.status) {
      const change = nextStatusAllowed(current.status, status);
      if (!change.allowed) throw conflict(change.reason);
      changes.push({ field: "status", fromValue: current.status, toValue: status });
    }
    if (changes.length === 0) return tx.decision.findUniqueOrThrow({ where: { id: current.id }, include: decisionInclude });
    const settled = status === "ACCEPTED" || status === "REJECTED";
    await tx.decision.update({
      where: { id: current.id },
      data: {
        ...Object.fromEntries(changes.filter((c) => c.field !== "status").map((c) => [c.field, c.toValue])),
        ...(status ? { status } : {}),
        ...(settled && !current.decidedOn ? { decidedOn: projectToday(project.timeZone) } : {}),
      },
    });
    await tx.decisionRevision.createMany({ data: revisionRows(current.id, ctx.userId, changes) });
    if (status === "ACCEPTED" && current.status !== "ACCEPTED") await tellDecisionPeople(tx, ctx, project, current.id, "decision.accepted");
    return tx.decision.findUniqueOrThrow({ where: { id: current.id }, include: decisionInclude });
  });
}

export const linkSchema = z.object({ supersededById: idSchema }).strict();

/**
 * Marks an accepted decision as superseded by another, already recorded one. Refused when the
 * link would make decisions supersede each other in a loop.
 */
export async function linkSupersededBy(db: Db, ctx: OrgContext, projectId: string, decisionId: string, raw: unknown) {
  assertCan(ctx.role, "stewardship:run");
  const { supersededById } = parseInput(linkSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const old = await decisionInScope(tx, ctx, projectId, decisionId);
    const by = await decisionInScope(tx, ctx, projectId, supersededById);
    const all = await tx.decision.findMany({
      where: { projectId, organizationId: ctx.organizationId },
      select: { id: true, number: true, title: true, supersededById: true },
    });
    const cycle = supersedeCycle(all, old.id, by.id);
    if (cycle) {
      const names = new Map(all.map((d) => [d.id, `D-${d.number} ${d.title}`]));
      throw invalid(
        supersedeCycleMessage(cycle, (id) => names.get(id)),
        { supersededById: ["This would make a loop."] },
      );
    }
    const change = nextStatusAllowed(old.status, "SUPERSEDED", { bySupersedingDecision: true });
    if (!change.allowed) throw conflict(change.reason);
    if (old.supersededById) throw conflict(`D-${old.number} is already superseded.`);
    try {
      await tx.decision.update({ where: { id: old.id }, data: { status: "SUPERSEDED", supersededById: by.id } });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`D-${by.number} already supersedes another decision.`);
      throw error;
    }
    await tx.decisionRevision.createMany({
      data: revisionRows(old.id, ctx.userId, [{ field: "status", fromValue: old.status, toValue: `SUPERSEDED by D-${by.number}` }]),
    });
    await tellDecisionPeople(tx, ctx, project, old.id, "decision.superseded", `Superseded by D-${by.number}: ${by.title}`);
    return tx.decision.findUniqueOrThrow({ where: { id: old.id }, include: decisionInclude });
  });
}

export const decisionListQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED", "SUPERSEDED"], { error: "PROPOSED, ACCEPTED, REJECTED or SUPERSEDED." }).optional(),
    item: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.coerce.number().int().min(1).optional().describe("The number of the last decision of the previous page."),
  })
  .strict();

/** The log, newest first: search in the title and the text, filters by status and linked item. */
export async function listDecisions(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "project:view");
  const query = parseInput(decisionListQuerySchema, raw);
  await projectInScope(db, ctx, projectId);
  const q = query.q ? { contains: query.q, mode: "insensitive" as const } : undefined;
  const rows = await db.decision.findMany({
    where: {
      projectId,
      organizationId: ctx.organizationId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.item ? { items: { some: { itemId: query.item } } } : {}),
      ...(query.cursor ? { number: { lt: query.cursor } } : {}),
      ...(q ? { OR: [{ title: q }, { context: q }, { decision: q }, { consequences: q }] } : {}),
    },
    include: decisionInclude,
    orderBy: { number: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { data: page, nextCursor: rows.length > query.limit ? page[page.length - 1].number : null, query };
}

/** One decision with its links and its revisions, oldest first. */
export async function getDecision(db: Db, ctx: OrgContext, projectId: string, decisionId: string) {
  assertCan(ctx.role, "project:view");
  await projectInScope(db, ctx, projectId);
  const found = await db.decision.findFirst({
    where: { id: decisionId, projectId, organizationId: ctx.organizationId },
    include: { ...decisionInclude, revisions: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });
  if (!found) throw notFound("No such decision in this project.");
  return found;
}
