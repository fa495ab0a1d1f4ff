import { closeDb, getDb } from "@/lib/db/client";
import { dbTargetFromEnv } from "@/lib/db/config";
import { pendingMigrationNames } from "@/lib/db/migrations";
import { jobsConnectionFor, startWorker } from "@/lib/jobs/worker";
import { CliError } from "./cli-error";

/**
 * `waypoint worker`: the job queue's worker alone, for PostgreSQL deployments that run it apart
 * from the web instances (which then set WAYPOINT_WORKER=0). Runs until SIGINT/SIGTERM, then lets
 * the running jobs finish.
 */
export async function workerCommand(): Promise<null> {
  const target = dbTargetFromEnv();
  if (target.kind === "embedded")
    throw new CliError("On the embedded database `waypoint serve` runs the jobs itself (one process owns the folder). Set DATABASE_URL to run a worker apart.");
  const db = await getDb();
  const pending = await pendingMigrationNames(db);
  if (pending.length) throw new CliError(`The database has ${pending.length} pending migration(s). Run \`npx waypoint migrate\` first.`);
  const worker = await startWorker(db, { connection: jobsConnectionFor(target), schedule: true });
  console.log("Waypoint's job worker is running (Ctrl-C stops it after the running jobs).");
  const stop = async () => {
    await worker.stop().catch(() => undefined);
    await closeDb();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  return null;
}
