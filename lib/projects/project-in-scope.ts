import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { projectWhere, type OrgContext } from "@/lib/tenancy";

/**
 * The project, checked to be the context's tenant's (and the token's, if any), with what most
 * domain functions need of it. Another tenant's id answers the same 404 as an unknown one.
 */
export async function projectInScope(db: Db | Prisma.TransactionClient, ctx: OrgContext, projectId: string) {
  const project = await db.project.findFirst({
    where: projectWhere(ctx, { id: projectId }),
    select: { id: true, organizationId: true, slug: true, timeZone: true },
  });
  if (!project) throw notFound("No such project.");
  return project;
}
