import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { CliError } from "./cli-error";

/**
 * The project an operator names by slug (and organisation, when the slug is not unique), with the
 * context the command acts in: the organisation's full rights, and no user in the audit rows.
 */
export async function operatorProject(db: Db, slug: string, org?: string): Promise<{ projectId: string; ctx: OrgContext }> {
  const projects = await db.project.findMany({
    where: { slug, ...(org ? { organization: { slug: org } } : {}) },
    select: { id: true, organizationId: true, organization: { select: { slug: true } } },
  });
  if (projects.length === 0) throw new CliError(`No project with the slug "${slug}"${org ? ` in organisation "${org}"` : ""}.`);
  if (projects.length > 1) {
    throw new CliError(`Several organisations have a project "${slug}" (${projects.map((p) => p.organization.slug).join(", ")}): add --org <slug>.`);
  }
  const [project] = projects;
  return {
    projectId: project.id,
    ctx: { organizationId: project.organizationId, organizationSlug: project.organization.slug, role: "ADMIN", userId: null, tokenProjectId: null },
  };
}
