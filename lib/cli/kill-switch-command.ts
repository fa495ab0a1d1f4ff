import { getDb } from "@/lib/db/client";
import { killSwitch } from "@/lib/cutover/switch";
import { parseOptions } from "./args";
import { operatorProject } from "./operator-project";
import { CliError } from "./cli-error";

/**
 * `waypoint kill-switch --project <slug> [--org <slug>] (--route "GET /x" | --module <path> | --team <name> | --all) --reason "…"`:
 * sends routes back to legacy at once, from the server's own shell (when the web app is the thing
 * that is down, the proxies still pull the configuration the database holds).
 */
export async function killSwitchCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    project: { type: "string" },
    org: { type: "string" },
    route: { type: "string" },
    module: { type: "string" },
    team: { type: "string" },
    all: { type: "boolean" },
    reason: { type: "string" },
  });
  if (!values.project) throw new CliError("kill-switch needs --project <slug>.");
  if (!values.reason) throw new CliError('kill-switch needs --reason "…" (it is kept in the history).');
  const chosen = [values.route, values.module, values.team, values.all ? "all" : undefined].filter(Boolean);
  if (chosen.length !== 1) throw new CliError("Choose exactly one of --route, --module, --team or --all.");
  const db = await getDb();
  const { projectId, ctx } = await operatorProject(db, values.project, values.org);
  const find = async (where: object, what: string) => {
    const row = await db.item.findFirst({ where: { projectId, organizationId: ctx.organizationId, deletedAt: null, ...where }, select: { id: true } });
    if (!row) throw new CliError(`No ${what} in ${values.project}.`);
    return row.id;
  };
  const scope = values.route
    ? { kind: "route", itemId: await find({ kind: "ROUTE", key: values.route }, `route "${values.route}"`) }
    : values.module
      ? { kind: "module", moduleId: await find({ kind: "MODULE", key: values.module }, `module "${values.module}"`) }
      : values.team
        ? {
            kind: "team",
            teamId:
              (
                await db.team.findFirst({
                  where: { organizationId: ctx.organizationId, name: { equals: values.team, mode: "insensitive" } },
                  select: { id: true },
                })
              )?.id ??
              (() => {
                throw new CliError(`No team "${values.team}".`);
              })(),
          }
        : { kind: "project" };
  const result = await killSwitch(db, ctx, projectId, { scope, reason: values.reason });
  console.log(
    result.switched
      ? `Sent ${result.switched} route(s) back to legacy (batch ${result.batchId}):\n${result.keys.map((k) => `  ${k}`).join("\n")}`
      : "Nothing to send back: those routes are on legacy already.",
  );
  return 0;
}
