/**
 * The job worker: pg-boss polling every queue of lib/jobs/queues.ts. It runs inside
 * `waypoint serve` (on the embedded database it must: one process owns the folder) and in every
 * instance on PostgreSQL, or alone as `waypoint worker`. pg-boss fetches with SKIP LOCKED, so two
 * instances never run one job twice; a job whose process died is failed by expiry and retried.
 */
import PgBoss from "pg-boss";
import type { PGlite } from "@electric-sql/pglite";
import type { Db } from "@/lib/db/client";
import type { DbTarget } from "@/lib/db/config";
import { embeddedHandle } from "@/lib/db/embedded-handle";
import { pgliteExecutor } from "./executor";
import { HANDLERS } from "./handlers";
import { QUEUES, type QueueKey } from "./queues";

export type JobsConnection = { kind: "pglite"; pglite: PGlite } | { kind: "postgres"; url: string };

/** The connection the worker polls with: the embedded database's PGlite, or a small pool of its own. */
export function jobsConnectionFor(target: DbTarget): JobsConnection {
  if (target.kind === "postgres") return { kind: "postgres", url: target.url };
  const handle = embeddedHandle();
  if (!handle) throw new Error("The embedded database is not open in this process: open it (getDb) before starting the worker.");
  return { kind: "pglite", pglite: handle.pglite };
}

export type WorkerOptions = {
  connection: JobsConnection;
  /** How often an idle queue is polled. */
  pollSeconds?: number;
  /** Errors of the worker itself (not of a job: those are retried and kept in the job's state). */
  onError?: (error: unknown) => void;
  /** Run the queues' cron schedules (the notification sweep and digest). Off in tests that do not need them. */
  schedule?: boolean;
};

export type Worker = { boss: PgBoss; stop(): Promise<void> };

export async function startWorker(db: Db, options: WorkerOptions): Promise<Worker> {
  const base = { migrate: false, schedule: options.schedule ?? false, supervise: true, maintenanceIntervalSeconds: 300 } as const;
  const boss =
    options.connection.kind === "pglite"
      ? new PgBoss({ ...base, db: pgliteExecutor(options.connection.pglite) })
      : new PgBoss({ ...base, connectionString: options.connection.url, max: 2, application_name: "waypoint-worker" });
  boss.on("error", options.onError ?? ((error) => console.error("[jobs]", error)));
  await boss.start();
  const pollingIntervalSeconds = options.pollSeconds ?? 2;
  for (const key of Object.keys(QUEUES) as QueueKey[]) {
    const queue: { name: string; batchSize?: number; cron?: string } = QUEUES[key];
    // A batch runs its jobs at once; one that throws fails the batch, and each job is retried
    // (handlers are idempotent: a delivery already made is not made again). After a full batch more
    // are likely waiting: fetch again at once rather than after the polling interval.
    const batchSize = queue.batchSize ?? 1;
    let workerId: string | null = null;
    workerId = await boss.work(queue.name, { batchSize, pollingIntervalSeconds }, async (jobs) => {
      const results = await Promise.all(jobs.map((job) => HANDLERS[key](db, job.data)));
      if (workerId && jobs.length === batchSize) boss.notifyWorker(workerId);
      return results;
    });
    if (options.schedule && queue.cron) await boss.schedule(queue.name, queue.cron, {}, { tz: "UTC" });
  }
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
