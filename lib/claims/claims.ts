import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { projectWhere, type OrgContext } from "@/lib/tenancy";
import { assertCan, can } from "@/lib/auth/permissions";
import { mayActOnClaim, mayClaimFor } from "@/lib/auth/resource-rules";
import { conflict, forbidden, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import { isFinished } from "@/lib/inventory/item-state";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath } from "@/lib/projects/paths";
import { writeHistory } from "@/lib/inventory/history";
import { claimBodySchema, handOverBodySchema } from "./schemas";
import * as clock from "@/lib/time/clock";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

/** History rows name holders as owners are named, so the item page shows them the same way. */
export const holderRef = (userId: string) => `user:${userId}`;

export const claimSelect = {
  id: true,
  itemId: true,
  holderId: true,
  startedAt: true,
  expectedFinish: true,
  holder: { select: { id: true, name: true } },
} satisfies Prisma.ClaimSelect;

export async function claimableItem(tx: Tx, ctx: OrgContext, projectId: string, itemId: string) {
  const project = await tx.project.findFirst({
    where: projectWhere(ctx, { id: projectId }),
    select: { id: true, organizationId: true, claimLimit: true, claimDays: true },
  });
  if (!project) throw notFound("No such project.");
  const item = await tx.item.findFirst({
    where: { id: itemId, projectId, organizationId: ctx.organizationId, deletedAt: null },
    select: { id: true, kind: true, key: true, status: true, readiness: true },
  });
  if (!item) throw notFound("No such item.");
  return { project, item };
}

/** The member who would hold a claim: in this organisation, and allowed to claim. */
export async function lockHolder(tx: Tx, organizationId: string, holderId: string) {
  const membership = await tx.membership.findFirst({
    where: { organizationId, userId: holderId },
    select: { id: true, role: true, user: { select: { name: true } } },
  });
  if (!membership) throw invalid("The holder must be a member of this organisation.", { holderId: ["Not a member."] });
  if (!can(membership.role, "claims:claim"))
    throw invalid(`${membership.user.name} is a viewer and cannot hold claims.`, { holderId: ["Viewers cannot hold claims."] });
  // Claims by one person are taken one at a time, so two at once cannot both pass the limit.
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE id = ${membership.id} FOR UPDATE`;
  return membership.user;
}

async function assertUnderLimit(tx: Tx, projectId: string, holderId: string, holderName: string, limit: number) {
  const active = await tx.claim.count({ where: { projectId, holderId, endedAt: null } });
  if (active >= limit) {
    throw conflict(`${holderName} already holds ${active} active claim${active === 1 ? "" : "s"}, this project's limit. Release or finish one first.`, {
      limit,
      active,
    });
  }
}

/** The 409 for an item someone already holds, naming them. */
export async function takenError(db: Db | Tx, itemId: string) {
  const active = await db.claim.findUnique({ where: { activeItemId: itemId }, select: claimSelect });
  if (!active) return conflict("Someone claimed this item at the same moment; try again.");
  return conflict(`Already claimed by ${active.holder.name} since ${active.startedAt.toISOString().slice(0, 10)}.`, {
    holder: { id: active.holder.id, name: active.holder.name },
    claimId: active.id,
  });
}

/**
 * Claims an item: for yourself, or (stewards, managers, admins) for another member. At most one
 * active claim per item is the database's rule — the unique index on Claim.activeItemId — so of
 * any number of simultaneous claims exactly one is created and the others answer 409.
 */
export async function claimItem(db: Db, ctx: OrgContext, projectId: string, itemId: string, raw: unknown = {}) {
  assertCan(ctx.role, "claims:claim");
  const input = parseInput(claimBodySchema, raw ?? {});
  const holderId = input.holderId ?? ctx.userId;
  if (!holderId) throw invalid("An API token acts for no one: name the member who will hold the claim.", { holderId: ["Required with a token."] });
  if (!mayClaimFor(ctx, holderId)) throw forbidden("Engineers claim for themselves; stewards and managers may assign claims to others.");
  try {
    return await db.$transaction(async (tx) => {
      const { project, item } = await claimableItem(tx, ctx, projectId, itemId);
      if (isFinished(item)) throw conflict(`This ${KIND_SINGULAR[item.kind]} is already done; there is nothing to claim.`);
      const taken = await tx.claim.findUnique({ where: { activeItemId: item.id }, select: { id: true } });
      if (taken) throw await takenError(tx, item.id);
      const holder = await lockHolder(tx, project.organizationId, holderId);
      await assertUnderLimit(tx, projectId, holderId, holder.name, project.claimLimit);
      const now = clock.now();
      const claim = await tx.claim.create({
        data: {
          organizationId: project.organizationId,
          projectId,
          itemId: item.id,
          holderId,
          activeItemId: item.id,
          startedAt: now,
          expectedFinish: input.expectedFinish ?? new Date(now.getTime() + project.claimDays * DAY),
        },
        select: claimSelect,
      });
      await writeHistory(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId, at: now }, [
        { itemId: item.id, field: "claim", fromValue: null, toValue: holderRef(holderId) },
      ]);
      return claim;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await takenError(db, itemId);
    throw error;
  }
}

export async function activeClaimFor(tx: Tx, ctx: OrgContext, projectId: string, itemId: string) {
  const { project } = await claimableItem(tx, ctx, projectId, itemId);
  const claim = await tx.claim.findFirst({ where: { activeItemId: itemId, projectId, organizationId: ctx.organizationId }, select: claimSelect });
  if (!claim) throw notFound("This item has no active claim.");
  // Row lock: a release and a hand-over of the same claim must not both apply.
  await tx.$queryRaw`SELECT id FROM "Claim" WHERE id = ${claim.id} FOR UPDATE`;
  return { project, claim };
}

/** Ends your claim on an item (or anyone's, for stewards and managers). */
export async function releaseClaim(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  assertCan(ctx.role, "claims:claim");
  return db.$transaction(async (tx) => {
    const { project, claim } = await activeClaimFor(tx, ctx, projectId, itemId);
    if (!mayActOnClaim(ctx, claim)) throw forbidden(`This claim is ${claim.holder.name}'s; only they, a steward or a manager can release it.`);
    const now = clock.now();
    await tx.claim.updateMany({
      where: { id: claim.id, activeItemId: { not: null } },
      data: { activeItemId: null, endedAt: now, endReason: "RELEASED", endedById: ctx.userId },
    });
    await writeHistory(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId, at: now }, [
      { itemId, field: "claim", fromValue: holderRef(claim.holderId), toValue: null },
    ]);
    return { released: true, holder: claim.holder };
  });
}

/** Passes a claim to another member: the old claim ends as handed over, a new one starts. */
export async function handOverClaim(db: Db, ctx: OrgContext, projectId: string, itemId: string, raw: unknown) {
  assertCan(ctx.role, "claims:claim");
  const input = parseInput(handOverBodySchema, raw);
  return db.$transaction(async (tx) => {
    const { project, claim } = await activeClaimFor(tx, ctx, projectId, itemId);
    if (!mayActOnClaim(ctx, claim)) throw forbidden(`This claim is ${claim.holder.name}'s; only they, a steward or a manager can hand it over.`);
    if (input.holderId === claim.holderId) throw invalid(`${claim.holder.name} already holds this claim.`, { holderId: ["Choose someone else."] });
    const holder = await lockHolder(tx, project.organizationId, input.holderId);
    await assertUnderLimit(tx, projectId, input.holderId, holder.name, project.claimLimit);
    const now = clock.now();
    await tx.claim.update({ where: { id: claim.id }, data: { activeItemId: null, endedAt: now, endReason: "HANDED_OVER", endedById: ctx.userId } });
    const next = await tx.claim.create({
      data: {
        organizationId: project.organizationId,
        projectId,
        itemId,
        holderId: input.holderId,
        activeItemId: itemId,
        startedAt: now,
        expectedFinish: input.expectedFinish ?? new Date(now.getTime() + project.claimDays * DAY),
      },
      select: claimSelect,
    });
    await writeHistory(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId, at: now }, [
      { itemId, field: "claim", fromValue: holderRef(claim.holderId), toValue: holderRef(input.holderId) },
    ]);
    if (input.holderId !== ctx.userId) {
      // One query after another: a transaction is one connection (pg refuses overlapping queries).
      const item = await tx.item.findUniqueOrThrow({ where: { id: itemId }, select: { key: true, project: { select: { slug: true } } } });
      const from = ctx.userId ? await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } }) : null;
      await notifyEvent(tx, {
        organizationId: project.organizationId,
        projectId,
        event: "claim.handed_over",
        subjectId: next.id,
        recipients: [input.holderId],
        title: `${from?.name ?? "Someone"} handed ${item.key} over to you`,
        link: itemPath(ctx.organizationSlug, item.project.slug, itemId),
      });
    }
    return next;
  });
}

/**
 * Ends the active claims of items that no longer need one, inside the caller's transaction:
 * finished items (ported, verified, retired, won't port; a ready dependency) complete their claim,
 * deleted items release it. Call it after any change of status, readiness or deletion.
 */
export async function settleClaims(tx: Tx, scope: { organizationId: string; projectId: string; actorId: string | null }, itemIds: string[]) {
  if (itemIds.length === 0) return 0;
  const claims = await tx.claim.findMany({
    where: { activeItemId: { in: itemIds }, projectId: scope.projectId, organizationId: scope.organizationId },
    select: { id: true, holderId: true, item: { select: { id: true, kind: true, status: true, readiness: true, deletedAt: true } } },
  });
  const ending = claims.filter((c) => c.item.deletedAt || isFinished(c.item));
  if (ending.length === 0) return 0;
  const now = clock.now();
  for (const reason of ["COMPLETED", "RELEASED"] as const) {
    const ids = ending.filter((c) => (reason === "RELEASED") === Boolean(c.item.deletedAt)).map((c) => c.id);
    if (ids.length)
      await tx.claim.updateMany({ where: { id: { in: ids } }, data: { activeItemId: null, endedAt: now, endReason: reason, endedById: scope.actorId } });
  }
  await writeHistory(
    tx,
    { ...scope, at: now },
    ending.map((c) => ({
      itemId: c.item.id,
      field: c.item.deletedAt ? "claim" : "claim completed",
      fromValue: holderRef(c.holderId),
      toValue: null,
    })),
  );
  return ending.length;
}
