/**
 * Issue 16: evidence is posted by CI (a token of the evidence scope), attached to items by id,
 * key, module or pattern, and decides: the project's gates refuse Verified and a switch to new
 * until it is there (409 naming what is missing), a manager may override with a reason
 * (recorded), and a failure after Verified flags the item and tells its owner.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock, daysFromNow } from "../helpers/clock";
import { call } from "../helpers/route";
import { signIn } from "../helpers/session";
import { addRelation, createItem, setItemStatus } from "@/lib/inventory/items";
import { bulkUpdateItems } from "@/lib/inventory/bulk";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { switchRoute } from "@/lib/cutover/switch";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { setGateConfig } from "@/lib/evidence/enforce";
import { postEvidence } from "@/lib/evidence/records";
import { itemEvidence } from "@/lib/evidence/queries";
import { verificationTargets } from "@/lib/ranking/verification-targets";

const evidenceApi = await import("@/app/api/v1/projects/[projectId]/evidence/route");
const batchApi = await import("@/app/api/v1/projects/[projectId]/evidence/batch/route");
const itemEvidenceApi = await import("@/app/api/v1/projects/[projectId]/items/[itemId]/evidence/route");
const gatesApi = await import("@/app/api/v1/projects/[projectId]/gates/route");
const inventoryApi = await import("@/app/api/v1/projects/[projectId]/[kind]/route");
const itemApi = await import("@/app/api/v1/projects/[projectId]/[kind]/[itemId]/route");

beforeEach(() => {
  pinClock();
  signIn(null);
});

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const eng = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam");
  const manager = await newMember(db, admin.organization.id, "MANAGER", "Mia");
  const route = (path: string, extra: Record<string, unknown> = {}) => createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path, ...extra });
  const { secret } = await createApiToken(db, admin.ctx, { projectId: pid, name: "CI", role: "ENGINEER", scope: "EVIDENCE" });
  const ci = { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" };
  return { db, ...admin, pid, eng, steward, manager, route, ci };
}

/** Results posted one after another in a test can share a millisecond: their order is made explicit. */
const minutesLater = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

const JUNIT_PASS = `<?xml version="1.0"?><testsuites><testsuite name="orders" tests="3" failures="0"><testcase name="a"/><testcase name="b"/><testcase name="c"/></testsuite></testsuites>`;

describe("posting evidence", () => {
  test("CI posts with an evidence token: items by id, key, module and pattern; a re-post of an externalId replaces the record", async () => {
    const { db, ctx, pid, route, ci } = await setup();
    const orders = await route("/orders/<int:id>");
    const list = await route("/orders");
    const health = await route("/health");
    const billing = await createItem(db, ctx, pid, "MODULE", { path: "app/billing" });
    const invoice = await route("/invoices/<id>");
    await addRelation(db, ctx, pid, invoice.id, { targetKey: "app/billing" });

    const posted = await call(
      evidenceApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: {
          name: "pytest",
          kind: "tests",
          conclusion: "success",
          measured: { value: 120, unit: "tests", sampleSize: 120 },
          externalId: "run-1",
          items: [{ key: "GET /orders/<int:id>" }, { pattern: "GET /order*" }, { module: "app/billing" }],
        },
      },
    );
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect([...posted.body.itemIds].sort()).toEqual([orders.id, list.id, billing.id, invoice.id].sort());
    expect(posted.body.tokenId).not.toBeNull();
    expect(await db.evidenceItem.count({ where: { itemId: health.id } })).toBe(0);

    // The same externalId again: one record, now a failure for one route.
    const again = await call(
      evidenceApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: { name: "pytest", kind: "tests", conclusion: "failure", externalId: "run-1", items: [{ id: health.id }] },
      },
    );
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(posted.body.id);
    expect(await db.evidenceRecord.count({ where: { projectId: pid } })).toBe(1);
    expect((await db.evidenceItem.findMany({ where: { evidenceId: posted.body.id } })).map((l) => l.itemId)).toEqual([health.id]);

    const listed = await call(evidenceApi.GET, { projectId: pid }, { headers: ci, query: `?itemId=${health.id}` });
    expect(listed.status).toBe(403); // an evidence token only posts
  });

  test("a JUnit report is summarised into one tests record; a malformed one is a 400 naming the line, and nothing is stored", async () => {
    const { db, pid, route, ci } = await setup();
    await route("/orders");
    const ok = await call(
      evidenceApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: { name: "unit tests", items: [{ key: "GET /orders" }], junit: JUNIT_PASS },
      },
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ kind: "tests", conclusion: "success", measured: { sampleSize: 3 } });
    const bad = await call(
      evidenceApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: { name: "unit tests", items: [{ key: "GET /orders" }], junit: "<testsuite><testcase name='a'>\n<failure>\n</testsuite>" },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.junit).toBeDefined();
    expect(await db.evidenceRecord.count({ where: { projectId: pid } })).toBe(1);
  });

  test("bad input changes nothing: an unknown key (named by its place), a pattern matching nothing, a huge summary, another tenant's item", async () => {
    const { db, pid, route, ci } = await setup();
    await route("/orders");
    const record = (items: unknown[], extra = {}) => ({ name: "smoke", kind: "smoke", profile: "anonymous", conclusion: "success", items, ...extra });
    const unknownKey = await call(
      batchApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: { records: [record([{ key: "GET /orders" }]), record([{ key: "GET /orders" }, { key: "GET /nope" }])] },
      },
    );
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.details.fields).toHaveProperty(["records.1.items.1"]);
    expect(unknownKey.body.error.message).toContain("GET /nope");
    const noMatch = await call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: record([{ pattern: "GET /zzz*" }]) });
    expect(noMatch.status).toBe(400);
    const huge = await call(
      evidenceApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: record([{ key: "GET /orders" }], { summary: "x".repeat(70 * 1024) }),
      },
    );
    expect(huge.status).toBe(400);
    expect(huge.body.error.details.fields.summary[0]).toMatch(/at most 64 KB/);

    const other = await newAdmin(db, "Other Org");
    const theirs = await createItem(db, other.ctx, (await newProject(db, other.ctx)).id, "ROUTE", { method: "GET", path: "/orders" });
    const foreign = await call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: record([{ id: theirs.id }]) });
    expect(foreign.status).toBe(400);
    const foreignProject = await call(evidenceApi.POST, { projectId: theirs.projectId }, { method: "POST", headers: ci, json: record([{ id: theirs.id }]) });
    expect(foreignProject.status).toBe(404);
    expect(await db.evidenceRecord.count({ where: { projectId: { in: [pid, theirs.projectId] } } })).toBe(0);
  });

  test("an evidence token reads the routes list (for smoke) and posts evidence, and nothing else", async () => {
    const { pid, route, ci } = await setup();
    const r = await route("/orders");
    const routes = await call(inventoryApi.GET, { projectId: pid, kind: "routes" }, { headers: ci });
    expect(routes.status).toBe(200);
    expect(routes.body.data.map((x: { key: string }) => x.key)).toEqual(["GET /orders"]);
    expect((await call(inventoryApi.GET, { projectId: pid, kind: "modules" }, { headers: ci })).status).toBe(403);
    expect((await call(itemApi.PATCH, { projectId: pid, kind: "routes", itemId: r.id }, { method: "PATCH", headers: ci, json: { notes: "x" } })).status).toBe(
      403,
    );
    expect((await call(gatesApi.GET, { projectId: pid }, { headers: ci })).status).toBe(403);
  });
});

describe("gates", () => {
  const verifiedGate = {
    profiles: ["anonymous", "patron"],
    verified: [
      { kind: "tests", maxAgeDays: 7 },
      { kind: "smoke", everyProfile: true },
    ],
    switchToNew: [{ kind: "replay", maxMismatchPercent: 1, minRequests: 500 }],
  };

  test("stewards set the gates; Verified is refused with 409 naming what is missing until the evidence is in", async () => {
    const { db, ctx, pid, eng, steward, route, ci } = await setup();
    expect(await codeOf(setGateConfig(db, eng.ctx, pid, verifiedGate))).toBe("forbidden");
    signIn(steward.user.id);
    const put = await call(gatesApi.PUT, { projectId: pid }, { method: "PUT", json: verifiedGate });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const bad = await call(
      gatesApi.PUT,
      { projectId: pid },
      { method: "PUT", json: { verified: [{ kind: "replay", maxMismatchPercent: 101 }], switchToNew: [] } },
    );
    expect(bad.status).toBe(400);

    const r = await route("/orders", { status: "PORTED" });
    const refused = await setItemStatus(db, eng.ctx, pid, r.id, { status: "VERIFIED" }).catch((e) => e);
    expect(refused).toMatchObject({ code: "conflict" });
    expect(refused.message).toMatch(/Verified gate is not met for GET \/orders/);
    const missing = refused.details.unmet[0].missing.map((m: { reason: string; profile?: string }) => [m.reason, m.profile ?? null]);
    expect(missing).toEqual([
      ["no tests evidence yet", null],
      ["no smoke evidence as profile anonymous", "anonymous"],
      ["no smoke evidence as profile patron", "patron"],
    ]);
    expect(refused.details.unmet[0].missing[1].howToGet).toContain(`npx waypoint smoke --project ${pid}`);
    expect((await db.item.findFirstOrThrow({ where: { id: r.id } })).status).toBe("PORTED");

    const smoke = (profile: string, conclusion: string) => ({ name: "smoke", kind: "smoke", profile, conclusion, items: [{ id: r.id }] });
    await call(
      batchApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: { records: [smoke("anonymous", "success"), smoke("patron", "inconclusive")] },
      },
    );
    await call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: { name: "ci", items: [{ id: r.id }], junit: JUNIT_PASS } });
    const still = await setItemStatus(db, eng.ctx, pid, r.id, { status: "VERIFIED" }).catch((e) => e);
    expect(still.details.unmet[0].missing.map((m: { reason: string }) => m.reason)).toEqual([
      expect.stringMatching(/the latest smoke "smoke" as patron was inconclusive .*never promotes/),
    ]);
    // Bulk: the same gate, no override.
    expect(await codeOf(bulkUpdateItems(db, ctx, pid, "ROUTE", { ids: [r.id], set: { status: "VERIFIED" } }))).toBe("conflict");

    // Later than the inconclusive run (two results of one check at the same instant: the worse one counts).
    await call(
      evidenceApi.POST,
      { projectId: pid },
      {
        method: "POST",
        headers: ci,
        json: { ...smoke("patron", "success"), observedAt: new Date(Date.now() + 60_000).toISOString() },
      },
    );
    expect((await setItemStatus(db, eng.ctx, pid, r.id, { status: "VERIFIED" })).item.status).toBe("VERIFIED");

    // The item's evidence: latest per check and where each gate stands.
    signIn(eng.user.id);
    const view = await call(itemEvidenceApi.GET, { projectId: pid, itemId: r.id });
    expect(view.status).toBe(200);
    expect(view.body.gates.verified).toMatchObject({ met: true, requirements: 2 });
    expect(view.body.gates.switchToNew.met).toBe(false);
    expect(view.body.latest.map((e: { kind: string; profile: string | null; conclusion: string }) => [e.kind, e.profile, e.conclusion])).toEqual([
      ["smoke", "anonymous", "success"],
      ["smoke", "patron", "success"],
      ["tests", null, "success"],
    ]);
    expect(view.body.history).toHaveLength(4);
  });

  test("expired evidence and evidence older than maxAgeDays do not count; another tenant cannot touch the gates", async () => {
    const { db, ctx, pid, eng, route } = await setup();
    const other = await newAdmin(db, "Other Org");
    expect(await codeOf(setGateConfig(db, other.ctx, pid, verifiedGate))).toBe("not_found");
    await setGateConfig(db, ctx, pid, { verified: [{ kind: "tests", maxAgeDays: 7 }], switchToNew: [] });
    const r = await route("/orders", { status: "PORTED" });
    const old = await route("/old", { status: "PORTED" });
    const tests = (itemId: string, observedAt: Date, expiresAt?: Date) =>
      postEvidence(
        db,
        ctx,
        pid,
        {
          name: "ci",
          kind: "tests",
          conclusion: "success",
          items: [{ id: itemId }],
          observedAt: observedAt.toISOString(),
          ...(expiresAt && { expiresAt: expiresAt.toISOString() }),
        },
        { tokenId: null },
      );
    await tests(r.id, daysFromNow(-2), daysFromNow(-1));
    await tests(old.id, daysFromNow(-8));
    const expired = await setItemStatus(db, eng.ctx, pid, r.id, { status: "VERIFIED" }).catch((e) => e);
    expect(expired.details.unmet[0].missing[0].reason).toMatch(/expired on/);
    const tooOld = await setItemStatus(db, eng.ctx, pid, old.id, { status: "VERIFIED" }).catch((e) => e);
    expect(tooOld.details.unmet[0].missing[0].reason).toMatch(/8 days ago; this gate takes evidence up to 7 days old/);
    await tests(r.id, daysFromNow(0));
    expect((await setItemStatus(db, eng.ctx, pid, r.id, { status: "VERIFIED" })).item.status).toBe("VERIFIED");
  });

  test("a manager may override the Verified gate with a reason, recorded in the item's history; an engineer may not", async () => {
    const { db, ctx, pid, eng, manager, route } = await setup();
    await setGateConfig(db, ctx, pid, { verified: [{ kind: "smoke" }], switchToNew: [] });
    const r = await route("/orders", { status: "PORTED" });
    const override = { status: "VERIFIED", overrideGate: { reason: "verified by hand in staging" } };
    expect(await codeOf(setItemStatus(db, eng.ctx, pid, r.id, override))).toBe("forbidden");
    expect((await setItemStatus(db, manager.ctx, pid, r.id, override)).item.status).toBe("VERIFIED");
    const rows = await db.itemChange.findMany({ where: { itemId: r.id, field: { in: ["status", "gateOverride"] } }, orderBy: { field: "asc" } });
    expect(rows.map((h) => h.field)).toEqual(["gateOverride", "status"]);
    expect(rows[0].toValue).toMatch(/^Gate overridden \(verified by hand in staging\); missing: GET \/orders: no smoke evidence yet/);
  });

  test("a switch to new is refused until the switch gate is met; a manager's override is recorded on the switch", async () => {
    const { db, ctx, pid, eng, manager, route, ci } = await setup();
    await updateCutoverSettings(db, ctx, pid, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" });
    const a = await route("/a", { status: "VERIFIED" });
    const b = await route("/b", { status: "VERIFIED" });
    await setGateConfig(db, ctx, pid, verifiedGate);
    // A new item cannot be born Verified past the gate either.
    expect(await codeOf(route("/c", { status: "VERIFIED" }))).toBe("conflict");
    // Canary and shadow need no evidence: they are how the evidence is earned.
    expect(await switchRoute(db, eng.ctx, pid, a.id, { target: { to: "canary", percent: 10 }, reason: "first clients" })).toMatchObject({ changed: true });
    const refused = await switchRoute(db, eng.ctx, pid, a.id, { target: { to: "new" }, reason: "all of it" }).catch((e) => e);
    expect(refused).toMatchObject({ code: "conflict", details: { gate: "switchToNew" } });
    expect(refused.details.unmet[0].missing[0]).toMatchObject({ reason: "no replay evidence yet" });
    expect(refused.details.unmet[0].missing[0].howToGet).toContain("npx waypoint replay");

    const replay = (value: number, sampleSize: number) => ({
      name: "replay",
      kind: "replay",
      conclusion: "success",
      measured: { value, unit: "%", threshold: 1, comparison: "<=", sampleSize },
      items: [{ id: a.id }],
    });
    await call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: replay(0.4, 300) });
    const few = await switchRoute(db, eng.ctx, pid, a.id, { target: { to: "new" }, reason: "all of it" }).catch((e) => e);
    expect(few.details.unmet[0].missing[0].reason).toMatch(/replayed 300 requests; at least 500 needed/);
    await call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: { ...replay(0.4, 800), observedAt: minutesLater(1) } });
    expect(await switchRoute(db, eng.ctx, pid, a.id, { target: { to: "new" }, reason: "all of it" })).toMatchObject({ state: "new" });

    expect(await codeOf(switchRoute(db, eng.ctx, pid, b.id, { target: { to: "new" }, reason: "go now", overrideGate: { reason: "trust me" } }))).toBe(
      "forbidden",
    );
    await switchRoute(db, manager.ctx, pid, b.id, { target: { to: "new" }, reason: "go now", overrideGate: { reason: "legacy host is on fire" } });
    const switches = await db.trafficSwitch.findMany({ where: { projectId: pid, toState: "NEW" }, orderBy: { at: "asc" } });
    expect(switches.map((s) => [s.itemId, s.gateOverride])).toEqual([
      [a.id, null],
      [b.id, expect.stringMatching(/^Gate overridden \(legacy host is on fire\); missing: GET \/b: no replay evidence yet/)],
    ]);
    // Back to legacy is never gated.
    expect(await switchRoute(db, eng.ctx, pid, b.id, { target: { to: "legacy" }, reason: "back" })).toMatchObject({ state: "legacy" });
  });

  test("a failure after Verified flags the item and tells its owner; the next success of that check clears it", async () => {
    const { db, ctx, pid, eng, route, ci } = await setup();
    const r = await route("/orders", { status: "VERIFIED", owner: `user:${eng.user.id}` });
    const ported = await route("/ported", { status: "PORTED" });
    let minute = 0;
    const smoke = (conclusion: string, itemId = r.id) => ({
      name: "smoke",
      kind: "smoke",
      profile: "anonymous",
      conclusion,
      items: [{ id: itemId }],
      observedAt: minutesLater(++minute),
    });
    await call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: smoke("success") });
    expect((await db.item.findFirstOrThrow({ where: { id: r.id } })).attention).toBeNull();
    await call(batchApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: { records: [smoke("failure"), smoke("failure", ported.id)] } });
    const flagged = await db.item.findFirstOrThrow({ where: { id: r.id } });
    expect(flagged.attention).toMatch(/the latest smoke "smoke" as anonymous failed after the item was verified/);
    expect((await db.item.findFirstOrThrow({ where: { id: ported.id } })).attention).toBeNull(); // only Verified items
    const inbox = await db.notification.findMany({ where: { userId: eng.user.id, kind: "evidence.failed" } });
    expect(inbox.map((n) => n.title)).toEqual(["GET /orders needs attention: evidence failed after it was verified"]);
    await call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: smoke("success") });
    expect((await db.item.findFirstOrThrow({ where: { id: r.id } })).attention).toBeNull();
    const history = await db.itemChange.findMany({ where: { itemId: r.id, field: "attention" }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(history.map((h) => [h.fromValue === null, h.toValue === null])).toEqual([
      [true, false],
      [false, true],
    ]);
    void ctx;
    void itemEvidence;
  });
});

describe("next targets for verification", () => {
  test("ported routes without passing evidence, busiest first; with a gate, those whose Verified gate is unmet; another tenant: 404", async () => {
    const { db, ctx, pid, route, ci } = await setup();
    const quiet = await route("/quiet", { status: "PORTED", trafficPerDay: 5 });
    const busy = await route("/busy", { status: "PORTED", trafficPerDay: 900 });
    const smoked = await route("/smoked", { status: "PORTED", trafficPerDay: 500 });
    const failed = await route("/failed", { status: "PORTED", trafficPerDay: 300 });
    await route("/todo", { status: "NOT_STARTED", trafficPerDay: 10_000 });
    await route("/done", { status: "VERIFIED", trafficPerDay: 10_000 });
    const post = (itemId: string, conclusion: string, kind = "smoke") =>
      call(evidenceApi.POST, { projectId: pid }, { method: "POST", headers: ci, json: { name: kind, kind, conclusion, items: [{ id: itemId }] } });
    await post(smoked.id, "success");
    await post(failed.id, "failure");
    const plain = await verificationTargets(db, ctx, pid, {});
    expect(plain).toMatchObject({ ported: 4, gated: false });
    expect(plain.data.map((t) => [t.key, t.reason])).toEqual([
      ["GET /busy", "ported without any evidence"],
      ["GET /failed", "ported, but no check's latest result is a current success"],
      ["GET /quiet", "ported without any evidence"],
    ]);
    await setGateConfig(db, ctx, pid, { verified: [{ kind: "tests" }], switchToNew: [] });
    const gated = await verificationTargets(db, ctx, pid, { limit: "2" });
    expect(gated.gated).toBe(true);
    expect(gated.data.map((t) => t.id)).toEqual([busy.id, smoked.id]); // smoke alone does not meet a tests gate
    expect(gated.data[1].reason).toMatch(/^ported, but the Verified gate is not met: no tests evidence yet/);
    void quiet;
    const other = await newAdmin(db, "Other Org");
    expect(await codeOf(verificationTargets(db, other.ctx, pid, {}))).toBe("not_found");
  });
});
