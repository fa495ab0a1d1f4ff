// Crash safety of real instances: `kill -9` of `waypoint serve` while it commits a large import
// (20,000 routes, one transaction) and while it applies a bulk update (1,000 routes, all or
// nothing), on PostgreSQL and on PGlite (embedded, a temporary data folder). After each kill the
// instance is started again exactly as before — no manual step — and the data must hold all of
// the write or none of it; on PGlite the data folder must open and the dead process's lock must be
// taken over.
//
// How a kill is known to land inside the write: on PostgreSQL the server's own pg_stat_activity
// shows the instance's transaction open at the moment of the kill; on PGlite the data folder's
// write-ahead log grows after the request was sent. In both cases the request gets no answer. A
// commit that races the kill (applied, but never answered) is allowed; all-or-none is not negotiable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  kill9,
  requireBuild,
  requirePostgres,
  scratchDatabase,
  seedProject,
  setUpTenant,
  sleep,
  sql,
  startInstance,
  stop,
  stopAll,
  cli,
  type Instance,
} from "./harness";

const ROUTES = 20_000;
const HALF = ROUTES / 2; // list totals are exact up to 10,000: each half is counted on its own
const BULK = 1_000;

/** A CSV of new routes, half under /crash-a/, half under /crash-b/. */
function routesCsv(): string {
  const lines = ["method,path,handler,traffic_per_day"];
  for (let i = 0; i < ROUTES; i++) lines.push(`GET,/crash-${i < HALF ? "a" : "b"}/r${i}/{id},crash.views.r${i},${i % 500}`);
  return lines.join("\n") + "\n";
}

type Setup = { instance: Instance; token: string; projectId: string; env: Record<string, string>; port: number };

async function projectIdOf(instance: Instance, token: string): Promise<string> {
  const answer = await call(instance.base, "GET", "/api/v1/projects", { token });
  expect(answer.status, answer.body).toBe(200);
  return answer.json().data[0].id;
}

/** Routes of the project whose key contains `q` (and with `status`), as the API counts them. */
async function count(s: Setup, q: string, status?: string): Promise<number> {
  const answer = await call(
    s.instance.base,
    "GET",
    `/api/v1/projects/${s.projectId}/routes?limit=1&q=${encodeURIComponent(q)}${status ? `&status=${status}` : ""}`,
    { token: s.token },
  );
  expect(answer.status, answer.body).toBe(200);
  expect(answer.json().totalIsCapped).toBe(false);
  return answer.json().total;
}

async function preview(s: Setup): Promise<string> {
  const answer = await call(s.instance.base, "POST", `/api/v1/projects/${s.projectId}/imports?format=csv&kind=routes&fileName=crash-routes.csv`, {
    token: s.token,
    body: routesCsv(),
    contentType: "text/csv",
  });
  expect(answer.status, answer.body.slice(0, 500)).toBe(201);
  expect(answer.json().summary.new).toBe(ROUTES);
  return answer.json().id;
}

async function importStatus(s: Setup, importId: string): Promise<string> {
  const answer = await call(s.instance.base, "GET", `/api/v1/projects/${s.projectId}/imports/${importId}`, { token: s.token });
  expect(answer.status, answer.body).toBe(200);
  return answer.json().status;
}

async function routeIds(s: Setup, q: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  while (ids.length < n) {
    const answer = await call(
      s.instance.base,
      "GET",
      `/api/v1/projects/${s.projectId}/routes?limit=100&q=${encodeURIComponent(q)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { token: s.token },
    );
    expect(answer.status, answer.body).toBe(200);
    ids.push(...answer.json().data.map((r: { id: string }) => r.id));
    cursor = answer.json().nextCursor;
    if (!cursor) break;
  }
  return ids.slice(0, n);
}

type Kill = { delayMs: number; answer: number; inFlight: boolean; msAfterSend: number; applied?: boolean };

/**
 * Sends a write, waits until `writing()` says the database is inside it (or the answer came), waits
 * `delayMs` more and kills the instance with SIGKILL. Answers what the client saw.
 */
async function killDuring(s: Setup, send: () => Promise<{ status: number }>, writing: () => Promise<boolean>, delayMs: number): Promise<Kill> {
  const started = performance.now();
  let answered = false;
  const request = send().then((a) => {
    answered = true;
    return a;
  });
  let inFlight = false;
  const deadline = started + 120_000;
  while (!answered && performance.now() < deadline) {
    if (await writing()) {
      inFlight = true;
      break;
    }
    await sleep(5);
  }
  if (delayMs) await sleep(delayMs);
  inFlight &&= !answered;
  const msAfterSend = Math.round(performance.now() - started);
  await kill9(s.instance);
  const answer = (await request).status;
  return { delayMs, answer, inFlight, msAfterSend };
}

async function restart(s: Setup) {
  s.instance = await startInstance(s.instance.name, s.env, s.port);
}

/** The import crash, then the bulk-update crash, on one instance; `writing` tells when the database is inside a write. */
async function crashScenarios(s: Setup, writing: () => Promise<boolean>, afterKill: () => void | Promise<void>, label: string) {
  // --- a large import's commit ---
  const importId = await preview(s);
  const kills: Kill[] = [];
  for (const delayMs of [50, 200, 600, 1500]) {
    const kill = await killDuring(
      s,
      () => call(s.instance.base, "POST", `/api/v1/projects/${s.projectId}/imports/${importId}/commit`, { token: s.token }),
      writing,
      delayMs,
    );
    kills.push(kill);
    await afterKill();
    await restart(s);
    const [a, b] = [await count(s, "/crash-a/"), await count(s, "/crash-b/")];
    const status = await importStatus(s, importId);
    console.log(
      `[${label}] import commit killed ${kill.msAfterSend} ms after sending (${kill.inFlight ? `${kill.delayMs} ms after the write began` : "write not seen"}): answer ${kill.answer || "none"}, after restart ${a + b} of ${ROUTES} routes, import ${status}`,
    );
    // All or none, and the batch's status says which.
    expect([a, b]).toEqual(status === "COMMITTED" ? [HALF, HALF] : [0, 0]);
    kill.applied = status === "COMMITTED";
    if (kill.applied) break;
  }
  // A kill that lands between the server's COMMIT and the answer leaves the import applied with no
  // answer — that is allowed. What must be seen at least once is a kill inside the transaction
  // that left nothing behind.
  expect(
    kills.some((k) => k.inFlight && k.answer === 0 && !k.applied),
    `no kill landed inside the commit's transaction: ${JSON.stringify(kills)}`,
  ).toBe(true);
  if ((await importStatus(s, importId)) === "PREVIEW") {
    const commit = await call(s.instance.base, "POST", `/api/v1/projects/${s.projectId}/imports/${importId}/commit`, { token: s.token });
    expect(commit.status, commit.body.slice(0, 300)).toBe(200);
  }
  expect([await count(s, "/crash-a/"), await count(s, "/crash-b/")]).toEqual([HALF, HALF]);

  // --- a bulk update of 1,000 routes ---
  // Each attempt moves the routes to the other status than the one they hold, so every attempt
  // can tell whether it was applied.
  const ids = await routeIds(s, "/crash-a/", BULK);
  expect(ids.length).toBe(BULK);
  const bulkKills: Kill[] = [];
  let target: "IN_PROGRESS" | "NOT_STARTED" = "IN_PROGRESS";
  const rolledBack = (k: Kill) => k.inFlight && k.answer === 0 && !k.applied;
  for (const delayMs of [0, 20, 60, 150, 400, 0, 20]) {
    const kill = await killDuring(
      s,
      () =>
        call(s.instance.base, "PATCH", `/api/v1/projects/${s.projectId}/routes/bulk`, {
          token: s.token,
          body: JSON.stringify({ ids, set: { status: target } }),
        }),
      writing,
      delayMs,
    );
    bulkKills.push(kill);
    await afterKill();
    await restart(s);
    const inProgress = await count(s, "/crash-a/", "IN_PROGRESS");
    expect([0, BULK], "all or none of the bulk update").toContain(inProgress);
    kill.applied = inProgress === (target === "IN_PROGRESS" ? BULK : 0);
    console.log(
      `[${label}] bulk update to ${target} killed ${kill.msAfterSend} ms after sending (${kill.inFlight ? `${kill.delayMs} ms after the write began` : "write not seen"}): answer ${kill.answer || "none"}, after restart ${kill.applied ? "applied" : "not applied"}`,
    );
    if (kill.applied) target = target === "IN_PROGRESS" ? "NOT_STARTED" : "IN_PROGRESS";
    const unanswered = bulkKills.some((k) => k.answer === 0);
    if (unanswered && (label !== "PostgreSQL" || bulkKills.some(rolledBack))) break;
  }
  expect(
    bulkKills.some((k) => k.answer === 0),
    `every bulk update answered before the kill: ${JSON.stringify(bulkKills)}`,
  ).toBe(true);
  // On PostgreSQL the server shows when the transaction is open, so a kill inside it that left
  // nothing behind must be among the attempts (a commit that races the kill is allowed).
  if (label === "PostgreSQL")
    expect(bulkKills.some(rolledBack), `no kill landed inside the bulk update's transaction: ${JSON.stringify(bulkKills)}`).toBe(true);
  const bulk = await call(s.instance.base, "PATCH", `/api/v1/projects/${s.projectId}/routes/bulk`, {
    token: s.token,
    body: JSON.stringify({ ids, set: { status: "IN_PROGRESS" } }),
  });
  expect(bulk.status, bulk.body).toBe(200);
  expect(await count(s, "/crash-a/", "IN_PROGRESS")).toBe(BULK);
}

beforeAll(() => {
  requireBuild();
});

afterAll(async () => {
  await stopAll();
}, 60_000);

describe("kill -9 mid-write on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  afterAll(async () => {
    await stopAll();
    await database?.drop();
  });

  it("leaves an import and a bulk update all there or not at all, and the instance restarts", async () => {
    await requirePostgres();
    database = await scratchDatabase("waypoint_crash");
    const env = { DATABASE_URL: database.url, NEXTAUTH_SECRET: "crash-test-secret-not-used-for-anything-else" };
    const { orgSlug } = setUpTenant(env, "crashpg");
    const { token } = seedProject(env, orgSlug);
    const instance = await startInstance("PostgreSQL instance", env);
    const s: Setup = { instance, token, env, port: instance.port, projectId: await projectIdOf(instance, token) };
    // Inside a write: one of the instance's connections has a transaction open that has written (backend_xid).
    const writing = async () =>
      (
        await sql<{ n: number }>(
          database.url,
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
          [database.name],
        )
      )[0].n > 0;
    await crashScenarios(s, writing, () => undefined, "PostgreSQL");
    await stop(s.instance);
  }, 600_000);
});

describe("kill -9 mid-write on PGlite", () => {
  let dir: string;
  afterAll(async () => {
    await stopAll();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("leaves an import and a bulk update all there or not at all; the folder opens and its lock is taken over", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-crash-"));
    const env = { WAYPOINT_DATA_DIR: dir, NEXTAUTH_SECRET: "crash-test-secret-not-used-for-anything-else" };
    cli(["migrate"], env);
    const { orgSlug } = setUpTenant(env, "crashlite");
    const { token } = seedProject(env, orgSlug);
    const instance = await startInstance("PGlite instance", env);
    const s: Setup = { instance, token, env, port: instance.port, projectId: await projectIdOf(instance, token) };
    const lockFile = path.join(dir, "waypoint.lock");
    // Inside a write: the write-ahead log changed since the request was sent.
    let walMark = "";
    const wal = () => {
      const walDir = fs.existsSync(path.join(dir, "pg_wal")) ? path.join(dir, "pg_wal") : dir;
      return fs
        .readdirSync(walDir)
        .filter((f) => /^[0-9A-F]{24}$/.test(f))
        .map((f) => `${f}:${fs.statSync(path.join(walDir, f)).mtimeMs}:${fs.statSync(path.join(walDir, f)).size}`)
        .sort()
        .join(",");
    };
    let first = true;
    const writing = async () => {
      if (first) {
        walMark = wal();
        first = false;
        return false;
      }
      return wal() !== walMark;
    };
    const afterKill = () => {
      first = true;
      // The dead process's lock is still there: the restart must take it over by itself.
      const lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));
      expect(lock.pid).not.toBe(process.pid);
      expect(() => process.kill(lock.pid, 0)).toThrow();
    };
    await crashScenarios(s, writing, afterKill, "PGlite");
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid).toBe(s.instance.child.pid);
    await stop(s.instance);
    expect(fs.existsSync(lockFile), "a clean stop releases the lock").toBe(false);
  }, 900_000);
});
