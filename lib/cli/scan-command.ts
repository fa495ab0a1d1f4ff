import { getDb } from "@/lib/db/client";
import { queueScan, runScan, ScanBusyError } from "@/lib/repositories/run-scan";
import { getScan } from "@/lib/repositories/scan-queries";
import { scanLogLines } from "@/lib/repositories/scan-log-text";
import { parseOptions } from "./args";
import { operatorProject } from "./operator-project";
import { CliError } from "./cli-error";

/**
 * `waypoint scan --project <slug> [--org <slug>] [--repository legacy|new] [--full]`: scans the
 * project's repositories (both unless one is named) in this process and prints each scan's log.
 * The scan is recorded like any other (trigger "cli"); a worker that picks up its job finds it
 * done. Exit 1 when a scan failed.
 */
export async function scanCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    project: { type: "string" },
    org: { type: "string" },
    repository: { type: "string" },
    full: { type: "boolean" },
  });
  if (!values.project) throw new CliError("scan needs --project <slug>.");
  const role = values.repository?.toUpperCase();
  if (role !== undefined && role !== "LEGACY" && role !== "NEW") throw new CliError("--repository is legacy or new.");
  const db = await getDb();
  const { projectId, ctx } = await operatorProject(db, values.project, values.org);
  const repositories = await db.repository.findMany({
    where: { projectId, organizationId: ctx.organizationId, ...(role ? { role } : {}) },
    select: { id: true, organizationId: true, projectId: true, role: true, url: true },
    orderBy: { role: "asc" },
  });
  if (repositories.length === 0) throw new CliError(`${values.project} has no ${role ? `${role.toLowerCase()} ` : ""}repository linked.`);
  let failed = 0;
  for (const repository of repositories) {
    console.log(`${repository.role === "LEGACY" ? "Legacy" : "New"} repository ${repository.url}`);
    const { scan } = await db.$transaction((tx) => queueScan(tx, repository, { trigger: "cli", full: values.full === true, requestedById: null }));
    try {
      await runScan(db, { organizationId: ctx.organizationId }, scan.id);
    } catch (error) {
      if (error instanceof ScanBusyError) throw new CliError("Another scan of this repository is running: try again when it has finished.");
      throw error;
    }
    const result = await getScan(db, ctx, projectId, repository.id, scan.id);
    for (const line of scanLogLines(result, result.log)) console.log(`  ${line}`);
    if (result.status === "failed") failed++;
  }
  return failed ? 1 : 0;
}
