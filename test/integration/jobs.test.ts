/**
 * Issue 17, the job queue (pg-boss over the same database): jobs are enqueued in the transaction
 * of the change (a rolled-back change leaves no job), the worker carries out a planned switch at
 * its time, and the database's queues are the ones lib/jobs/queues.ts names.
 */
import { afterEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { jobsConnection } from "../setup/database";
import { createItem } from "@/lib/inventory/items";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { listSwitches } from "@/lib/cutover/history";
import { scheduleSwitch } from "@/lib/cutover/scheduled";
import { enqueue } from "@/lib/jobs/enqueue";
import { QUEUES } from "@/lib/jobs/queues";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { until } from "../helpers/wait";
import { codeOf } from "../helpers/errors";
import { newMember } from "../helpers/factories";
import { jobOverview } from "@/lib/jobs/overview";

let worker: Worker | null = null;
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

type JobRow = { name: string; state: string; data: Record<string, unknown>; start_after: Date; retry_count: number };
const jobs = async (db: Awaited<ReturnType<typeof testDb>>, name: string) =>
  db.$queryRawUnsafe<JobRow[]>(`SELECT name, state::text AS state, data, start_after, retry_count FROM pgboss.job WHERE name = $1 ORDER BY created_on`, name);

describe("the job queue", () => {
  test("the database holds exactly the queues of lib/jobs/queues.ts, with their retry policy", async () => {
    const db = await testDb();
    const rows = await db.$queryRawUnsafe<{ name: string; retry_limit: number; retry_delay: number; retry_backoff: boolean; expire_seconds: number }[]>(
      `SELECT name, retry_limit, retry_delay, retry_backoff, expire_seconds FROM pgboss.queue ORDER BY name`,
    );
    expect(rows).toEqual(
      Object.values(QUEUES)
        .map((q) => ({
          name: q.name,
          retry_limit: q.options.retryLimit,
          retry_delay: q.options.retryDelay,
          retry_backoff: q.options.retryBackoff,
          expire_seconds: q.options.expireInSeconds,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  test("a job exists only if the change that enqueued it committed", async () => {
    const db = await testDb();
    const data = { organizationId: "org-tx-test", projectId: "p-tx-test", runAt: "2026-06-10T12:00:00Z" };
    await db
      .$transaction(async (tx) => {
        await enqueue(tx, "scheduledSwitch", data);
        throw new Error("the change fails after enqueueing");
      })
      .catch(() => undefined);
    expect((await jobs(db, QUEUES.scheduledSwitch.name)).filter((j) => j.data.projectId === "p-tx-test")).toEqual([]);
    await db.$transaction(async (tx) => {
      await enqueue(tx, "scheduledSwitch", data);
    });
    expect((await jobs(db, QUEUES.scheduledSwitch.name)).filter((j) => j.data.projectId === "p-tx-test").map((j) => j.state)).toEqual(["created"]);
  });

  test("planning a switch enqueues a job for its time; the worker carries it out then, once", async () => {
    const start = pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const r = await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/orders", trafficPerDay: 10 });
    await updateCutoverSettings(db, admin.ctx, project.id, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" });
    const planned = await scheduleSwitch(db, admin.ctx, project.id, {
      itemId: r.id,
      target: { to: "shadow" },
      reason: "shadow from noon",
      at: "2026-06-10T12:01",
    });
    const queued = (await jobs(db, QUEUES.scheduledSwitch.name)).filter((j) => j.data.projectId === project.id);
    expect(queued.map((j) => [j.state, new Date(j.start_after).toISOString()])).toEqual([["created", planned.runAt.toISOString()]]);

    worker = await startWorker(db, { connection: jobsConnection(), pollSeconds: 0.5 });
    // Before its time the worker leaves it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await db.item.findUniqueOrThrow({ where: { id: r.id } })).servedBy).toBe("LEGACY");
    // Its time comes (the clock moves; nobody reads the ledger). On a real PostgreSQL the server's
    // own clock is not the pinned one: the queue starts the job at once, the handler finds it not
    // yet due by the app's clock and fails it, and the retry (10 s later) carries it out.
    pinClock(start.getTime() + 61_000);
    await until(
      "the planned switch",
      () => db.item.findUniqueOrThrow({ where: { id: r.id } }),
      (item) => item.servedBy === "SHADOW",
    );
    await until(
      "the job to complete",
      () => jobs(db, QUEUES.scheduledSwitch.name),
      (rows) => rows.filter((j) => j.data.projectId === project.id).every((j) => j.state === "completed"),
    );
    const switches = await listSwitches(db, admin.ctx, project.id, { item: r.id });
    expect(switches.data.map((s) => [s.to, s.kind])).toEqual([["shadow", "scheduled"]]);
  }, 60_000);

  test("admins see their organisation's jobs and what failed; never another's; others may not look", async () => {
    pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const admin = await newAdmin(db);
    const other = await newAdmin(db, "Other Org");
    const eng = await newMember(db, admin.organization.id, "ENGINEER");
    await db.$transaction(async (tx) => {
      await enqueue(tx, "scheduledSwitch", { organizationId: admin.organization.id, projectId: "p1", runAt: "2026-06-10T12:00:00Z" });
      await enqueue(tx, "scheduledSwitch", { organizationId: other.organization.id, projectId: "p2", runAt: "2026-06-10T12:00:00Z" });
    });
    // A job of ours failed for good: pg-boss keeps the error as its output.
    await db.$executeRawUnsafe(
      `UPDATE pgboss.job SET state = 'failed', output = '{"message": "Switches are frozen until Friday"}'::jsonb WHERE data->>'projectId' = 'p1'`,
    );
    const ours = await jobOverview(db, admin.ctx);
    expect(ours.counts).toEqual([{ queue: QUEUES.scheduledSwitch.name, state: "failed", count: 1 }]);
    expect(ours.problems.map((p) => [p.state, p.error])).toEqual([["failed", "Switches are frozen until Friday"]]);
    expect((await jobOverview(db, other.ctx)).counts).toEqual([{ queue: QUEUES.scheduledSwitch.name, state: "created", count: 1 }]);
    expect(await codeOf(jobOverview(db, eng.ctx))).toBe("forbidden");
  });
});
