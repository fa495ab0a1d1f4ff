import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { createLease, createSubmission } from "../helpers/agent-fixtures";
import { createItem, setItemStatus, updateItem } from "@/lib/inventory/items";
import { bulkUpdateItems } from "@/lib/inventory/bulk";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { bulkSwitch, switchRoute } from "@/lib/cutover/switch";
import { confirmSubmission, listReviewQueue, pendingReviewCount, sendBackSubmission } from "@/lib/agents/review";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const org = admin.organization.id;
  const ann = await newMember(db, org, "ENGINEER", "Ann");
  const bob = await newMember(db, org, "ENGINEER", "Bob");
  const stella = await newMember(db, org, "STEWARD", "Stella");
  const viewer = await newMember(db, org, "VIEWER", "Vic");
  const route = (path: string) => createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path });
  /** Ann's agent ports the route: the submission awaits a person. */
  const submitted = async (path: string, holderId = ann.user.id) => {
    const item = await route(path);
    const submission = await createSubmission(db, { organizationId: org, projectId: pid, itemId: item.id, holderId });
    return { item, submission };
  };
  return { db, admin, org, pid, ann, bob, stella, viewer, route, submitted };
}

const agentCtx = (ctx: OrgContext): OrgContext => ({ ...ctx, agent: { tokenId: "t1", name: "claude-code", version: "2.1.0" } });
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("confirming an agent's work", () => {
  test("the owner (an engineer) confirms: outcome, confirmer and time recorded; the item stays Ported, agentReview CONFIRMED, with a history row", async () => {
    const { db, pid, ann, submitted } = await setup();
    const { item, submission } = await submitted("/orders");
    const result = await confirmSubmission(db, ann.ctx, pid, submission.id);
    expect(result).toMatchObject({ outcome: "CONFIRMED", decidedById: ann.user.id });
    const stored = await db.agentSubmission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(stored).toMatchObject({ outcome: "CONFIRMED", decidedById: ann.user.id, agentName: "claude-code" });
    expect(stored.decidedAt).not.toBeNull();
    expect(await db.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "PORTED", agentReview: "CONFIRMED" });
    const history = await db.itemChange.findMany({ where: { itemId: item.id, field: "agentReview" }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(history.map((h) => [h.fromValue, h.toValue, h.actorId])).toEqual([
      [null, "AWAITING", ann.user.id],
      ["AWAITING", "CONFIRMED", ann.user.id],
    ]);
  });

  test("a steward confirms anyone's; another engineer and a viewer are refused (403); an agent is refused (403) even for its owner; twice → 409", async () => {
    const { db, pid, ann, bob, stella, viewer, submitted } = await setup();
    const { submission } = await submitted("/orders");
    expect(await codeOf(confirmSubmission(db, bob.ctx, pid, submission.id))).toBe("forbidden");
    expect(await codeOf(confirmSubmission(db, viewer.ctx, pid, submission.id))).toBe("forbidden");
    const byAgent = await errorOf(confirmSubmission(db, agentCtx(ann.ctx), pid, submission.id));
    expect(byAgent?.code).toBe("forbidden");
    expect(byAgent?.message).toMatch(/coding agent may not confirm work/);
    expect(await codeOf(confirmSubmission(db, { ...stella.ctx, userId: null }, pid, submission.id))).toBe("forbidden"); // an API token is no one
    expect((await db.agentSubmission.findUniqueOrThrow({ where: { id: submission.id } })).outcome).toBeNull();
    await confirmSubmission(db, stella.ctx, pid, submission.id);
    const twice = await errorOf(confirmSubmission(db, ann.ctx, pid, submission.id));
    expect(twice?.code).toBe("conflict");
    expect(twice?.message).toBe("This submission was already confirmed by Stella.");
    expect(await codeOf(sendBackSubmission(db, stella.ctx, pid, submission.id, { note: "too late" }))).toBe("conflict");
    expect((await db.agentSubmission.findUniqueOrThrow({ where: { id: submission.id } })).decidedById).toBe(stella.user.id);
  });

  test("another organisation's submission id, or another project's, is not found (404) and nothing changes", async () => {
    const { db, admin, pid, submitted } = await setup();
    const { submission } = await submitted("/orders");
    const other = await newAdmin(db, "Olga Other");
    const otherProject = await newProject(db, other.ctx);
    expect(await codeOf(confirmSubmission(db, other.ctx, otherProject.id, submission.id))).toBe("not_found");
    expect(await codeOf(confirmSubmission(db, other.ctx, pid, submission.id))).toBe("not_found");
    const sibling = await newProject(db, admin.ctx, { name: "Sibling" });
    expect(await codeOf(confirmSubmission(db, admin.ctx, sibling.id, submission.id))).toBe("not_found");
    expect(await codeOf(sendBackSubmission(db, other.ctx, otherProject.id, submission.id, { note: "x" }))).toBe("not_found");
    expect((await db.agentSubmission.findUniqueOrThrow({ where: { id: submission.id } })).outcome).toBeNull();
  });
});

describe("sending an agent's work back", () => {
  test("a steward sends back with a note: In progress, agentReview cleared, history rows, the owner told in the inbox", async () => {
    const { db, pid, ann, stella, submitted } = await setup();
    const { item, submission } = await submitted("/orders");
    await sendBackSubmission(db, stella.ctx, pid, submission.id, { note: "  The pagination headers are missing.  " });
    expect(await db.agentSubmission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      outcome: "SENT_BACK",
      reviewNote: "The pagination headers are missing.",
      decidedById: stella.user.id,
    });
    expect(await db.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "IN_PROGRESS", agentReview: null });
    const rows = await db.itemChange.findMany({ where: { itemId: item.id, actorId: stella.user.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(rows.map((r) => [r.field, r.fromValue, r.toValue])).toEqual([
      ["agentReview", "AWAITING", null],
      ["status", "PORTED", "IN_PROGRESS"],
    ]);
    const inbox = await db.notification.findMany({ where: { userId: ann.user.id } });
    expect(inbox.map((n) => [n.kind, n.title, n.body])).toEqual([
      ["submission.sent_back", "Stella sent back your agent's work on GET /orders", "The pagination headers are missing."],
    ]);
    expect(inbox[0].link).toContain(`/items/${item.id}`);
    expect(await db.notification.count({ where: { userId: stella.user.id } })).toBe(0);
  });

  test("the note is required and at most 5,000 characters: refused before anything is written", async () => {
    const { db, pid, ann, submitted } = await setup();
    const { submission } = await submitted("/orders");
    for (const body of [{}, { note: "   " }, { note: "x".repeat(5001) }, { note: "ok", extra: 1 }])
      expect(await codeOf(sendBackSubmission(db, ann.ctx, pid, submission.id, body))).toBe("invalid_input");
    expect((await db.agentSubmission.findUniqueOrThrow({ where: { id: submission.id } })).outcome).toBeNull();
    await sendBackSubmission(db, ann.ctx, pid, submission.id, { note: "x".repeat(5000) });
    // The owner sending back their own agent's work is not told about it.
    expect(await db.notification.count({ where: { userId: ann.user.id } })).toBe(0);
  });

  test("a dependent's blocker count follows the status back to In progress", async () => {
    const { db, admin, org, pid, ann } = await setup();
    const module = await createItem(db, admin.ctx, pid, "MODULE", { path: "shop/billing" });
    const route = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/bill" });
    await db.itemRelation.create({ data: { organizationId: org, projectId: pid, fromId: route.id, toId: module.id } });
    const { recomputeBlockers } = await import("@/lib/inventory/blockers");
    await db.$transaction((tx) => recomputeBlockers(tx, pid, [route.id]));
    expect((await db.item.findUniqueOrThrow({ where: { id: route.id } })).blockerCount).toBe(1);
    const submission = await createSubmission(db, { organizationId: org, projectId: pid, itemId: module.id, holderId: ann.user.id });
    await db.$transaction((tx) => recomputeBlockers(tx, pid, [route.id]));
    expect((await db.item.findUniqueOrThrow({ where: { id: route.id } })).blockerCount).toBe(0);
    await sendBackSubmission(db, admin.ctx, pid, submission.id, { note: "Not yet." });
    expect((await db.item.findUniqueOrThrow({ where: { id: route.id } })).blockerCount).toBe(1);
  });
});

describe("while an item awaits confirmation", () => {
  test("a person's status change is refused (409) by the edit, the one-click status and the bulk edit; other fields still change", async () => {
    const { db, admin, pid, submitted } = await setup();
    const { item } = await submitted("/orders");
    const one = await errorOf(setItemStatus(db, admin.ctx, pid, item.id, { status: "VERIFIED" }));
    expect(one?.code).toBe("conflict");
    expect(one?.message).toBe("GET /orders is awaiting confirmation: confirm or send it back in Review.");
    expect(await codeOf(updateItem(db, admin.ctx, pid, "ROUTE", item.id, { status: "NOT_STARTED" }))).toBe("conflict");
    const bulk = await errorOf(bulkUpdateItems(db, admin.ctx, pid, "ROUTE", { ids: [item.id], set: { status: "IN_PROGRESS" } }));
    expect(bulk?.message).toMatch(/awaiting confirmation: confirm or send it back in Review/);
    expect(await db.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "PORTED", agentReview: "AWAITING" });
    await updateItem(db, admin.ctx, pid, "ROUTE", item.id, { notes: "reviewing" });
    expect((await db.item.findUniqueOrThrow({ where: { id: item.id } })).notes).toBe("reviewing");
  });

  test("it cannot be switched to shadow, canary or new (a person's confirmation first); back to legacy is always open; once confirmed it switches", async () => {
    const { db, admin, pid, ann, submitted, route } = await setup();
    await updateCutoverSettings(db, admin.ctx, pid, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "https://new.internal:8443" });
    const { item, submission } = await submitted("/orders");
    for (const target of [{ to: "shadow" }, { to: "canary", percent: 10 }, { to: "new" }]) {
      const refused = await errorOf(switchRoute(db, admin.ctx, pid, item.id, { target, reason: "ship it" }));
      expect(refused?.code).toBe("conflict");
      expect(refused?.message).toMatch(/GET \/orders was ported by a coding agent and needs a person's confirmation first/);
    }
    const other = await route("/other");
    expect(await codeOf(bulkSwitch(db, admin.ctx, pid, { itemIds: [item.id, other.id], target: { to: "shadow" }, reason: "both" }))).toBe("conflict");
    expect(await db.trafficSwitch.count({ where: { projectId: pid } })).toBe(0);
    expect(await codeOf(switchRoute(db, admin.ctx, pid, item.id, { target: { to: "legacy" }, reason: "stay" }))).toBe("ok");
    await confirmSubmission(db, ann.ctx, pid, submission.id);
    expect(await switchRoute(db, admin.ctx, pid, item.id, { target: { to: "shadow" }, reason: "confirmed" })).toMatchObject({ changed: true });
  });
});

describe("the Review queue", () => {
  test("an engineer sees their own agents' pending work, a steward everyone's; decided ones are listed as recent with their confirmer", async () => {
    const { db, pid, ann, bob, stella, viewer, submitted } = await setup();
    const a1 = await submitted("/a1");
    await submitted("/b1", bob.user.id);
    const a2 = await submitted("/a2");
    const mine = await listReviewQueue(db, ann.ctx, pid, {});
    expect(mine.pending.map((r) => r.item.key)).toEqual(["GET /a1", "GET /a2"]);
    expect(mine.reviewsAll).toBe(false);
    expect(mine.pending[0]).toMatchObject({ agent: { name: "claude-code", version: "2.1.0" }, owner: { name: "Ann" }, mine: true, durationMs: 3_600_000 });
    const all = await listReviewQueue(db, stella.ctx, pid, {});
    expect(all.pending.map((r) => r.item.key)).toEqual(["GET /a1", "GET /b1", "GET /a2"]);
    expect(all.pendingCount).toBe(3);
    expect((await listReviewQueue(db, stella.ctx, pid, { mine: "true" })).pending).toEqual([]);
    expect((await listReviewQueue(db, viewer.ctx, pid, {})).pending).toEqual([]);
    expect(await pendingReviewCount(db, ann.ctx, pid)).toBe(2);
    expect(await pendingReviewCount(db, stella.ctx, pid)).toBe(3);
    await confirmSubmission(db, stella.ctx, pid, a1.submission.id);
    await sendBackSubmission(db, stella.ctx, pid, a2.submission.id, { note: "n".repeat(400) });
    const after = await listReviewQueue(db, ann.ctx, pid, {});
    expect(after.pending).toEqual([]);
    expect(after.recent.map((r) => [r.item.key, r.outcome, r.decidedBy?.name])).toEqual(
      expect.arrayContaining([
        ["GET /a1", "CONFIRMED", "Stella"],
        ["GET /a2", "SENT_BACK", "Stella"],
      ]),
    );
    expect(await codeOf(listReviewQueue(db, ann.ctx, pid, { mine: "yes" }))).toBe("invalid_input");
  });

  test("pages of 50, oldest first, by cursor", async () => {
    const { db, org, pid, ann, stella, route } = await setup();
    const base = Date.now();
    for (let i = 0; i < 53; i++) {
      const item = await route(`/p${String(i).padStart(2, "0")}`);
      await createSubmission(db, { organizationId: org, projectId: pid, itemId: item.id, holderId: ann.user.id }, { submittedAt: new Date(base + i * 1000) });
    }
    const first = await listReviewQueue(db, stella.ctx, pid, {});
    expect(first.pending).toHaveLength(50);
    expect(first.next).not.toBeNull();
    const second = await listReviewQueue(db, stella.ctx, pid, { cursor: first.next! });
    expect(second.pending.map((r) => r.item.key)).toEqual(["GET /p50", "GET /p51", "GET /p52"]);
    expect(second.next).toBeNull();
  });

  test("an active lease is not in the queue; the claims list shows it as the agent's", async () => {
    const { db, org, pid, ann, stella, route } = await setup();
    const item = await route("/leased");
    await createLease(db, { organizationId: org, projectId: pid, itemId: item.id, holderId: ann.user.id }, { progressNote: "Halfway" });
    expect((await listReviewQueue(db, stella.ctx, pid, {})).pending).toEqual([]);
    // The claims list shows it as the agent's lease, with its expiry and last progress.
    const { listActiveClaims } = await import("@/lib/claims/queries");
    const [claim] = await listActiveClaims(db, stella.ctx, pid, { holderId: ann.user.id });
    expect(claim).toMatchObject({ agentName: "claude-code", agentVersion: "2.1.0", progressNote: "Halfway", holder: { name: "Ann" } });
    expect(claim.leaseExpiresAt).toBeInstanceOf(Date);
  });
});

describe("the agents' progress figures", () => {
  test("on a seeded history: ported by agents and people, confirmed against sent back, medians, rollbacks by origin; empty before any agent", async () => {
    const { db, admin, pid, ann, stella, submitted, route } = await setup();
    const { getAgentProgress } = await import("@/lib/agents/progress");
    expect((await getAgentProgress(db, ann.ctx, pid)).any).toBe(false);
    await updateCutoverSettings(db, admin.ctx, pid, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "https://new.internal:8443" });
    const a1 = await submitted("/a1");
    const a2 = await submitted("/a2");
    await submitted("/a3");
    await confirmSubmission(db, stella.ctx, pid, a1.submission.id);
    await sendBackSubmission(db, stella.ctx, pid, a2.submission.id, { note: "again" });
    const p1 = await route("/p1");
    await setItemStatus(db, admin.ctx, pid, p1.id, { status: "PORTED" });
    for (const id of [a1.item.id, p1.id]) await switchRoute(db, admin.ctx, pid, id, { target: { to: "new" }, reason: "ported and tested" });
    await switchRoute(db, admin.ctx, pid, a1.item.id, { target: { to: "legacy" }, reason: "errors on checkout" });

    const progress = await getAgentProgress(db, ann.ctx, pid);
    expect(progress.any).toBe(true);
    expect(progress.weeks.reduce((n, w) => n + w.agents, 0)).toBe(1);
    expect(progress.weeks.reduce((n, w) => n + w.people, 0)).toBe(1);
    expect(progress.outcomes).toEqual({ confirmed: 1, sentBack: 1, awaiting: 1, confirmedShare: 0.5 });
    expect(progress.durations.claimToSubmittedMs).toBe(3_600_000);
    expect(progress.durations.submittedToConfirmedMs).toBeGreaterThanOrEqual(0);
    expect(progress.rollbacks).toEqual([
      { origin: "agent", switchedRoutes: 1, rolledBackRoutes: 1, rollbackShare: 1 },
      { origin: "person", switchedRoutes: 1, rolledBackRoutes: 0, rollbackShare: 0 },
    ]);
  });
});

describe("the project's agent settings", () => {
  test("managers set the limits (0–100, per token at most the total) and query values in briefs; others are refused", async () => {
    const { db, admin, pid, stella } = await setup();
    const { updateAgentSettings, getProjectSettings } = await import("@/lib/projects/project-settings");
    await updateAgentSettings(db, admin.ctx, pid, { agentLimitPerToken: "0", agentLimitTotal: "100", briefQueryValues: "on" });
    expect(await getProjectSettings(db, admin.ctx, pid)).toMatchObject({ agentLimitPerToken: 0, agentLimitTotal: 100, briefQueryValues: true });
    for (const bad of [
      { agentLimitPerToken: -1, agentLimitTotal: 10 },
      { agentLimitPerToken: 2, agentLimitTotal: 101 },
      { agentLimitPerToken: 5, agentLimitTotal: 4 },
      { agentLimitPerToken: 1.5, agentLimitTotal: 4 },
    ])
      expect(await codeOf(updateAgentSettings(db, admin.ctx, pid, bad))).toBe("invalid_input");
    expect(await codeOf(updateAgentSettings(db, stella.ctx, pid, { agentLimitPerToken: 1, agentLimitTotal: 1 }))).toBe("forbidden");
    await updateAgentSettings(db, admin.ctx, pid, { agentLimitPerToken: 3, agentLimitTotal: 8 });
    expect(await getProjectSettings(db, admin.ctx, pid)).toMatchObject({ agentLimitPerToken: 3, agentLimitTotal: 8, briefQueryValues: false });
  });
});

describe("the demo", () => {
  test("a new user finds two agent submissions awaiting confirmation and one confirmed", async () => {
    const db = await testDb();
    const { seedDemo, DEMO_EMAIL, DEMO_ORG_SLUG, DEMO_PROJECT_SLUG } = await import("@/lib/demo/seed-demo");
    const { orgContextFor } = await import("@/lib/orgs/membership");
    await seedDemo(db);
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    const ctx = await orgContextFor(db, user.id, DEMO_ORG_SLUG);
    const project = await db.project.findFirstOrThrow({ where: { organizationId: ctx.organizationId, slug: DEMO_PROJECT_SLUG } });
    const queue = await listReviewQueue(db, ctx, project.id, {});
    expect(queue.pending.map((r) => [r.item.key, r.item.agentReview])).toEqual([
      ["GET /user/<int:id>/followers", "AWAITING"],
      ["POST /user/<int:id>/follow", "AWAITING"],
    ]);
    expect(queue.recent.map((r) => [r.item.key, r.outcome, r.decidedBy?.name])).toEqual([["GET /notifications/settings", "CONFIRMED", "Dana Demo"]]);
  });
});
