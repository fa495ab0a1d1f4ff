/**
 * `waypoint smoke` and `waypoint replay` run for real: against two local HTTP servers (legacy and
 * new, with a seeded difference, a noisy timestamp and a hanging route), with the routes and the
 * evidence going through a stand-in of Waypoint's API over HTTP — or in memory. Then the gates
 * judge the evidence recorded.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { smokeCommand } from "@/lib/cli/smoke-command";
import { replayCommand } from "@/lib/cli/replay-command";
import { CliError } from "@/lib/cli/cli-error";
import { WaypointApi, type EvidenceSink, type SmokeSource } from "@/lib/evidence/client";
import { evaluateGate, gateConfigSchema, gateFor, type GateEvidence } from "@/lib/evidence/gates";
import { junitToEvidence, parseJunit } from "@/lib/evidence/junit";
import { httpRequest } from "@/lib/evidence/http";
import { evidenceRecordSchema, type EvidenceRecord, type EvidenceRecordInput } from "@/lib/evidence/schemas";
import { accessLogLines, ROUTES, startApi, startLegacy, startNew, type Running } from "../../helpers/evidence-servers";

const TOKEN = "wp_test_token";
let legacy: Running;
let fresh: Running;
let api: Awaited<ReturnType<typeof startApi>>;
let dir: string;
let logFile: string;

beforeAll(async () => {
  [legacy, fresh, api] = await Promise.all([startLegacy(), startNew(), startApi({ projectId: "p1", token: TOKEN, routes: ROUTES })]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-evidence-"));
  logFile = path.join(dir, "access.log.gz"); // gzip, found by its magic bytes whatever the name
  fs.writeFileSync(logFile, gzipSync(accessLogLines().join("\n") + "\n"));
});

afterAll(async () => {
  await Promise.all([legacy?.close(), fresh?.close(), api?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** In-memory ends, and what the command printed. */
function memory(routes = ROUTES) {
  const records: EvidenceRecordInput[] = [];
  const out: string[] = [];
  const source: SmokeSource = { routes: async () => routes };
  const sink: EvidenceSink = {
    async post(batch) {
      records.push(...batch);
      return { accepted: batch.length };
    },
  };
  return { records, out, deps: { source, sink, print: (l: string) => out.push(l), warn: (l: string) => out.push(l), env: {} } };
}

const byItem = (records: readonly EvidenceRecordInput[], id: string) => records.filter((r) => r.items.some((i) => "id" in i && i.id === id));

describe("waypoint smoke", () => {
  test("requests every GET route as every profile, with paths from the log, and records one result each", async () => {
    const m = memory();
    const code = await smokeCommand(
      [
        "--project",
        "p1",
        "--base-url",
        fresh.url,
        "--profile",
        "anonymous",
        "--profile",
        "patron:cookie=session=abc",
        "--log",
        logFile,
        "--timeout",
        "0.5",
        "--concurrency",
        "4",
      ],
      m.deps,
    );
    expect(code).toBe(1); // /reports/<id> hangs on the new side
    // 6 GET routes with a path (the /teams route has no example: skipped) × 2 profiles
    expect(m.records).toHaveLength(12);
    for (const r of m.records) expect(evidenceRecordSchema.safeParse(r).success).toBe(true);
    const conclusions = Object.fromEntries(m.records.map((r) => [`${(r.items[0] as { id: string }).id} ${r.profile}`, r.conclusion]));
    expect(conclusions).toEqual({
      "r-about anonymous": "success",
      "r-about patron": "success",
      "r-users anonymous": "success",
      "r-users patron": "success",
      "r-orders anonymous": "success",
      "r-orders patron": "success",
      "r-news anonymous": "success",
      "r-news patron": "success",
      "r-private anonymous": "success", // a redirect to sign in is what anonymous should get
      "r-private patron": "success",
      "r-reports anonymous": "failure",
      "r-reports patron": "failure",
    });
    expect(byItem(m.records, "r-reports")[0].summary).toMatch(
      /^GET \/reports\/1 as anonymous on http:\/\/127\.0\.0\.1:\d+: no answer within 0\.5 s \(expected 200\|301\|302\|303\|307\|308\)/,
    );
    // The example came from the log (the matcher's choice), without its query string.
    expect(fresh.requests).toContain("GET /orders/1");
    const table = m.out.join("\n");
    expect(table).toMatch(/^result +route +profile +path +status +expected +ms/);
    expect(table).toMatch(/FAIL +GET \/reports\/<int:id> +anonymous +\/reports\/1 +no answer within 0\.5 s/);
    expect(table).toContain("skipped  GET /teams/<slug:slug>: no example path");
    expect(table).toContain("12 checks: 10 passed, 2 failed; 1 route skipped.");
    // The patron's cookie is sent, never printed.
    expect(table).not.toContain("session=abc");
  });

  test("an expectation per profile; only the routes asked for", async () => {
    const m = memory();
    const code = await smokeCommand(
      ["--project", "p1", "--base-url", fresh.url, "--profile", "anonymous", "--expect", "anonymous=200", "--routes", "GET /about,GET /private"],
      m.deps,
    );
    expect(code).toBe(1);
    expect(m.records.map((r) => [r.items, r.conclusion, r.metrics?.status])).toEqual([
      [[{ id: "r-about" }], "success", 200],
      [[{ id: "r-private" }], "failure", 302],
    ]);
  });

  test.each([
    [["--routes", "GET /nope"], '--routes: no such route in the project: "GET /nope".'],
    [["--profile", "patron:token=1"], "--profile patron: after the name comes cookie=… or header=Name:value."],
    [["--expect", "admin=200"], "--expect admin=200: there is no --profile admin."],
    [["--timeout", "0"], "--timeout is a number from 0.1 to 600"],
  ])("refuses %j", async (extra, message) => {
    const m = memory();
    const run = smokeCommand(["--project", "p1", "--base-url", fresh.url, ...extra], m.deps);
    await expect(run).rejects.toBeInstanceOf(CliError);
    await expect(run).rejects.toThrow(message);
    expect(m.records).toEqual([]);
  });

  test("through Waypoint's API over HTTP: routes read page by page, evidence posted in a batch with the token", async () => {
    const out: string[] = [];
    const code = await smokeCommand(
      [
        "--project",
        "p1",
        "--base-url",
        fresh.url,
        "--url",
        api.url,
        "--routes",
        "GET /about,GET /news",
        "--profile",
        "anonymous",
        "--profile",
        "creator:header=Authorization:Bearer xyz",
      ],
      {
        print: (l) => out.push(l),
        env: { WAYPOINT_TOKEN: TOKEN },
      },
    );
    expect(code).toBe(0);
    expect(api.requests.filter((r) => r.startsWith("GET /api/v1/projects/p1/routes"))).toHaveLength(3); // 8 routes, 3 a page
    expect(api.posted.map((r) => [r.items, r.profile, r.conclusion])).toEqual([
      [[{ id: "r-about" }], "anonymous", "success"],
      [[{ id: "r-about" }], "creator", "success"],
      [[{ id: "r-news" }], "anonymous", "success"],
      [[{ id: "r-news" }], "creator", "success"],
    ]);
    expect(out.at(-1)).toBe("Recorded 4 evidence records.");
  });

  test("more records than a batch holds go in several batches; a bad record is refused before anything is sent", async () => {
    const client = new WaypointApi({ url: `${api.url}/`, projectId: "p1", token: TOKEN });
    const record = (i: number): EvidenceRecordInput => ({
      name: "smoke",
      kind: "smoke",
      conclusion: "success",
      items: [{ key: "GET /about" }],
      externalId: `bulk-${i}`,
    });
    const before = api.batches.length;
    expect(await client.post(Array.from({ length: 1201 }, (_, i) => record(i)))).toEqual({ accepted: 1201 });
    expect(api.batches.slice(before)).toEqual([500, 500, 201]);
    await expect(client.post([{ ...record(0), detailsUrl: "file:///etc/passwd" }])).rejects.toThrow(
      "A record to post is invalid (records.0.detailsUrl: detailsUrl must be an http(s) URL.).",
    );
    expect(api.batches.length).toBe(before + 3);
  });

  test("a wrong token is a clear error, and nothing is requested from the site", async () => {
    const before = fresh.requests.length;
    const run = smokeCommand(["--project", "p1", "--base-url", fresh.url, "--url", api.url, "--token", "wrong"], { print: () => {}, env: {} });
    await expect(run).rejects.toThrow(
      /^reading the routes failed: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/projects\/p1\/routes\?limit=100&sort=key answered 401: A valid API token is required\.$/,
    );
    expect(fresh.requests.length).toBe(before);
  });
});

describe("waypoint replay", () => {
  let records: EvidenceRecord[];
  let out: string[];
  let code: number;

  beforeAll(async () => {
    const m = memory();
    code = await replayCommand(
      ["--project", "p1", "--log", logFile, "--legacy", legacy.url, "--new", fresh.url, "--sample", "200", "--seed", "7", "--timeout", "0.5"],
      m.deps,
    );
    records = m.records.map((r) => evidenceRecordSchema.parse(r));
    out = m.out;
    if (process.env.SHOW_OUTPUT) console.log(out.join("\n"), JSON.stringify(records, null, 1));
  });

  test("records one result per route compared; the seeded difference fails, the noisy timestamp does not count", () => {
    expect(code).toBe(1);
    const byId = Object.fromEntries(records.map((r) => [(r.items[0] as { id: string }).id, r]));
    expect(Object.keys(byId).sort()).toEqual(["r-about", "r-news", "r-orders", "r-users"]);
    expect(byId["r-users"]).toMatchObject({
      kind: "replay",
      conclusion: "success",
      measured: { value: 0, unit: "%", threshold: 1, comparison: "<=", sampleSize: 30 },
    });
    expect(byId["r-users"].summary).toContain("Legacy changes by itself (not counted): $.generatedAt.");
    expect(byId["r-users"].metrics).toMatchObject({ sampled: 30, compared: 30, mismatches: 0, withinNoise: 30 });
    expect(byId["r-news"]).toMatchObject({ conclusion: "success", measured: { value: 0, sampleSize: 10 } });
    expect(byId["r-orders"]).toMatchObject({ conclusion: "failure", measured: { value: 100, sampleSize: 20 } });
    expect(byId["r-orders"].summary).toMatch(/Worst examples:\n- GET \/orders\/\d+\?ref=mail: \$\.total: 10 → 11/);
    expect(byId["r-about"]).toMatchObject({ conclusion: "success", measured: { value: 0, sampleSize: 10 } });
  });

  test("the hanging route times out, is reported, and nothing is recorded for it", () => {
    expect(records.some((r) => r.items.some((i) => "id" in i && i.id === "r-reports"))).toBe(false);
    const text = out.join("\n");
    expect(text).toMatch(/NOT RUN +GET \/reports\/<int:id> +4 +0 +– +0 +4/);
    expect(text).toContain("GET /reports/<int:id>: nothing compared: new: no answer within 0.5 s");
    expect(text).toContain("replay: 1 route could not be compared; nothing is recorded for it.");
  });

  test("never replays a write: POST lines are not sampled, and asking for them is refused", async () => {
    expect(legacy.requests.some((r) => r.startsWith("POST"))).toBe(false);
    const m = memory();
    const run = replayCommand(["--project", "p1", "--log", logFile, "--legacy", legacy.url, "--new", fresh.url, "--methods", "GET,POST"], m.deps);
    await expect(run).rejects.toThrow(/^POST is not safe to replay/);
  });

  test("warns that the new side should use a read-only database user", () => {
    expect(out[0]).toMatch(/Run the new side with a read-only database user\.$/);
  });

  test("the same seed samples the same requests", async () => {
    const again = memory();
    await replayCommand(
      [
        "--project",
        "p1",
        "--log",
        logFile,
        "--legacy",
        legacy.url,
        "--new",
        fresh.url,
        "--sample",
        "9",
        "--seed",
        "3",
        "--routes",
        "GET /users/<int:id>,GET /orders/<int:id>",
        "--dry-run",
      ],
      again.deps,
    );
    const first = legacy.requests.slice(-18);
    await replayCommand(
      [
        "--project",
        "p1",
        "--log",
        logFile,
        "--legacy",
        legacy.url,
        "--new",
        fresh.url,
        "--sample",
        "9",
        "--seed",
        "3",
        "--routes",
        "GET /users/<int:id>,GET /orders/<int:id>",
        "--dry-run",
      ],
      memory().deps,
    );
    expect(legacy.requests.slice(-18).sort()).toEqual([...first].sort());
    expect(again.records).toEqual([]);
    expect(again.out.at(-1)).toBe("Dry run: 2 evidence records not posted.");
  });
});

describe("one request", () => {
  test("keeps at most maxBodyBytes of the body and says it cut it", async () => {
    const answer = await httpRequest(`${legacy.url}/about`, { timeoutMs: 2000, maxBodyBytes: 10 });
    expect(answer).toMatchObject({ ok: true, status: 200, truncated: true, contentType: "text/html; charset=utf-8" });
    expect(answer.ok && answer.body.toString()).toBe("<html>\n<h1");
  });

  test("a refused connection and a hanging server are results, not exceptions", async () => {
    const closed = await startLegacy();
    await closed.close();
    expect(await httpRequest(`${closed.url}/about`, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: "connection",
      message: expect.stringContaining("ECONNREFUSED"),
    });
    expect(await httpRequest(`${fresh.url}/reports/1`, { timeoutMs: 200 })).toMatchObject({ ok: false, error: "timeout", message: "no answer within 0.2 s" });
  });

  test("a smoke check against a stack that is down fails with the reason", async () => {
    const closed = await startNew();
    await closed.close();
    const m = memory();
    expect(await smokeCommand(["--project", "p1", "--base-url", closed.url, "--routes", "GET /about"], m.deps)).toBe(1);
    expect(m.records[0]).toMatchObject({
      conclusion: "failure",
      summary: expect.stringMatching(/: connection failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\) \(expected/),
    });
  });
});

describe("the gate, before and after the evidence", () => {
  // The commands stamp their records with the (pinned) clock; the gate is judged at that instant.
  const NOW = new Date();
  const gate = gateFor(
    gateConfigSchema.parse({
      profiles: ["anonymous", "patron"],
      verified: [
        { kind: "tests", maxAgeDays: 7 },
        { kind: "smoke", everyProfile: true, maxAgeDays: 7 },
        { kind: "replay", maxMismatchPercent: 1, minRequests: 10 },
      ],
    }),
    "verified",
  );
  const asGateEvidence = (r: EvidenceRecordInput): GateEvidence => {
    const parsed = evidenceRecordSchema.parse(r);
    return { ...parsed, observedAt: parsed.observedAt ?? NOW.toISOString() };
  };

  test("refuses /users/<id> without evidence, accepts it once smoke, replay and tests are in; keeps refusing /orders/<id>", async () => {
    expect(evaluateGate(gate, [], NOW).missing.map((m) => m.reason)).toEqual([
      "no tests evidence yet",
      "no smoke evidence as profile anonymous",
      "no smoke evidence as profile patron",
      "no replay evidence yet",
    ]);

    const smoke = memory();
    await smokeCommand(
      [
        "--project",
        "p1",
        "--base-url",
        fresh.url,
        "--profile",
        "anonymous",
        "--profile",
        "patron:cookie=session=abc",
        "--log",
        logFile,
        "--routes",
        "GET /users/<int:id>,GET /orders/<int:id>",
      ],
      smoke.deps,
    );
    const replay = memory();
    await replayCommand(
      ["--project", "p1", "--log", logFile, "--legacy", legacy.url, "--new", fresh.url, "--routes", "GET /users/<int:id>,GET /orders/<int:id>"],
      replay.deps,
    );
    const junit = junitToEvidence(parseJunit(fs.readFileSync(path.resolve(import.meta.dirname, "../../fixtures/evidence/junit/pytest.xml"), "utf8")), {
      name: "backend tests",
      items: [{ pattern: "GET /*" }],
      observedAt: NOW.toISOString(),
    });

    const forItem = (id: string) => [...byItem(smoke.records, id), ...byItem(replay.records, id), junit].map(asGateEvidence);
    const users = evaluateGate(gate, forItem("r-users"), NOW);
    expect(users).toEqual({ met: true, missing: [] });
    const orders = evaluateGate(gate, forItem("r-orders"), NOW);
    expect(orders.met).toBe(false);
    expect(orders.missing.map((m) => m.reason)).toEqual([
      `the latest replay "replay" failed (${NOW.toISOString().slice(0, 10)}; measured 100 % against ≤ 1 %, over 20)`,
    ]);
  });
});
