import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit";
import { organizationNameSchema } from "./create-organization";

/** The organisations a user belongs to, with their role, for the switcher. */
export function listUserOrganizations(db: Db, userId: string) {
  return db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { organization: { name: "asc" } },
  });
}

/**
 * The org context of a signed-in user for an organisation slug taken from a URL or a form.
 * Not a member (or no such organisation) → not_found: the slug proves nothing by itself.
 */
export async function orgContextFor(db: Db, userId: string, organizationSlug: string): Promise<OrgContext> {
  const membership = await db.membership.findFirst({
    where: { userId, organization: { slug: organizationSlug } },
    select: { role: true, organization: { select: { id: true, slug: true } } },
  });
  if (!membership) throw notFound("No such organisation.");
  return {
    organizationId: membership.organization.id,
    organizationSlug: membership.organization.slug,
    role: membership.role,
    userId,
    tokenProjectId: null,
  };
}

export function getOrganization(db: Db, ctx: OrgContext) {
  return db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { id: true, name: true, slug: true, createdAt: true } });
}

export async function renameOrganization(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "org:manage");
  const { name } = parseInput(organizationNameSchema, raw);
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: ctx.organizationId } });
    const org = await tx.organization.update({ where: { id: ctx.organizationId }, data: { name } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "organization.renamed",
      targetType: "organization",
      targetId: org.id,
      data: { from: before.name, to: name },
    });
    return org;
  });
}
