// The job queue across real instances (`waypoint serve`, production build; each runs a worker):
// two instances on one PostgreSQL carry out planned switches exactly once between them, and a
// server killed with SIGKILL while switches are queued carries them out after it is started again
// — on PostgreSQL and on the embedded database. Nobody reads the ledger meanwhile (a ledger read
// would run due switches itself): the item's state is read from the routes list.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  cli,
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
  type Instance,
} from "./harness";

beforeAll(() => {
  requireBuild();
});

afterAll(async () => {
  await stopAll();
}, 60_000);

type Setup = { token: string; projectId: string };

async function prepare(instance: Instance, token: string): Promise<Setup> {
  const projects = await call(instance.base, "GET", "/api/v1/projects", { token });
  expect(projects.status, projects.body).toBe(200);
  const projectId = projects.json().data[0].id as string;
  const settings = await call(instance.base, "PATCH", `/api/v1/projects/${projectId}/cutover/settings`, {
    token,
    body: JSON.stringify({ legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" }),
  });
  expect(settings.status, settings.body).toBe(200);
  return { token, projectId };
}

async function routes(instance: Instance, s: Setup, n: number): Promise<{ id: string; servedBy: string }[]> {
  const answer = await call(instance.base, "GET", `/api/v1/projects/${s.projectId}/routes?limit=${n}&sort=key`, { token: s.token });
  expect(answer.status, answer.body).toBe(200);
  return answer.json().data;
}

async function plan(instance: Instance, s: Setup, itemId: string, at: Date) {
  const answer = await call(instance.base, "POST", `/api/v1/projects/${s.projectId}/cutover/scheduled`, {
    token: s.token,
    body: JSON.stringify({ itemId, target: { to: "shadow" }, reason: "planned by the jobs test", at: at.toISOString() }),
  });
  expect(answer.status, answer.body).toBe(201);
}

async function waitForShadow(instance: Instance, s: Setup, ids: string[], ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const rows = await routes(instance, s, 100);
    const states = ids.map((id) => rows.find((r) => r.id === id)?.servedBy);
    if (states.every((x) => x === "SHADOW")) return;
    if (Date.now() > deadline) throw new Error(`Not switched within ${ms} ms: ${JSON.stringify(states)}\n${instance.output.slice(-2000)}`);
    await sleep(250);
  }
}

describe("jobs on two instances of one PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  afterAll(async () => {
    await stopAll();
    await database?.drop();
  });

  it("carries out each planned switch exactly once between them", async () => {
    await requirePostgres();
    database = await scratchDatabase("waypoint_jobs");
    const env = { DATABASE_URL: database.url, NEXTAUTH_SECRET: "jobs-test-secret-not-used-for-anything-else" };
    const { orgSlug } = setUpTenant(env, "jobspg");
    const { token } = seedProject(env, orgSlug);
    const [A, B] = await Promise.all([startInstance("instance A", env), startInstance("instance B", env)]);
    const s = await prepare(A, token);
    const targets = (await routes(A, s, 6)).map((r) => r.id);
    const at = new Date(Date.now() + 5_000);
    for (const [i, id] of targets.entries()) await plan(i % 2 ? B : A, s, id, at);
    await waitForShadow(B, s, targets, 60_000);

    const switches = await sql<{ itemId: string; n: number }>(
      database.url,
      `SELECT "itemId", count(*)::int AS n FROM "TrafficSwitch" WHERE kind = 'scheduled' GROUP BY "itemId"`,
    );
    expect(switches.map((r) => r.n).sort()).toEqual(targets.map(() => 1));
    const planned = await sql<{ status: string; n: number }>(database.url, `SELECT status, count(*)::int AS n FROM "ScheduledSwitch" GROUP BY status`);
    expect(planned).toEqual([{ status: "done", n: targets.length }]);
    // One job per plan, each completed (the first one due may carry out the others: they then find
    // nothing left to do). No switch ran twice, whichever instance ran which job.
    const jobs = () =>
      sql<{ state: string }>(database.url, `SELECT state::text AS state FROM pgboss.job WHERE name = 'cutover.scheduled-switch' ORDER BY state`);
    const deadline = Date.now() + 30_000;
    while ((await jobs()).some((j) => j.state !== "completed") && Date.now() < deadline) await sleep(250);
    expect((await jobs()).map((j) => j.state)).toEqual(targets.map(() => "completed"));
    await Promise.all([stop(A), stop(B)]);
  }, 240_000);
});

describe("a killed server resumes its queued jobs on restart", () => {
  const dirs: string[] = [];
  let database: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  afterAll(async () => {
    await stopAll();
    await database?.drop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function scenario(env: Record<string, string>, tag: string) {
    const { orgSlug } = setUpTenant(env, tag);
    const { token } = seedProject(env, orgSlug);
    let instance = await startInstance(`${tag} instance`, env);
    const s = await prepare(instance, token);
    const [target] = (await routes(instance, s, 1)).map((r) => r.id);
    await plan(instance, s, target, new Date(Date.now() + 4_000));
    await kill9(instance);
    await sleep(6_000); // past its time, with no server running
    instance = await startInstance(`${tag} instance, restarted`, env, instance.port);
    await waitForShadow(instance, s, [target], 60_000);
    await stop(instance);
  }

  it("on PostgreSQL", async () => {
    await requirePostgres();
    database = await scratchDatabase("waypoint_jobs_kill");
    await scenario({ DATABASE_URL: database.url, NEXTAUTH_SECRET: "jobs-test-secret-not-used-for-anything-else" }, "jobskillpg");
  }, 240_000);

  it("on the embedded database", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-jobs-"));
    dirs.push(dir);
    const env = { WAYPOINT_DATA_DIR: dir, NEXTAUTH_SECRET: "jobs-test-secret-not-used-for-anything-else" };
    cli(["migrate"], env);
    await scenario(env, "jobskilllite");
  }, 240_000);
});
