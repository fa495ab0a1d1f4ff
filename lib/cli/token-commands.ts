import { getDb } from "@/lib/db/client";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { parseOptions } from "./args";
import { operatorProject } from "./operator-project";
import { CliError } from "./cli-error";

/**
 * `waypoint create-token --project <slug> [--org <slug>] [--name N] [--role R] [--scope api|routing|evidence]`: prints a new token;
 * `… --agent --user EMAIL`: a coding agent's token owned by that member.
 */
export async function createTokenCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    project: { type: "string" },
    org: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    scope: { type: "string" },
    agent: { type: "boolean" },
    user: { type: "string" },
  });
  if (!values.project) throw new CliError("create-token needs --project <slug>.");
  if (values.agent && values.scope) throw new CliError("--agent is the agent scope: leave out --scope.");
  if (values.agent && !values.user) throw new CliError("An agent token acts for a member: add --user <email>.");
  if (values.user && !values.agent) throw new CliError("--user names an agent token's owner: add --agent.");
  const db = await getDb();
  const { projectId, ctx } = await operatorProject(db, values.project, values.org);
  let ownerId: string | undefined;
  if (values.user) {
    const owner = await db.membership.findFirst({
      where: { organizationId: ctx.organizationId, user: { email: values.user.trim().toLowerCase() } },
      select: { userId: true },
    });
    if (!owner) throw new CliError(`No member "${values.user}" in organisation "${ctx.organizationSlug}".`);
    ownerId = owner.userId;
  }
  const { secret, token } = await createApiToken(db, ctx, {
    projectId,
    name: values.name ?? (values.agent ? `Coding agent of ${values.user}` : "Created from the command line"),
    role: values.role?.toUpperCase() ?? "ENGINEER",
    scope: values.agent ? "AGENT" : (values.scope?.toUpperCase() ?? "API"),
    ...(ownerId ? { ownerId } : {}),
  });
  const kind = values.agent ? `coding agent token of ${values.user}` : `token`;
  console.error(`Created ${kind} "${token.name}" (${token.role.toLowerCase()}) for ${ctx.organizationSlug}/${values.project}. It is shown only once:`);
  console.log(secret);
  if (values.agent) console.error("Configure the agent's MCP client: npx waypoint agent-config --client claude-code|cursor|vscode --token <the token above>");
  return 0;
}
