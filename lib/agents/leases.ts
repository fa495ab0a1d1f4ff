/**
 * A coding agent's lease (issue 23): a Claim held for the agent token's owner and marked as the
 * agent's, ending at leaseExpiresAt unless a heartbeat extends it. The claim rules are the
 * people's (lib/claims/claims.ts: one active claim per item by the unique activeItemId index, the
 * owner's claimLimit), plus the project's limits for agents, per token and in total. A lease past
 * its expiry is not held: the agent's tools refuse it, and another claim may take the item (the
 * expiry queue ends the rest and tells the owner).
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AgentActor, OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, forbidden, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { claimableItem, holderRef, lockHolder, takenError } from "@/lib/claims/claims";
import { isFinished } from "@/lib/inventory/item-state";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import { writeHistory } from "@/lib/inventory/history";
import { updateItemIn } from "@/lib/inventory/items";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { reviewPath } from "@/lib/projects/paths";
import * as clock from "@/lib/time/clock";

type Tx = Prisma.TransactionClient;
const MINUTE = 60_000;

export const LEASE_DEFAULT_MINUTES = 120;
export const LEASE_MAX_MINUTES = 480;

const minutesSchema = z
  .number({ error: "minutes must be a whole number." })
  .int("minutes must be a whole number.")
  .min(1, "minutes is at least 1.")
  .max(LEASE_MAX_MINUTES, `minutes is at most ${LEASE_MAX_MINUTES} (8 hours); send heartbeats to keep a lease longer.`)
  .default(LEASE_DEFAULT_MINUTES);

/** An item by its id or its key ("GET /users/<int:id>", a module's or a dependency's name). */
export const itemRefSchema = z.string().trim().min(1, "Name the item by its id or key.").max(500, "An item id or key is at most 500 characters.");

export const leaseClaimSchema = z.object({ item: itemRefSchema, minutes: minutesSchema }).strict();
export const heartbeatSchema = leaseClaimSchema;
export const progressSchema = z
  .object({ item: itemRefSchema, note: z.string().trim().min(1, "Write a short note.").max(2_000, "A progress note is at most 2,000 characters.") })
  .strict();
export const leaseItemSchema = z.object({ item: itemRefSchema }).strict();
export const submitSchema = z
  .object({
    item: itemRefSchema,
    prUrl: z
      .string()
      .trim()
      .max(2_000, "The PR URL is at most 2,000 characters.")
      .url("prUrl must be a URL.")
      .refine((u) => /^https?:\/\//i.test(u), "prUrl must be an http(s) URL of the pull request."),
    commitSha: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]{7,40}$/, "commitSha is 7 to 40 hexadecimal characters.")
      .optional(),
    notes: z.string().max(20_000, "Notes are at most 20,000 characters.").default(""),
  })
  .strict();

function agentOf(ctx: OrgContext): AgentActor & { ownerId: string; projectId: string } {
  if (!ctx.agent || !ctx.userId || !ctx.tokenProjectId) throw forbidden("Only a coding agent's token holds leases; use an agent token over MCP.");
  return { ...ctx.agent, ownerId: ctx.userId, projectId: ctx.tokenProjectId };
}

/**
 * The item an agent names, in its token's project only: by id, else by key. Another project's
 * (or organisation's) item is "not found", as if it did not exist.
 */
export async function resolveAgentItem(db: Db | Tx, ctx: OrgContext, ref: string) {
  const projectId = ctx.tokenProjectId;
  if (!projectId) throw notFound("No such item.");
  const scope = { organizationId: ctx.organizationId, projectId, deletedAt: null };
  const byId = await db.item.findFirst({ where: { ...scope, id: ref }, select: { id: true, key: true, kind: true } });
  if (byId) return byId;
  const byKey = await db.item.findMany({ where: { ...scope, key: ref }, select: { id: true, key: true, kind: true }, take: 3 });
  if (byKey.length === 1) return byKey[0];
  if (byKey.length > 1)
    throw invalid(`Several items have the key "${ref}" (${byKey.map((i) => KIND_SINGULAR[i.kind]).join(", ")}): name it by its id.`, {
      item: ["Ambiguous key."],
    });
  throw notFound(`No item with the id or key "${ref.slice(0, 200)}" in this project. Use search_items or next_targets to find one.`);
}

const leaseSelect = {
  id: true,
  itemId: true,
  holderId: true,
  startedAt: true,
  leaseExpiresAt: true,
  agentName: true,
  agentVersion: true,
  progressNote: true,
  progressAt: true,
} satisfies Prisma.ClaimSelect;

export type LeaseView = { itemId: string; key: string; leaseExpiresAt: Date; startedAt: Date };

/**
 * Claims an item for the token's owner as a lease. Under the project row's lock, so two agents at
 * once cannot both pass the per-token and total limits; the owner's claim limit is taken under
 * their membership lock as a person's claim is.
 */
export async function claimLease(db: Db, ctx: OrgContext, raw: unknown): Promise<LeaseView> {
  assertCan(ctx.role, "claims:claim");
  const agent = agentOf(ctx);
  const input = parseInput(leaseClaimSchema, raw);
  const target = await resolveAgentItem(db, ctx, input.item);
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${agent.projectId} AND "organizationId" = ${ctx.organizationId} FOR UPDATE`;
      const { project, item } = await claimableItem(tx, ctx, agent.projectId, target.id);
      if (isFinished(item)) throw conflict(`This ${KIND_SINGULAR[item.kind]} is already done; there is nothing to claim. Call next_targets for open items.`);
      const now = clock.now();
      const taken = await tx.claim.findUnique({
        where: { activeItemId: item.id },
        select: { id: true, holderId: true, leaseExpiresAt: true, agentTokenId: true },
      });
      if (taken && taken.leaseExpiresAt && taken.leaseExpiresAt < now) await endLease(tx, ctx, agent.projectId, item.id, taken, "EXPIRED", null, now);
      else if (taken?.agentTokenId === agent.tokenId && taken.leaseExpiresAt)
        throw conflict(`You already hold ${item.key} until ${taken.leaseExpiresAt.toISOString()}; send heartbeat to extend it.`);
      else if (taken) throw await takenError(tx, item.id);
      const limits = await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: { agentLimitPerToken: true, agentLimitTotal: true } });
      const live = { projectId: project.id, endedAt: null, leaseExpiresAt: { gte: now } };
      const mine = await tx.claim.count({ where: { ...live, agentTokenId: agent.tokenId } });
      if (mine >= limits.agentLimitPerToken)
        throw conflict(`This agent token already holds ${mine} lease${mine === 1 ? "" : "s"}, the project's limit per token. Submit or release one first.`, {
          limit: limits.agentLimitPerToken,
          active: mine,
        });
      const all = await tx.claim.count({ where: { ...live, agentTokenId: { not: null } } });
      if (all >= limits.agentLimitTotal)
        throw conflict(`Agents already hold ${all} leases in this project, its limit for all agents together. Try again later or ask a person.`, {
          limit: limits.agentLimitTotal,
          active: all,
        });
      const holder = await lockHolder(tx, project.organizationId, agent.ownerId);
      // Expired leases not yet ended by the expiry queue do not count against the owner either.
      const held = await tx.claim.count({
        where: { projectId: project.id, holderId: agent.ownerId, endedAt: null, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { gte: now } }] },
      });
      if (held >= project.claimLimit)
        throw conflict(`${holder.name} (this token's owner) already holds ${held} active claims, this project's limit. Submit or release one first.`, {
          limit: project.claimLimit,
          active: held,
        });
      const leaseExpiresAt = new Date(now.getTime() + input.minutes * MINUTE);
      await tx.claim.create({
        data: {
          organizationId: project.organizationId,
          projectId: project.id,
          itemId: item.id,
          holderId: agent.ownerId,
          activeItemId: item.id,
          startedAt: now,
          expectedFinish: leaseExpiresAt,
          agentTokenId: agent.tokenId,
          agentName: agent.name,
          agentVersion: agent.version,
          leaseExpiresAt,
        },
      });
      await writeHistory(tx, { organizationId: project.organizationId, projectId: project.id, actorId: ctx.userId, at: now }, [
        { itemId: item.id, field: "claim", fromValue: null, toValue: holderRef(agent.ownerId) },
      ]);
      return { itemId: item.id, key: item.key, leaseExpiresAt, startedAt: now };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await takenError(db, target.id);
    throw error;
  }
}

async function endLease(
  tx: Tx,
  ctx: OrgContext,
  projectId: string,
  itemId: string,
  claim: { id: string; holderId: string },
  reason: "EXPIRED" | "RELEASED" | "SUBMITTED",
  endedById: string | null,
  now: Date,
) {
  await tx.claim.update({ where: { id: claim.id }, data: { activeItemId: null, endedAt: now, endReason: reason, endedById } });
  await writeHistory(tx, { organizationId: ctx.organizationId, projectId, actorId: endedById, at: now }, [
    { itemId, field: reason === "SUBMITTED" ? "claim submitted" : "claim", fromValue: holderRef(claim.holderId), toValue: null },
  ]);
}

/** This token's own live lease on the item, row-locked; an expired or ended one is refused. */
async function heldLease(tx: Tx, ctx: OrgContext, itemRef: string) {
  const agent = agentOf(ctx);
  const item = await resolveAgentItem(tx, ctx, itemRef);
  const claim = await tx.claim.findFirst({
    where: { activeItemId: item.id, projectId: agent.projectId, organizationId: ctx.organizationId, agentTokenId: agent.tokenId },
    select: leaseSelect,
  });
  if (claim) await tx.$queryRaw`SELECT id FROM "Claim" WHERE id = ${claim.id} FOR UPDATE`;
  const now = clock.now();
  if (!claim || !claim.leaseExpiresAt || claim.leaseExpiresAt < now) {
    const ever = await tx.claim.findFirst({ where: { itemId: item.id, agentTokenId: agent.tokenId }, select: { id: true } });
    throw conflict(
      ever
        ? `Your lease on ${item.key} expired or has ended; claim it again with claim (if no one else has).`
        : `You hold no lease on ${item.key}; claim it first with claim.`,
    );
  }
  return { agent, item, claim: { ...claim, leaseExpiresAt: claim.leaseExpiresAt }, now };
}

/** Extends this token's lease: it now ends `minutes` from now. */
export async function heartbeat(db: Db, ctx: OrgContext, raw: unknown): Promise<LeaseView> {
  const input = parseInput(heartbeatSchema, raw);
  return db.$transaction(async (tx) => {
    const { item, claim, now } = await heldLease(tx, ctx, input.item);
    const leaseExpiresAt = new Date(now.getTime() + input.minutes * MINUTE);
    await tx.claim.update({ where: { id: claim.id }, data: { leaseExpiresAt, expectedFinish: leaseExpiresAt } });
    return { itemId: item.id, key: item.key, leaseExpiresAt, startedAt: claim.startedAt };
  });
}

/** A short note on the lease, shown to its owner and on the item page. */
export async function reportProgress(db: Db, ctx: OrgContext, raw: unknown) {
  const input = parseInput(progressSchema, raw);
  return db.$transaction(async (tx) => {
    const { item, claim, now } = await heldLease(tx, ctx, input.item);
    await tx.claim.update({ where: { id: claim.id }, data: { progressNote: input.note, progressAt: now } });
    return { itemId: item.id, key: item.key, progressAt: now, leaseExpiresAt: claim.leaseExpiresAt };
  });
}

/** Ends this token's lease without submitting: the item is free again. */
export async function releaseLease(db: Db, ctx: OrgContext, raw: unknown) {
  const input = parseInput(leaseItemSchema, raw);
  return db.$transaction(async (tx) => {
    const { agent, item, claim, now } = await heldLease(tx, ctx, input.item);
    await endLease(tx, ctx, agent.projectId, item.id, claim, "RELEASED", ctx.userId, now);
    return { itemId: item.id, key: item.key, released: true };
  });
}

/**
 * The agent says it is done: in one transaction the lease ends SUBMITTED, the item becomes Ported
 * awaiting a person's confirmation (through updateItemIn, as a person's status change: history,
 * blockers, drift, the progress rollup), the submission is recorded and the owner is told.
 */
export async function submitWork(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "inventory:edit");
  const input = parseInput(submitSchema, raw);
  return db.$transaction(async (tx) => {
    const { agent, item, claim, now } = await heldLease(tx, ctx, input.item);
    await endLease(tx, ctx, agent.projectId, item.id, claim, "SUBMITTED", ctx.userId, now);
    const current = await tx.item.findUniqueOrThrow({ where: { id: item.id }, select: { agentReview: true } });
    await updateItemIn(
      tx,
      ctx,
      agent.projectId,
      null,
      item.id,
      { status: "PORTED" },
      {
        notes: [{ field: "agentReview", fromValue: current.agentReview, toValue: "AWAITING" }],
      },
    );
    await tx.item.update({ where: { id: item.id }, data: { agentReview: "AWAITING" } });
    const submission = await tx.agentSubmission.create({
      data: {
        organizationId: ctx.organizationId,
        projectId: agent.projectId,
        itemId: item.id,
        claimId: claim.id,
        tokenId: agent.tokenId,
        holderId: agent.ownerId,
        agentName: agent.name,
        agentVersion: agent.version,
        claimedAt: claim.startedAt,
        submittedAt: now,
        prUrl: input.prUrl,
        commitSha: input.commitSha ?? null,
        notes: input.notes,
      },
      select: { id: true, submittedAt: true },
    });
    const project = await tx.project.findUniqueOrThrow({ where: { id: agent.projectId }, select: { slug: true } });
    await notifyEvent(tx, {
      organizationId: ctx.organizationId,
      projectId: agent.projectId,
      event: "agent.submitted",
      subjectId: submission.id,
      recipients: [agent.ownerId],
      title: `${agent.name} submitted ${item.key} for your review`,
      body: `Pull request: ${input.prUrl}`,
      link: reviewPath(ctx.organizationSlug, project.slug),
      broadcast: false,
    });
    return { itemId: item.id, key: item.key, status: "PORTED" as const, agentReview: "AWAITING" as const, submissionId: submission.id };
  });
}
