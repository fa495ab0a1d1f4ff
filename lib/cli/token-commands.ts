import { getDb } from "@/lib/db/client";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { parseOptions } from "./args";
import { operatorProject } from "./operator-project";
import { CliError } from "./cli-error";

/** `waypoint create-token --project <slug> [--org <slug>] [--name N] [--role R] [--scope api|routing|evidence]`: prints a new token. */
export async function createTokenCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    project: { type: "string" },
    org: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    scope: { type: "string" },
  });
  if (!values.project) throw new CliError("create-token needs --project <slug>.");
  const db = await getDb();
  const { projectId, ctx } = await operatorProject(db, values.project, values.org);
  const { secret, token } = await createApiToken(db, ctx, {
    projectId,
    name: values.name ?? "Created from the command line",
    role: values.role?.toUpperCase() ?? "ENGINEER",
    scope: values.scope?.toUpperCase() ?? "API",
  });
  console.error(`Created token "${token.name}" (${token.role.toLowerCase()}) for ${ctx.organizationSlug}/${values.project}. It is shown only once:`);
  console.log(secret);
  return 0;
}
