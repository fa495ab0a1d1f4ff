import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { endUserSessions } from "@/lib/auth/sessions";
import { revokeTokensMadeBy } from "@/lib/api-tokens/tokens";
import { changeRoleSchema, membershipIdSchema } from "./schemas";
import { withVisibleEmail } from "./privacy";

export async function listMembers(db: Db, ctx: OrgContext) {
  assertCan(ctx.role, "members:view");
  const members = await db.membership.findMany({
    where: { organizationId: ctx.organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ user: { name: "asc" } }],
  });
  return members.map((m) => ({ ...m, user: withVisibleEmail(ctx, m.user) }));
}

/**
 * Locks the organisation's admin rows so that two admins demoting or removing each other at the
 * same moment cannot leave it with none: the second waits for the first and then sees one admin.
 */
async function lockAdmins(tx: Prisma.TransactionClient, organizationId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Membership" WHERE "organizationId" = ${organizationId} AND role = 'ADMIN' FOR UPDATE`;
  return rows.map((r) => r.id);
}

async function membershipInOrg(tx: Prisma.TransactionClient, ctx: OrgContext, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organizationId: ctx.organizationId },
    include: { user: { select: { email: true } } },
  });
  if (!membership) throw notFound("No such member.");
  return membership;
}

const LAST_ADMIN = "An organisation needs at least one admin: make someone else admin first.";

export async function changeMemberRole(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "members:manage");
  const input = parseInput(changeRoleSchema, raw);
  return db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, ctx.organizationId);
    const membership = await membershipInOrg(tx, ctx, input.membershipId);
    if (membership.role === input.role) return membership;
    if (membership.role === "ADMIN" && admins.length <= 1) throw conflict(LAST_ADMIN);
    const updated = await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    // Rights are read per request, but a session opened under the old role should not carry on.
    const sessions = await endUserSessions(tx, membership.userId, "role_changed");
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: membership.id,
      data: { email: membership.user.email, from: membership.role, to: input.role, sessionsEnded: sessions },
    });
    return updated;
  });
}

/** Removes a member; any member may also remove themselves (leave). */
export async function removeMember(db: Db, ctx: OrgContext, raw: unknown) {
  const input = parseInput(membershipIdSchema, raw);
  return db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx, ctx.organizationId);
    const membership = await membershipInOrg(tx, ctx, input.membershipId);
    if (membership.userId !== ctx.userId) assertCan(ctx.role, "members:manage");
    if (membership.role === "ADMIN" && admins.length <= 1) throw conflict(LAST_ADMIN);
    await tx.membership.delete({ where: { id: membership.id } });
    const tokensRevoked = await revokeTokensMadeBy(tx, ctx.organizationId, membership.userId);
    const sessions = await endUserSessions(tx, membership.userId, "removed");
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "member.removed",
      targetType: "membership",
      targetId: membership.id,
      data: { email: membership.user.email, role: membership.role, tokensRevoked, sessionsEnded: sessions },
    });
    return membership;
  });
}
