import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { newSecret, sha256 } from "@/lib/secrets";
import { invitationIdSchema, inviteSchema } from "./schemas";
import * as clock from "@/lib/time/clock";
import { RULES, throttleKeys, throttled } from "@/lib/auth/throttle";

export const INVITATION_DAYS = 7;

type Tx = Prisma.TransactionClient;

/** Creates an invitation link. The secret is returned once; only its hash is stored. */
export async function createInvitation(db: Db, ctx: OrgContext, raw: unknown, now = clock.now()) {
  assertCan(ctx.role, "members:manage");
  const input = parseInput(inviteSchema, raw);
  const secret = newSecret("wpi");
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        organizationId: ctx.organizationId,
        role: input.role,
        email: input.email ?? null,
        tokenHash: sha256(secret),
        createdById: ctx.userId ?? "",
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      },
    });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: created.id,
      data: { role: input.role, email: input.email ?? null },
    });
    return created;
  });
  return { invitation, secret };
}

export function listPendingInvitations(db: Db, ctx: OrgContext, now = clock.now()) {
  assertCan(ctx.role, "members:manage");
  return db.invitation.findMany({
    where: { organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, role: true, email: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "members:manage");
  const { invitationId } = parseInput(invitationIdSchema, raw);
  return db.$transaction(async (tx) => {
    const result = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: clock.now() },
    });
    if (result.count === 0) throw notFound("No such pending invitation.");
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitationId,
    });
  });
}

/** What an invitation link shows before it is accepted; null if the link is not valid. */
export async function describeInvitation(db: Db, secret: string, now = clock.now()) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sha256(secret) },
    include: { organization: { select: { name: true, slug: true } } },
  });
  if (!invitation) return null;
  const state = invitation.revokedAt ? "revoked" : invitation.acceptedAt ? "used" : invitation.expiresAt <= now ? "expired" : "valid";
  return { state, role: invitation.role, email: invitation.email, organization: invitation.organization } as const;
}

/** The signed-in user joins the invitation's organisation with its role. */
export async function acceptInvitation(db: Db, userId: string, secret: string, now = clock.now()) {
  return db.$transaction((tx) => acceptInvitationInTx(tx, userId, secret, now));
}

/** Accepting as the invitation page does: refused links count against the client's address, so links cannot be guessed. */
export function acceptInvitationFrom(db: Db, userId: string, secret: string, address: string) {
  return throttled(db, throttleKeys.inviteAddress(address), RULES.address, "refused", "Too many invalid invitation links from this address", () =>
    acceptInvitation(db, userId, secret),
  );
}

/**
 * Accepts an invitation inside the caller's transaction: for an existing user (above), or for the
 * account a sign-up through the invitation link creates, which then joins this organisation only.
 */
export async function acceptInvitationInTx(tx: Tx, userId: string, secret: string, now = clock.now(), opts: { signingUp?: boolean } = {}) {
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash: sha256(secret) },
    include: { organization: { select: { id: true, slug: true, name: true } } },
  });
  if (!invitation) throw notFound("This invitation link is not valid.");
  if (invitation.revokedAt) throw new AppError("conflict", "This invitation was revoked. Ask for a new link.");
  if (invitation.acceptedAt) throw new AppError("conflict", "This invitation was already used. Ask for a new link.");
  if (invitation.expiresAt <= now) throw new AppError("conflict", "This invitation has expired. Ask for a new link.");
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (invitation.email && invitation.email !== user.email) {
    throw opts.signingUp
      ? new AppError("forbidden", `This invitation is for ${invitation.email}.`, { fields: { email: [`The invitation is for ${invitation.email}.`] } })
      : new AppError("forbidden", `This invitation is for ${invitation.email}; you are signed in as ${user.email}.`);
  }
  const existing = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: invitation.organizationId, userId } },
  });
  // Claim the link first: of two concurrent accepts only one updates the row.
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null },
    data: { acceptedAt: now, acceptedById: userId },
  });
  if (claimed.count === 0) throw new AppError("conflict", "This invitation was already used. Ask for a new link.");
  if (!existing) {
    await tx.membership.create({ data: { organizationId: invitation.organizationId, userId, role: invitation.role } });
    await recordAudit(tx, {
      organizationId: invitation.organizationId,
      actorId: userId,
      action: "member.joined",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email: user.email, role: invitation.role },
    });
  }
  return { organization: invitation.organization, alreadyMember: Boolean(existing) };
}
