/**
 * Issue 13: one state per item. The status says where an item is; a dependency's readiness only
 * how it moves. Reaching a finished status settles everything that depends on it, in the same
 * transaction: the claim completes, the item leaves Next targets and My work, what it blocked is
 * unblocked, and progress counts it.
 */
import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { addRelation, createItem, setItemStatus, updateItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { listActiveClaims } from "@/lib/claims/queries";
import { projectRanking } from "@/lib/ranking/project-ranking";
import { loadDashboard } from "@/lib/progress/dashboard";
import { listInbox, markRead, unreadCount } from "@/lib/notifications/inbox";
import { declineHandover, requestHandover } from "@/lib/claims/handover-request";
import { handOverClaim } from "@/lib/claims/claims";
import { isFinished, settledStatus } from "@/lib/inventory/item-state";
import { dependencyPlan } from "@/lib/inventory/labels";
import { codeOf } from "../helpers/errors";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const eng = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
  const other = await newMember(db, admin.organization.id, "ENGINEER", "Olu");
  return { db, ...admin, pid: project.id, eng, other };
}

describe("one state per item", () => {
  test("marking a claimed dependency ported: claim completed, gone from Next targets and My work, what it blocked unblocked, progress +1 — in one change", async () => {
    const { db, ctx, pid, eng } = await setup();
    const es = await createItem(db, ctx, pid, "DEPENDENCY", { name: "elasticsearch/elasticsearch", readiness: "UPGRADE_NEEDED", targetVersion: "8.12.1" });
    const search = await createItem(db, ctx, pid, "MODULE", { path: "app/search" });
    await addRelation(db, ctx, pid, search.id, { targetKey: "elasticsearch/elasticsearch" });
    await claimItem(db, eng.ctx, pid, es.id);
    const before = await loadDashboard(db, ctx, pid, {});
    const donesBefore = before.series.burnUp.at(-1)!.ported;
    const ranked = await projectRanking(db, ctx, pid, {});
    expect(ranked.items.map((i) => i.key)).toContain("elasticsearch/elasticsearch");
    expect(ranked.items.find((i) => i.key === "app/search")?.tier).toBe("blocked");

    const { previous } = await setItemStatus(db, eng.ctx, pid, es.id, { status: "PORTED" });
    expect(previous).toBe("NOT_STARTED");

    const item = await db.item.findUniqueOrThrow({ where: { id: es.id } });
    expect(item).toMatchObject({ status: "PORTED", readiness: "UPGRADE_NEEDED" });
    expect(dependencyPlan(item)).toBe("Upgraded to 8.12.1");
    const claim = await db.claim.findFirstOrThrow({ where: { itemId: es.id } });
    expect(claim).toMatchObject({ activeItemId: null, endReason: "COMPLETED" });
    expect(await listActiveClaims(db, eng.ctx, pid, { holderId: eng.user.id })).toEqual([]);
    const after = await projectRanking(db, ctx, pid, {});
    expect(after.items.map((i) => i.key)).not.toContain("elasticsearch/elasticsearch");
    expect(after.items.find((i) => i.key === "app/search")?.tier).not.toBe("blocked");
    expect((await db.item.findUniqueOrThrow({ where: { id: search.id } })).blockerCount).toBe(0);
    expect((await loadDashboard(db, ctx, pid, {})).series.burnUp.at(-1)!.ported).toBe(donesBefore + 1);
    const history = await db.itemChange.findMany({ where: { itemId: es.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(history.map((h) => h.field)).toEqual(["created", "claim", "status", "claim completed"]);
  });

  test("won't port is finished too: no claim, no target, blocks nothing", async () => {
    const { db, ctx, pid, eng } = await setup();
    const legacy = await createItem(db, ctx, pid, "MODULE", { path: "app/legacy_reports" });
    const route = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/reports" });
    await addRelation(db, ctx, pid, route.id, { targetKey: "app/legacy_reports" });
    await claimItem(db, eng.ctx, pid, legacy.id);
    await updateItem(db, eng.ctx, pid, "MODULE", legacy.id, { status: "WONT_PORT", statusReason: "Replaced by the BI tool" });
    expect((await db.claim.findFirstOrThrow({ where: { itemId: legacy.id } })).endReason).toBe("COMPLETED");
    expect((await db.item.findUniqueOrThrow({ where: { id: route.id } })).blockerCount).toBe(0);
    expect((await projectRanking(db, ctx, pid, {})).items.map((i) => i.key)).not.toContain("app/legacy_reports");
    expect(await codeOf(claimItem(db, eng.ctx, pid, legacy.id))).toBe("conflict");
  });

  test("a dependency found compatible is ported, from the form and from an import; its readiness is the plan", async () => {
    const { db, ctx, pid } = await setup();
    const six = await createItem(db, ctx, pid, "DEPENDENCY", { name: "six" });
    await updateItem(db, ctx, pid, "DEPENDENCY", six.id, { readiness: "COMPATIBLE" });
    expect(await db.item.findUniqueOrThrow({ where: { id: six.id } })).toMatchObject({ status: "PORTED", readiness: "COMPATIBLE" });
    // An explicit status wins over the settlement.
    const pin = await createItem(db, ctx, pid, "DEPENDENCY", { name: "pinned", readiness: "COMPATIBLE", status: "IN_PROGRESS" });
    expect(pin.status).toBe("IN_PROGRESS");
  });

  test.each([
    ["a compatible dependency, not started", "DEPENDENCY", "NOT_STARTED", {}, "COMPATIBLE", "PORTED"],
    ["a compatible dependency already verified", "DEPENDENCY", "VERIFIED", {}, "COMPATIBLE", undefined],
    ["a compatible dependency, status set too", "DEPENDENCY", "NOT_STARTED", { status: "IN_PROGRESS" }, "COMPATIBLE", "IN_PROGRESS"],
    ["a dependency to upgrade", "DEPENDENCY", "NOT_STARTED", {}, "UPGRADE_NEEDED", undefined],
    ["a module (no readiness)", "MODULE", "NOT_STARTED", {}, undefined, undefined],
  ] as const)("settledStatus: %s → %s", (_n, kind, status, change, readiness, expected) => {
    expect(settledStatus(kind, { status }, { ...change, readiness })).toBe(expected);
  });

  test.each([
    ["NOT_STARTED", false],
    ["IN_PROGRESS", false],
    ["PORTED", true],
    ["VERIFIED", true],
    ["RETIRED", true],
    ["WONT_PORT", true],
  ] as const)("isFinished(%s) = %s", (status, finished) => {
    expect(isFinished({ status })).toBe(finished);
  });
});

describe("asking for a handover", () => {
  test("records the request on the claim and in the history, tells the holder in-app; the holder hands over or keeps it", async () => {
    const { db, ctx, pid, eng, other } = await setup();
    const route = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/settings" });
    await claimItem(db, eng.ctx, pid, route.id);
    expect(await codeOf(requestHandover(db, eng.ctx, pid, route.id))).toBe("invalid_input");

    await requestHandover(db, other.ctx, pid, route.id, { note: "I'm porting the settings module this week" });
    const claim = await db.claim.findFirstOrThrow({ where: { activeItemId: route.id } });
    expect(claim).toMatchObject({ handoverRequestedById: other.user.id, handoverNote: "I'm porting the settings module this week" });
    expect(await unreadCount(db, eng.user.id)).toBe(1);
    const inbox = await listInbox(db, eng.user.id);
    expect(inbox.data[0]).toMatchObject({ kind: "claim.handover_requested", title: "Olu asks you to hand over GET /settings" });
    expect(inbox.data[0].link).toMatch(new RegExp(`/items/${route.id}$`));
    expect(await unreadCount(db, other.user.id)).toBe(0);

    // The holder keeps it: the request is cleared and the asker told.
    await declineHandover(db, eng.ctx, pid, route.id);
    expect((await db.claim.findFirstOrThrow({ where: { activeItemId: route.id } })).handoverRequestedById).toBeNull();
    expect((await listInbox(db, other.user.id)).data[0]).toMatchObject({ kind: "claim.handover_declined" });

    // Asked again, handed over: the new holder is told.
    await requestHandover(db, other.ctx, pid, route.id);
    await handOverClaim(db, eng.ctx, pid, route.id, { holderId: other.user.id });
    expect((await db.claim.findFirstOrThrow({ where: { activeItemId: route.id } })).holderId).toBe(other.user.id);
    expect((await listInbox(db, other.user.id, { unread: "true" })).data.map((n) => n.kind)).toEqual(["claim.handed_over", "claim.handover_declined"]);
    expect((await db.itemChange.findMany({ where: { itemId: route.id, field: "handover asked" } })).length).toBe(2);

    // Marking read is one's own: another person's ids change nothing.
    const mine = (await listInbox(db, other.user.id)).data.map((n) => n.id);
    expect(await markRead(db, eng.user.id, { ids: mine })).toEqual({ marked: 0 });
    expect(await markRead(db, other.user.id, { all: true })).toEqual({ marked: 2 });
    expect(await unreadCount(db, other.user.id)).toBe(0);
  });

  test("another tenant's item answers 404 and nothing is written", async () => {
    const { db, pid, eng, ctx } = await setup();
    const route = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/x" });
    await claimItem(db, eng.ctx, pid, route.id);
    const stranger = await newAdmin(db, "Stranger");
    const before = await db.notification.count();
    expect(await codeOf(requestHandover(db, stranger.ctx, pid, route.id))).toBe("not_found");
    expect(await db.notification.count()).toBe(before);
    expect((await db.claim.findFirstOrThrow({ where: { activeItemId: route.id } })).handoverRequestedById).toBeNull();
  });
});
