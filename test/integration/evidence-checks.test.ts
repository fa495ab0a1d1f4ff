/**
 * Issue 16, the proof end to end: `waypoint smoke` and `waypoint replay` run against two real
 * local backends (legacy and new: a seeded difference, a noisy timestamp, a hanging route), read
 * the routes from Waypoint's real API handlers over HTTP with an evidence token, post their
 * evidence there — and the project's gates then refuse and accept on what was recorded.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { pinClock } from "../helpers/clock";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { serveApi } from "../helpers/api-server";
import { accessLogLines, startLegacy, startNew, type Running } from "../helpers/evidence-servers";
import { signIn } from "../helpers/session";
import { createItem, setItemStatus } from "@/lib/inventory/items";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { setGateConfig } from "@/lib/evidence/enforce";
import { switchRoute } from "@/lib/cutover/switch";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { smokeCommand } from "@/lib/cli/smoke-command";
import { replayCommand } from "@/lib/cli/replay-command";

const inventoryApi = await import("@/app/api/v1/projects/[projectId]/[kind]/route");
const batchApi = await import("@/app/api/v1/projects/[projectId]/evidence/batch/route");

let legacy: Running;
let fresh: Running;
let api: Awaited<ReturnType<typeof serveApi>>;
let dir: string;
let logFile: string;

beforeAll(async () => {
  [legacy, fresh, api] = await Promise.all([
    startLegacy(),
    startNew(),
    serveApi([
      { path: "/api/v1/projects/{projectId}/routes", handlers: { GET: inventoryApi.GET }, fixed: { kind: "routes" } },
      { path: "/api/v1/projects/{projectId}/evidence/batch", handlers: { POST: batchApi.POST } },
    ]),
  ]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-evidence-api-"));
  logFile = path.join(dir, "access.log");
  fs.writeFileSync(logFile, accessLogLines().join("\n") + "\n");
});

afterAll(async () => {
  await Promise.all([legacy?.close(), fresh?.close(), api?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  pinClock();
  signIn(null);
});

const quiet = { print: () => undefined, warn: () => undefined, env: {} };

describe("smoke and replay through Waypoint's API", () => {
  test("the evidence they post is recorded per route and profile, and the gates decide on it", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const pid = project.id;
    const eng = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
    const add = (p: string, method = "GET") => createItem(db, admin.ctx, pid, "ROUTE", { method, path: p, status: "PORTED" });
    const about = await add("/about");
    const users = await add("/users/<int:id>");
    const orders = await add("/orders/<int:id>");
    const reports = await add("/reports/<int:id>");
    await updateCutoverSettings(db, admin.ctx, pid, { legacyUpstream: legacy.url.replace("127.0.0.1", "10.0.0.5"), newUpstream: "http://10.0.0.6:8080" });
    await setGateConfig(db, admin.ctx, pid, {
      profiles: ["anonymous", "patron"],
      verified: [{ kind: "smoke", everyProfile: true }],
      switchToNew: [{ kind: "replay", maxMismatchPercent: 1, minRequests: 10 }],
    });
    const { secret } = await createApiToken(db, admin.ctx, { projectId: pid, name: "CI", role: "ENGINEER", scope: "EVIDENCE" });
    const common = ["--project", pid, "--url", api.url, "--token", secret, "--timeout", "0.5"];

    // Before any evidence: Verified refused, naming the smoke per profile.
    const before = await setItemStatus(db, eng.ctx, pid, about.id, { status: "VERIFIED" }).catch((e) => e);
    expect(before.details.unmet[0].missing.map((m: { profile: string }) => m.profile)).toEqual(["anonymous", "patron"]);

    const smokeCode = await smokeCommand(
      [...common, "--base-url", fresh.url, "--profile", "anonymous", "--profile", "patron:cookie=session=abc", "--log", logFile],
      quiet,
    );
    expect(smokeCode).toBe(1); // /reports/<id> hangs on the new side
    const smoke = await db.evidenceRecord.findMany({
      where: { projectId: pid, kind: "smoke" },
      select: { profile: true, conclusion: true, tokenId: true, items: { select: { itemId: true } } },
    });
    const byRoute = (id: string) =>
      smoke
        .filter((r) => r.items.some((i) => i.itemId === id))
        .map((r) => `${r.profile}:${r.conclusion}`)
        .sort();
    expect(byRoute(about.id)).toEqual(["anonymous:success", "patron:success"]);
    expect(byRoute(reports.id)).toEqual(["anonymous:failure", "patron:failure"]);
    expect(smoke.every((r) => r.tokenId !== null)).toBe(true);
    expect(api.requests).toContain(`POST /api/v1/projects/${pid}/evidence/batch`);

    expect((await setItemStatus(db, eng.ctx, pid, about.id, { status: "VERIFIED" })).item.status).toBe("VERIFIED");
    const refused = await setItemStatus(db, eng.ctx, pid, reports.id, { status: "VERIFIED" }).catch((e) => e);
    expect(refused.details.unmet[0].missing.map((m: { reason: string }) => m.reason)).toEqual([
      expect.stringMatching(/the latest smoke .* as anonymous failed/),
      expect.stringMatching(/the latest smoke .* as patron failed/),
    ]);

    // Dark-load replay: the noisy timestamp does not count, the seeded difference does.
    const replayCode = await replayCommand([...common, "--log", logFile, "--legacy", legacy.url, "--new", fresh.url, "--sample", "200", "--seed", "7"], quiet);
    expect(replayCode).toBe(1);
    const replay = await db.evidenceRecord.findMany({
      where: { projectId: pid, kind: "replay" },
      select: { conclusion: true, measured: true, items: { select: { itemId: true } } },
    });
    const replayOf = (id: string) => replay.find((r) => r.items.some((i) => i.itemId === id));
    expect(replayOf(users.id)).toMatchObject({ conclusion: "success", measured: { value: 0, sampleSize: 30 } });
    expect(replayOf(orders.id)).toMatchObject({ conclusion: "failure", measured: { value: 100, sampleSize: 20 } });

    await setItemStatus(db, admin.ctx, pid, users.id, { status: "VERIFIED", overrideGate: { reason: "checked by hand" } });
    expect(await switchRoute(db, eng.ctx, pid, users.id, { target: { to: "new" }, reason: "replay clean" })).toMatchObject({ state: "new" });
    const switchRefused = await switchRoute(db, eng.ctx, pid, orders.id, { target: { to: "new" }, reason: "replay clean?" }).catch((e) => e);
    expect(switchRefused.details.unmet[0].missing[0].reason).toMatch(/the latest replay "replay" failed \(.*; measured 100 % against ≤ 1 %, over 20\)/);
  }, 60_000);
});
