import { getDb } from "@/lib/db/client";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { parseOptions } from "./args";
import { CliError } from "./cli-error";

/** `waypoint create-token --project <slug> [--org <slug>] [--name N] [--role R]`: prints a new token. */
export async function createTokenCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    project: { type: "string" },
    org: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
  });
  if (!values.project) throw new CliError("create-token needs --project <slug>.");
  const db = await getDb();
  const projects = await db.project.findMany({
    where: { slug: values.project, ...(values.org ? { organization: { slug: values.org } } : {}) },
    select: { id: true, organizationId: true, organization: { select: { slug: true } } },
  });
  if (projects.length === 0) throw new CliError(`No project with the slug "${values.project}"${values.org ? ` in organisation "${values.org}"` : ""}.`);
  if (projects.length > 1) {
    throw new CliError(`Several organisations have a project "${values.project}" (${projects.map((p) => p.organization.slug).join(", ")}): add --org <slug>.`);
  }
  const project = projects[0];
  // The operator acts with the organisation's full rights; the audit row records no user.
  const { secret, token } = await createApiToken(
    db,
    { organizationId: project.organizationId, organizationSlug: project.organization.slug, role: "ADMIN", userId: null, tokenProjectId: null },
    { projectId: project.id, name: values.name ?? "Created from the command line", role: values.role?.toUpperCase() ?? "ENGINEER" },
  );
  console.error(`Created token "${token.name}" (${token.role.toLowerCase()}) for ${project.organization.slug}/${values.project}. It is shown only once:`);
  console.log(secret);
  return 0;
}
