/**
 * Issue 16's screens, their loaders: the item page's Evidence section, the inventory's evidence
 * column and filters, the overview's "verified by evidence", and the status change's 409 as the
 * page receives it (what is missing; a manager's override). Each tenant-scoped: another tenant's
 * id is not found.
 */
import { beforeEach, describe, expect, test, vi } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { daysFromNow, pinClock } from "../helpers/clock";
import { signIn } from "../helpers/session";
import { createItem, setItemStatus } from "@/lib/inventory/items";
import { setGateConfig } from "@/lib/evidence/enforce";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { postEvidence } from "@/lib/evidence/records";
import { getItemEvidencePanel } from "@/lib/inventory/evidence-panel";
import { evidenceTallies } from "@/lib/inventory/evidence-column";
import { listItems } from "@/lib/inventory/list";
import { loadOverviewSummary } from "@/lib/progress/overview-summary";
import { verifiedByEvidence } from "@/lib/progress/evidence-share";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const { setStatusCall } = await import("@/app/orgs/[org]/projects/[project]/items/quick-actions");
const { updateItemAction } = await import("@/app/orgs/[org]/projects/[project]/inventory/actions");
const { switchAction } = await import("@/app/orgs/[org]/projects/[project]/cutover/actions");
const { saveGatesCall } = await import("@/app/orgs/[org]/projects/[project]/settings/actions");

beforeEach(() => {
  pinClock();
  signIn(null);
});

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const CI = { tokenId: null };

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const route = (path: string, extra: Record<string, unknown> = {}) => createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path, ...extra });
  const post = (record: Record<string, unknown>) => postEvidence(db, admin.ctx, pid, record, CI);
  const other = await newAdmin(db, "Other");
  const theirProject = await newProject(db, other.ctx);
  return { db, ...admin, project, pid, route, post, other, theirProject };
}

describe("the item page's Evidence section", () => {
  test("gates described, missing pieces with how to get them, latest per check with expiry; another tenant's ids are not found", async () => {
    const { db, ctx, pid, route, post, other, theirProject } = await setup();
    const item = await route("/orders", { status: "PORTED" });
    await setGateConfig(db, ctx, pid, {
      profiles: ["anonymous"],
      verified: [{ kind: "smoke", everyProfile: true }],
      switchToNew: [{ kind: "replay", maxMismatchPercent: 1 }],
    });

    const empty = await getItemEvidencePanel(db, ctx, pid, item.id);
    expect(empty.history).toEqual([]);
    expect(empty.gates.map((g) => [g.name, g.met, g.requirements])).toEqual([
      ["verified", false, ["smoke: success as anonymous"]],
      ["switchToNew", false, ["replay: mismatch ≤ 1 %"]],
    ]);
    expect(empty.gates[0].missing[0]).toMatchObject({ profile: "anonymous", reason: "no smoke evidence as profile anonymous" });
    expect(empty.gates[0].missing[0].howToGet).toContain(`--project ${pid}`);

    await post({ name: "smoke", kind: "smoke", profile: "anonymous", conclusion: "failure", observedAt: at(-30), items: [{ id: item.id }] });
    await post({ name: "smoke", kind: "smoke", profile: "anonymous", conclusion: "success", observedAt: at(-20), items: [{ id: item.id }] });
    await post({
      name: "replay",
      kind: "replay",
      conclusion: "success",
      observedAt: at(-10 * 24 * 60),
      expiresAt: daysFromNow(-1).toISOString(),
      measured: { value: 0.4, unit: "%", threshold: 1, comparison: "<=" },
      items: [{ id: item.id }],
    });
    const panel = await getItemEvidencePanel(db, ctx, pid, item.id);
    expect(panel.gates[0].met).toBe(true);
    expect(panel.gates[1].met).toBe(false);
    expect(panel.latest.map((r) => [r.kind, r.conclusion, r.expired])).toEqual([
      ["replay", "success", true],
      ["smoke", "success", false],
    ]);
    expect(panel.latest[0].measured).toEqual({ value: 0.4, unit: "%", threshold: 1, comparison: "<=" });
    expect(panel.history).toHaveLength(3);

    const theirs = await createItem(db, other.ctx, theirProject.id, "ROUTE", { method: "GET", path: "/theirs" });
    expect(await codeOf(getItemEvidencePanel(db, ctx, pid, theirs.id))).toBe("not_found");
    expect(await codeOf(getItemEvidencePanel(db, ctx, theirProject.id, theirs.id))).toBe("not_found");
    expect(await codeOf(getItemEvidencePanel(db, other.ctx, pid, item.id))).toBe("not_found");
  });
});

describe("the inventory's evidence column and filters", () => {
  test("the latest per check counted for the page's rows; another tenant's project is not found and their items count nothing", async () => {
    const { db, ctx, pid, route, post, other, theirProject } = await setup();
    const a = await route("/a");
    const b = await route("/b");
    const c = await route("/c");
    await post({ name: "unit", kind: "tests", conclusion: "failure", observedAt: at(-3), items: [{ id: a.id }] });
    await post({ name: "unit", kind: "tests", conclusion: "success", observedAt: at(-2), items: [{ id: a.id }] });
    await post({ name: "home", kind: "smoke", conclusion: "failure", observedAt: at(-1), items: [{ id: a.id }, { id: b.id }] });
    await post({ name: "home", kind: "smoke", profile: "patron", conclusion: "success", expiresAt: at(-0.5), observedAt: at(-1), items: [{ id: a.id }] });

    const tallies = await evidenceTallies(db, ctx, pid, [a.id, b.id, c.id]);
    expect(tallies.get(a.id)).toEqual({ pass: 1, fail: 1, other: 1 });
    expect(tallies.get(b.id)).toEqual({ pass: 0, fail: 1, other: 0 });
    expect(tallies.has(c.id)).toBe(false);

    expect(await codeOf(evidenceTallies(db, ctx, theirProject.id, [a.id]))).toBe("not_found");
    expect(await codeOf(evidenceTallies(db, other.ctx, pid, [a.id]))).toBe("not_found");
    expect((await evidenceTallies(db, other.ctx, theirProject.id, [a.id, b.id])).size).toBe(0);
  });

  test("ported but no passing smoke; needs attention — as URL filters, scoped to the tenant", async () => {
    const { db, ctx, pid, route, post, other, theirProject } = await setup();
    const none = await route("/none", { status: "PORTED" });
    const passing = await route("/passing", { status: "PORTED" });
    const expired = await route("/expired", { status: "PORTED" });
    const failing = await route("/failing", { status: "PORTED" });
    const testsOnly = await route("/tests-only", { status: "PORTED" });
    const notPorted = await route("/not-ported");
    await post({ name: "home", kind: "smoke", conclusion: "success", items: [{ id: passing.id }, { id: notPorted.id }] });
    await post({
      name: "home",
      kind: "smoke",
      conclusion: "success",
      expiresAt: daysFromNow(-1).toISOString(),
      observedAt: daysFromNow(-2).toISOString(),
      items: [{ id: expired.id }],
    });
    await post({ name: "home", kind: "smoke", conclusion: "failure", items: [{ id: failing.id }] });
    await post({ name: "unit", kind: "tests", conclusion: "success", items: [{ id: testsOnly.id }] });
    const keys = async (query: Record<string, string>, who = ctx, project = pid) =>
      (await listItems(db, who, project, "ROUTE", query)).data.map((i) => i.key).sort();

    expect(await keys({ evidence: "ported-no-smoke" })).toEqual([expired.key, failing.key, none.key, testsOnly.key].sort());
    expect(await keys({ evidence: "ported-no-smoke", q: "fail" })).toEqual([failing.key]);
    // The latest result per check decides: a newer failure brings a passing route back, a newer
    // success takes a failing one out; a record re-posted for another item moves with it.
    await post({ name: "home", kind: "smoke", conclusion: "failure", observedAt: at(2), items: [{ id: passing.id }] });
    await post({ name: "home", kind: "smoke", conclusion: "success", observedAt: at(2), items: [{ id: failing.id }] });
    expect(await keys({ evidence: "ported-no-smoke" })).toEqual([expired.key, passing.key, none.key, testsOnly.key].sort());
    await post({ name: "home", kind: "smoke", conclusion: "success", observedAt: at(3), externalId: "moving", items: [{ id: none.id }] });
    expect(await keys({ evidence: "ported-no-smoke" })).toEqual([expired.key, passing.key, testsOnly.key].sort());
    await post({ name: "home", kind: "smoke", conclusion: "success", observedAt: at(3), externalId: "moving", items: [{ id: testsOnly.id }] });
    expect(await keys({ evidence: "ported-no-smoke" })).toEqual([expired.key, passing.key, none.key].sort());
    await post({ name: "home", kind: "smoke", conclusion: "success", observedAt: at(4), items: [{ id: passing.id }] });
    expect(await codeOf(listItems(db, ctx, pid, "ROUTE", { evidence: "yes" }))).toBe("invalid_input");

    // Evidence failing after Verified flags the item.
    await setItemStatus(db, ctx, pid, passing.id, { status: "VERIFIED" });
    expect(await keys({ attention: "true" })).toEqual([]);
    await post({ name: "home", kind: "smoke", conclusion: "failure", observedAt: at(5), items: [{ id: passing.id }] });
    expect(await keys({ attention: "true" })).toEqual([passing.key]);

    expect(await codeOf(listItems(db, other.ctx, pid, "ROUTE", { attention: "true" }))).toBe("not_found");
    expect(await keys({ attention: "true" }, other.ctx, theirProject.id)).toEqual([]);
  });
});

describe("verified by evidence", () => {
  test("Verified routes whose latest results are all non-failing with a current success, of the routes in scope; one tenant's evidence never counts for another", async () => {
    const { db, ctx, pid, route, post, organization, other, theirProject } = await setup();
    const backed = await route("/backed", { status: "VERIFIED" });
    const failedLater = await route("/failed-later", { status: "VERIFIED" });
    const expiredOnly = await route("/expired-only", { status: "VERIFIED" });
    const oldFailureExpired = await route("/old-failure-expired", { status: "VERIFIED" });
    await route("/bare", { status: "VERIFIED" });
    const ported = await route("/ported", { status: "PORTED" });
    await route("/wont", { status: "WONT_PORT", statusReason: "retired with the shop" });
    await route("/todo");
    await post({ name: "home", kind: "smoke", conclusion: "success", items: [{ id: backed.id }, { id: ported.id }, { id: failedLater.id }] });
    await post({ name: "unit", kind: "tests", conclusion: "neutral", items: [{ id: backed.id }] });
    await post({ name: "home", kind: "smoke", conclusion: "failure", observedAt: at(5), items: [{ id: failedLater.id }] });
    await post({
      name: "home",
      kind: "smoke",
      conclusion: "success",
      observedAt: daysFromNow(-3).toISOString(),
      expiresAt: daysFromNow(-1).toISOString(),
      items: [{ id: expiredOnly.id }],
    });
    await post({ name: "home", kind: "smoke", conclusion: "success", items: [{ id: oldFailureExpired.id }] });
    await post({
      name: "other",
      kind: "smoke",
      conclusion: "failure",
      observedAt: daysFromNow(-3).toISOString(),
      expiresAt: daysFromNow(-1).toISOString(),
      items: [{ id: oldFailureExpired.id }],
    });

    expect(await verifiedByEvidence(db, { organizationId: organization.id, projectId: pid })).toEqual({ scope: 7, verified: 5, backed: 2 });
    const summary = await loadOverviewSummary(db, ctx, pid);
    expect(summary.verifiedByEvidence).toEqual({ count: 2, verified: 5, scope: 7 });

    // Another organisation's id with this project: nothing; and the loader refuses the project.
    expect(await verifiedByEvidence(db, { organizationId: other.organization.id, projectId: pid })).toEqual({ scope: 0, verified: 0, backed: 0 });
    expect(await codeOf(loadOverviewSummary(db, other.ctx, pid))).toBe("not_found");
    expect((await loadOverviewSummary(db, other.ctx, theirProject.id)).verifiedByEvidence).toEqual({ count: 0, verified: 0, scope: 0 });
  });
});

describe("a status change refused by the gate, as the page receives it", () => {
  test("the 409's missing list comes back to the quick action and the form; an engineer may not override, a manager may, recorded", async () => {
    const { db, ctx, pid, project, organization, route } = await setup();
    const eng = await newMember(db, organization.id, "ENGINEER", "Erin");
    const manager = await newMember(db, organization.id, "MANAGER", "Mia");
    await setGateConfig(db, ctx, pid, { verified: [{ kind: "smoke" }], switchToNew: [] });
    const item = await route("/orders", { status: "PORTED" });
    const target = { org: organization.slug, projectId: pid, projectSlug: project.slug, itemId: item.id };

    signIn(eng.user.id);
    const refused = await setStatusCall(target, "VERIFIED");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.gate).toMatchObject({ gate: "verified", unmetCount: 1, unmet: [{ itemId: item.id, key: "GET /orders" }] });
    expect(refused.gate?.unmet[0].missing[0]).toMatchObject({ reason: "no smoke evidence yet" });
    const overridden = await setStatusCall(target, "VERIFIED", { reason: "trust me" });
    expect(overridden).toMatchObject({ ok: false, error: "Only a manager may override the Verified gate." });

    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      return data;
    };
    const fields = { org: organization.slug, projectId: pid, projectSlug: project.slug, kind: "routes", itemId: item.id, status: "VERIFIED" };
    const state = await updateItemAction(null, form(fields));
    expect(state?.code).toBe("conflict");
    expect(state?.gate?.unmet[0].missing).toHaveLength(1);

    signIn(manager.user.id);
    expect(await updateItemAction(null, form({ ...fields, overrideGateReason: "x" }))).toMatchObject({ code: "invalid_input" });
    expect(await updateItemAction(null, form({ ...fields, overrideGateReason: "checked by hand on staging" }))).toMatchObject({ ok: true });
    const history = await db.itemChange.findMany({ where: { itemId: item.id, field: "gateOverride" } });
    expect(history).toHaveLength(1);
    expect(history[0].toValue).toContain("checked by hand on staging");
  });

  test("a switch to new refused by its gate comes back to the switch form with what is missing; a manager's override goes through, recorded on the switch", async () => {
    const { db, ctx, pid, project, organization, route } = await setup();
    const eng = await newMember(db, organization.id, "ENGINEER", "Erin");
    const manager = await newMember(db, organization.id, "MANAGER", "Mia");
    await updateCutoverSettings(db, ctx, pid, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" });
    await setGateConfig(db, ctx, pid, { verified: [], switchToNew: [{ kind: "replay", maxMismatchPercent: 1 }] });
    const item = await route("/orders", { status: "VERIFIED" });
    const data = new FormData();
    for (const [k, v] of Object.entries({
      org: organization.slug,
      projectId: pid,
      projectSlug: project.slug,
      itemId: item.id,
      to: "new",
      reason: "canary clean",
      expected: "legacy",
    }))
      data.set(k, v);

    signIn(eng.user.id);
    const refused = await switchAction(null, data);
    expect(refused?.code).toBe("conflict");
    expect(refused?.gate).toMatchObject({ gate: "switchToNew", unmet: [{ key: "GET /orders", missing: [{ reason: "no replay evidence yet" }] }] });
    data.set("overrideGateReason", "legacy host is on fire");
    expect((await switchAction(null, data))?.code).toBe("forbidden");

    signIn(manager.user.id);
    expect(await switchAction(null, data)).toMatchObject({ ok: true, message: "GET /orders is now new." });
    const recorded = await db.trafficSwitch.findFirstOrThrow({ where: { itemId: item.id } });
    expect(recorded.gateOverride).toContain("legacy host is on fire");
  });

  test("the gates editor's call: saved by a steward, refused at the field when invalid, refused to an engineer", async () => {
    const { db, pid, project, organization } = await setup();
    const steward = await newMember(db, organization.id, "STEWARD", "Sam");
    const eng = await newMember(db, organization.id, "ENGINEER", "Erin");
    signIn(steward.user.id);
    const bad = await saveGatesCall(organization.slug, pid, project.slug, { verified: [{ kind: "smoke", maxAgeDays: 0 }], switchToNew: [] });
    expect(bad).toMatchObject({ ok: false, fields: { "verified.0.maxAgeDays": ["maxAgeDays is at least 1."] } });
    expect(await saveGatesCall(organization.slug, pid, project.slug, { verified: [{ kind: "smoke", maxAgeDays: 7 }], switchToNew: [] })).toEqual({
      ok: true,
      data: { verified: 1, switchToNew: 0 },
    });
    signIn(eng.user.id);
    expect(await saveGatesCall(organization.slug, pid, project.slug, { verified: [], switchToNew: [] })).toMatchObject({ ok: false });
    const stored = await db.project.findUniqueOrThrow({ where: { id: pid }, select: { gateConfig: true } });
    expect(stored.gateConfig).toMatchObject({ verified: [{ kind: "smoke", maxAgeDays: 7 }] });
  });
});
