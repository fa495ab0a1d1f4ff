/**
 * 10,000 queued notifications delivered to a local receiver (issue 17): 10,000 events
 * (`notifyEvents`, 500 per transaction and call; BENCH_NOTIFY_QUEUE=single: one `notifyEvent`
 * call per event, as before the batch existed), each queued for one outbound webhook; then the job worker
 * (as `waypoint serve` runs it: batches of 20 sent at once) signs and posts them to a Node http
 * receiver in this process, which verifies every signature with the `standardwebhooks` library.
 * Measured: the time to queue, the time until the last delivery is logged, the delivery rate, and
 * for each phase apart this process's peak RSS and heap (database, worker and receiver together;
 * PGlite is in-process) and the heap still held after a full garbage collection at its end.
 * BENCH_NOTIFY_TARGET=pglite|postgres runs one database only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { Webhook } from "standardwebhooks";
import { signUp } from "@/lib/accounts/sign-up";
import { orgContextFor } from "@/lib/orgs/membership";
import { createProject } from "@/lib/projects/projects";
import { createWebhookEndpoint } from "@/lib/notifications/channels";
import { notifyEvent, notifyEvents, type EventInput } from "@/lib/notifications/notify-event";
import { startWorker } from "@/lib/jobs/worker";
import { benchTargets, openBenchDb } from "./bench-db";
import { mb, round, type Benchmark, type Figures } from "./harness";

const EVENTS = Number(process.env.BENCH_NOTIFY_EVENTS ?? 10_000);
const PER_TRANSACTION = 500;
const SINGLE = process.env.BENCH_NOTIFY_QUEUE === "single";

// A full collection on demand (the heap a phase still holds, not its garbage), without --expose-gc on the command line.
v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Peak RSS and heap used while a phase runs (sampled every 100 ms), and the heap it leaves after a full GC. */
function phaseMemory() {
  const m = process.memoryUsage();
  const startHeap = m.heapUsed;
  let peakRss = m.rss;
  let peakHeap = m.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      gc();
      const after = process.memoryUsage();
      return `${mb(peakRss)} / ${mb(peakHeap)} / ${mb(after.heapUsed)} (heap at its start ${mb(startHeap)})`;
    },
  };
}

async function receiver(secret: () => string) {
  const ids = new Set<string>();
  let requests = 0;
  let badSignatures = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      try {
        new Webhook(secret()).verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
        ids.add(String(req.headers["webhook-id"]));
        res.writeHead(204).end();
      } catch {
        badSignatures++;
        res.writeHead(400).end();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    stats: () => ({ requests, unique: ids.size, badSignatures }),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

async function runOn(target: "pglite" | "postgres"): Promise<Figures> {
  Object.assign(process.env, { WAYPOINT_SECRET_KEY: randomBytes(32).toString("base64"), WAYPOINT_ALLOW_PRIVATE_WEBHOOKS: "1" });
  const bench = await openBenchDb(target);
  let secret = "";
  const rx = await receiver(() => secret);
  try {
    const { db } = bench;
    const { user, organization } = await signUp(db, {
      name: "Bench",
      email: `bench-${randomBytes(4).toString("hex")}@example.test`,
      password: "bench-password-1",
      organizationName: "Bench",
    });
    const ctx = await orgContextFor(db, user.id, organization.slug);
    const project = await createProject(db, ctx, { name: "Bench", fromStack: "PHP", toStack: "Python" });
    secret = (await createWebhookEndpoint(db, ctx, null, { url: rx.url })).secret;

    gc();
    const queueMemory = phaseMemory();
    const queueStart = performance.now();
    for (let i = 0; i < EVENTS; i += PER_TRANSACTION) {
      const inputs: EventInput[] = [];
      for (let j = i; j < Math.min(EVENTS, i + PER_TRANSACTION); j++) {
        inputs.push({
          organizationId: organization.id,
          projectId: project.id,
          event: "import.finished",
          subjectId: `bench-${j}`,
          recipients: [],
          title: `Event ${j}`,
        });
      }
      await db.$transaction(
        async (tx) => {
          if (!SINGLE) await notifyEvents(tx, inputs);
          else for (const input of inputs) await notifyEvent(tx, input);
        },
        { timeout: 600_000 },
      );
    }
    const queueMs = performance.now() - queueStart;
    const queueMem = queueMemory.stop();
    if (process.env.BENCH_NOTIFY_SNAPSHOT)
      console.error(`  heap snapshot: ${v8.writeHeapSnapshot(`${process.env.BENCH_NOTIFY_SNAPSHOT}/after-queueing.heapsnapshot`)}`);
    console.error(`  [${bench.label}] ${EVENTS} events queued in ${round(queueMs / 1000)} s (${queueMem}); delivering…`);

    const deliverMemory = phaseMemory();
    const deliverStart = performance.now();
    let workerErrors = 0;
    const worker = await startWorker(db, { connection: bench.jobs, pollSeconds: 1, onError: () => workerErrors++ });
    let delivered = 0;
    for (;;) {
      delivered = await db.notificationDelivery.count({ where: { organizationId: organization.id, status: "delivered" } });
      console.error(`  [${bench.label}] ${delivered} delivered after ${round((performance.now() - deliverStart) / 1000)} s`);
      if (delivered >= EVENTS || performance.now() - deliverStart > 1_800_000) break;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
    const deliverMs = performance.now() - deliverStart;
    await worker.stop();
    const deliverMem = deliverMemory.stop();
    const attempts = await db.notificationAttempt.count({ where: { organizationId: organization.id } });
    const rxStats = rx.stats();
    return {
      [`${bench.label}: events queued (${SINGLE ? "notifyEvent each" : "notifyEvents"}, ${PER_TRANSACTION} per transaction)`]: `${EVENTS} in ${round(queueMs / 1000)} s (${Math.round(EVENTS / (queueMs / 1000))}/s)`,
      [`${bench.label}: delivered (logged as delivered)`]: `${delivered} in ${round(deliverMs / 1000)} s`,
      [`${bench.label}: delivery rate`]: `${Math.round(delivered / (deliverMs / 1000))}/s`,
      [`${bench.label}: receiver: requests / unique webhook-ids / bad signatures`]: `${rxStats.requests} / ${rxStats.unique} / ${rxStats.badSignatures}`,
      [`${bench.label}: attempts logged / worker errors`]: `${attempts} / ${workerErrors}`,
      [`${bench.label}: queueing: peak RSS / peak heap / heap after GC`]: queueMem,
      [`${bench.label}: delivering: peak RSS / peak heap / heap after GC`]: deliverMem,
    };
  } finally {
    await rx.close();
    await bench.close();
  }
}

export const notifications: Benchmark = {
  name: "notifications: 10,000 webhook deliveries",
  async run() {
    const figures: Figures = {};
    const only = process.env.BENCH_NOTIFY_TARGET;
    for (const target of (await benchTargets()).filter((t) => !only || t === only)) Object.assign(figures, await runOn(target));
    return figures;
  },
};
