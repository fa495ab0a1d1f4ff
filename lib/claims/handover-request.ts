import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { mayActOnClaim } from "@/lib/auth/resource-rules";
import { forbidden, invalid, notFound, parseInput } from "@/lib/errors";
import { writeHistory } from "@/lib/inventory/history";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath } from "@/lib/projects/paths";
import * as clock from "@/lib/time/clock";
import { activeClaimFor, holderRef } from "./claims";
import { handoverRequestSchema } from "./schemas";

async function names(db: Prisma.TransactionClient, ctx: OrgContext, projectId: string, itemId: string) {
  // One query after another: this runs in a transaction (one connection).
  const me = ctx.userId ? await db.user.findUnique({ where: { id: ctx.userId }, select: { name: true } }) : null;
  const project = await db.project.findFirst({ where: { id: projectId, organizationId: ctx.organizationId }, select: { slug: true } });
  const item = await db.item.findFirst({ where: { id: itemId, projectId, organizationId: ctx.organizationId }, select: { key: true } });
  if (!project || !item) throw notFound("No such item.");
  return { me: me?.name ?? "Someone", link: itemPath(ctx.organizationSlug, project.slug, itemId), key: item.key };
}

/**
 * Asks the holder of someone else's claim to hand it over: recorded on the claim (the last request
 * counts) and in the item's history, and put in the holder's inbox — all in one transaction.
 */
export async function requestHandover(db: Db, ctx: OrgContext, projectId: string, itemId: string, raw: unknown = {}) {
  assertCan(ctx.role, "claims:claim");
  const input = parseInput(handoverRequestSchema, raw ?? {});
  const asker = ctx.userId;
  if (!asker) throw forbidden("Only a person can ask for a handover.");
  return db.$transaction(async (tx) => {
    const { project, claim } = await activeClaimFor(tx, ctx, projectId, itemId);
    if (claim.holderId === asker) throw invalid("You hold this claim already.");
    const at = clock.now();
    await tx.claim.update({ where: { id: claim.id }, data: { handoverRequestedById: asker, handoverRequestedAt: at, handoverNote: input.note || null } });
    await writeHistory(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId, at }, [
      { itemId, field: "handover asked", fromValue: holderRef(claim.holderId), toValue: holderRef(asker) },
    ]);
    const { me, link, key } = await names(tx, ctx, projectId, itemId);
    await notifyEvent(tx, {
      organizationId: project.organizationId,
      projectId,
      event: "claim.handover_requested",
      subjectId: claim.id,
      state: `${asker}@${at.toISOString()}`,
      recipients: [claim.holderId],
      title: `${me} asks you to hand over ${key}`,
      body: input.note ?? "",
      link,
    });
    return { requested: true, holder: claim.holder };
  });
}

/** The holder (or a steward) declines a handover request: the request is cleared, the asker told. */
export async function declineHandover(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  assertCan(ctx.role, "claims:claim");
  return db.$transaction(async (tx) => {
    const { project, claim } = await activeClaimFor(tx, ctx, projectId, itemId);
    if (!mayActOnClaim(ctx, claim)) throw forbidden(`This claim is ${claim.holder.name}'s; only they, a steward or a manager can answer the request.`);
    const row = await tx.claim.findUniqueOrThrow({ where: { id: claim.id }, select: { handoverRequestedById: true } });
    if (!row.handoverRequestedById) throw invalid("Nobody asked for this claim.");
    await tx.claim.update({ where: { id: claim.id }, data: { handoverRequestedById: null, handoverRequestedAt: null, handoverNote: null } });
    const { me, link, key } = await names(tx, ctx, projectId, itemId);
    await notifyEvent(tx, {
      organizationId: project.organizationId,
      projectId,
      event: "claim.handover_declined",
      subjectId: claim.id,
      state: `${row.handoverRequestedById}@${clock.now().toISOString()}`,
      recipients: [row.handoverRequestedById],
      title: `${me} keeps ${key} for now`,
      link,
    });
    return { declined: true };
  });
}
