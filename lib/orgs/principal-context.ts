import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { orgContextFor } from "@/lib/orgs/membership";
import { principalProjectScope, type ApiPrincipal, type OrgContext } from "@/lib/tenancy";

/**
 * The org context in which an API principal acts on one project: the token's own, or the
 * session user's membership of the project's organisation. Unreachable → 404.
 */
export async function contextForProject(db: Db, principal: ApiPrincipal, projectId: string): Promise<OrgContext> {
  if (principal.kind === "token") {
    if (principal.projectId !== projectId) throw notFound("No such project.");
    return {
      organizationId: principal.organizationId,
      organizationSlug: principal.organizationSlug,
      role: principal.role,
      userId: null,
      tokenProjectId: principal.projectId,
    };
  }
  const project = await db.project.findFirst({
    where: { AND: [principalProjectScope(principal), { id: projectId }] },
    select: { organization: { select: { id: true, slug: true, memberships: { where: { userId: principal.userId }, select: { role: true } } } } },
  });
  const membership = project?.organization.memberships[0];
  if (!project || !membership) throw notFound("No such project.");
  return {
    organizationId: project.organization.id,
    organizationSlug: project.organization.slug,
    role: membership.role,
    userId: principal.userId,
    tokenProjectId: null,
  };
}

/** The session user's context in an organisation named by slug; tokens cannot act outside their project. */
export async function contextForOrganization(db: Db, principal: ApiPrincipal, organizationSlug: string): Promise<OrgContext> {
  if (principal.kind === "token") {
    throw new AppError("forbidden", "A project API token acts on its own project only; create projects as a signed-in member.");
  }
  return orgContextFor(db, principal.userId, organizationSlug);
}
