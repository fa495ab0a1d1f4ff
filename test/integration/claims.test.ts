import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { claimItem, handOverClaim, releaseClaim } from "@/lib/claims/claims";
import { createItem, deleteItem, updateItem } from "@/lib/inventory/items";
import { bulkUpdateItems } from "@/lib/inventory/bulk";
import { projectInScope } from "@/lib/projects/project-in-scope";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const route = (path: string) => createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path });
  const member = (role: "ENGINEER" | "STEWARD" | "VIEWER" | "MANAGER", name?: string) => newMember(db, admin.organization.id, role, name);
  return { db, ...admin, pid, route, member };
}

const claimHistory = async (db: Db, itemId: string) =>
  (await db.itemChange.findMany({ where: { itemId, field: { startsWith: "claim" } }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((c) => [
    c.field,
    c.fromValue,
    c.toValue,
  ]);

const activeHolder = async (db: Db, itemId: string) => (await db.claim.findUnique({ where: { activeItemId: itemId } }))?.holderId ?? null;

describe("claiming an item", () => {
  test("an engineer claims; a second engineer gets a conflict naming the holder; history records it", async () => {
    const { db, pid, route, member } = await setup();
    const item = await route("/users/<int:id>");
    const ann = await member("ENGINEER", "Ann");
    const bob = await member("ENGINEER", "Bob");
    const claim = await claimItem(db, ann.ctx, pid, item.id);
    expect(claim).toMatchObject({ itemId: item.id, holderId: ann.user.id, holder: { name: "Ann" } });
    // The default expected finish is 14 days after the start.
    expect(Math.round((claim.expectedFinish.getTime() - claim.startedAt.getTime()) / 86_400_000)).toBe(14);
    const taken = await claimItem(db, bob.ctx, pid, item.id).catch((e) => e);
    expect(taken.code).toBe("conflict");
    expect(taken.message).toMatch(/^Already claimed by Ann since \d{4}-\d{2}-\d{2}\.$/);
    expect(taken.details.holder).toEqual({ id: ann.user.id, name: "Ann" });
    expect(await claimHistory(db, item.id)).toEqual([["claim", null, `user:${ann.user.id}`]]);
  });

  test("50 simultaneous claims of one item: exactly one succeeds, 49 conflict, one active claim in the database", async () => {
    const { db, pid, route, member } = await setup();
    const item = await route("/contested");
    const engineers = [];
    for (let i = 0; i < 50; i++) engineers.push(await member("ENGINEER", `Engineer ${i}`));
    const results = await Promise.all(engineers.map((e) => codeOf(claimItem(db, e.ctx, pid, item.id))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "conflict")).toHaveLength(49);
    expect(await db.claim.count({ where: { itemId: item.id } })).toBe(1);
    expect(await claimHistory(db, item.id)).toHaveLength(1);
  });

  test("the per-person limit holds, also when one person claims several items at once", async () => {
    const { db, ctx, pid, route, member } = await setup();
    const items = [];
    for (let i = 0; i < 6; i++) items.push(await route(`/r${i}`));
    const ann = await member("ENGINEER", "Ann");
    const results = await Promise.all(
      items.slice(0, 5).map((it) =>
        claimItem(db, ann.ctx, pid, it.id).then(
          () => "ok",
          (e) => e.message as string,
        ),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(3);
    expect(results.filter((r) => r !== "ok")).toEqual(
      [0, 1].map(() => "Ann already holds 3 active claims, this project's limit. Release or finish one first."),
    );
    // The limit is a project setting.
    await db.project.update({ where: { id: pid }, data: { claimLimit: 4 } });
    expect(await codeOf(claimItem(db, ann.ctx, pid, items[5].id))).toBe("ok");
    expect(await db.claim.count({ where: { projectId: pid, holderId: ann.user.id, endedAt: null } })).toBe(4);
    expect(ctx.role).toBe("ADMIN");
  });

  test("who may claim: viewers not at all, engineers only for themselves, stewards for anyone; tokens must name the holder", async () => {
    const { db, ctx, pid, route, member, organization } = await setup();
    const [a, b, c, d] = [await route("/a"), await route("/b"), await route("/c"), await route("/d")];
    const viewer = await member("VIEWER");
    const ann = await member("ENGINEER", "Ann");
    const bob = await member("ENGINEER", "Bob");
    const steward = await member("STEWARD");
    expect(await codeOf(claimItem(db, viewer.ctx, pid, a.id))).toBe("forbidden");
    expect(await codeOf(claimItem(db, ann.ctx, pid, a.id, { holderId: bob.user.id }))).toBe("forbidden");
    expect(await codeOf(claimItem(db, steward.ctx, pid, a.id, { holderId: bob.user.id }))).toBe("ok");
    expect(await activeHolder(db, a.id)).toBe(bob.user.id);
    // Viewers cannot hold a claim either.
    const toViewer = await claimItem(db, steward.ctx, pid, b.id, { holderId: viewer.user.id }).catch((e) => e);
    expect(toViewer.details.fields).toEqual({ holderId: ["Viewers cannot hold claims."] });
    const token: OrgContext = { organizationId: organization.id, organizationSlug: organization.slug, role: "STEWARD", userId: null, tokenProjectId: pid };
    const noHolder = await claimItem(db, token, pid, c.id).catch((e) => e);
    expect(noHolder.details.fields).toEqual({ holderId: ["Required with a token."] });
    expect(await codeOf(claimItem(db, token, pid, c.id, { holderId: ann.user.id }))).toBe("ok");
    expect(await codeOf(claimItem(db, ctx, pid, d.id, { expectedFinish: "next week" }))).toBe("invalid_input");
    expect(await db.claim.count({ where: { projectId: pid } })).toBe(2);
  });

  test("another organisation's item, or a project another token is for, is not found; a finished item cannot be claimed", async () => {
    const { db, ctx, pid, route, organization } = await setup();
    const item = await route("/x");
    const other = await newAdmin(db, "Other");
    expect(await codeOf(claimItem(db, other.ctx, pid, item.id))).toBe("not_found");
    const otherProject = await newProject(db, ctx, { name: "Second" });
    const tokenForOther: OrgContext = {
      organizationId: organization.id,
      organizationSlug: organization.slug,
      role: "STEWARD",
      userId: null,
      tokenProjectId: otherProject.id,
    };
    expect(await codeOf(claimItem(db, tokenForOther, pid, item.id, { holderId: ctx.userId! }))).toBe("not_found");
    expect(await codeOf(projectInScope(db, tokenForOther, pid))).toBe("not_found");
    await updateItem(db, ctx, pid, "ROUTE", item.id, { status: "PORTED" });
    const done = await claimItem(db, ctx, pid, item.id).catch((e) => e);
    expect(done).toMatchObject({ code: "conflict", message: "This route is already done; there is nothing to claim." });
  });
});

describe("ending a claim", () => {
  test("release: by the holder or a steward, not by another engineer; then someone else can claim", async () => {
    const { db, pid, route, member } = await setup();
    const item = await route("/a");
    const ann = await member("ENGINEER", "Ann");
    const bob = await member("ENGINEER", "Bob");
    const steward = await member("STEWARD");
    await claimItem(db, ann.ctx, pid, item.id);
    expect(await codeOf(releaseClaim(db, bob.ctx, pid, item.id))).toBe("forbidden");
    await releaseClaim(db, ann.ctx, pid, item.id);
    expect(await codeOf(releaseClaim(db, ann.ctx, pid, item.id))).toBe("not_found");
    await claimItem(db, bob.ctx, pid, item.id);
    await releaseClaim(db, steward.ctx, pid, item.id);
    const ended = await db.claim.findMany({ where: { itemId: item.id }, orderBy: { startedAt: "asc" } });
    expect(ended.map((c) => [c.holderId, c.endReason, c.activeItemId])).toEqual([
      [ann.user.id, "RELEASED", null],
      [bob.user.id, "RELEASED", null],
    ]);
    expect(ended[1].endedById).toBe(steward.user.id);
    expect(await claimHistory(db, item.id)).toEqual([
      ["claim", null, `user:${ann.user.id}`],
      ["claim", `user:${ann.user.id}`, null],
      ["claim", null, `user:${bob.user.id}`],
      ["claim", `user:${bob.user.id}`, null],
    ]);
  });

  test("hand-over to another member: the old claim ends, a new one starts, the new holder's limit applies", async () => {
    const { db, pid, route, member } = await setup();
    const [a, b] = [await route("/a"), await route("/b")];
    const ann = await member("ENGINEER", "Ann");
    const bob = await member("ENGINEER", "Bob");
    const viewer = await member("VIEWER");
    await claimItem(db, ann.ctx, pid, a.id);
    expect(await codeOf(handOverClaim(db, bob.ctx, pid, a.id, { holderId: bob.user.id }))).toBe("forbidden");
    expect(await codeOf(handOverClaim(db, ann.ctx, pid, a.id, { holderId: viewer.user.id }))).toBe("invalid_input");
    expect(await codeOf(handOverClaim(db, ann.ctx, pid, a.id, { holderId: ann.user.id }))).toBe("invalid_input");
    await db.project.update({ where: { id: pid }, data: { claimLimit: 1 } });
    await claimItem(db, bob.ctx, pid, b.id);
    expect(await codeOf(handOverClaim(db, ann.ctx, pid, a.id, { holderId: bob.user.id }))).toBe("conflict");
    await releaseClaim(db, bob.ctx, pid, b.id);
    const next = await handOverClaim(db, ann.ctx, pid, a.id, { holderId: bob.user.id });
    expect(next.holderId).toBe(bob.user.id);
    expect(await activeHolder(db, a.id)).toBe(bob.user.id);
    expect((await db.claim.findFirstOrThrow({ where: { itemId: a.id, holderId: ann.user.id } })).endReason).toBe("HANDED_OVER");
    expect((await claimHistory(db, a.id)).at(-1)).toEqual(["claim", `user:${ann.user.id}`, `user:${bob.user.id}`]);
  });

  test("porting the item completes its claim (one edit or in bulk); deleting it releases the claim", async () => {
    const { db, ctx, pid, route, member } = await setup();
    const [a, b, c] = [await route("/a"), await route("/b"), await route("/c")];
    const ann = await member("ENGINEER", "Ann");
    for (const item of [a, b, c]) await claimItem(db, ann.ctx, pid, item.id);
    await updateItem(db, ann.ctx, pid, "ROUTE", a.id, { status: "IN_PROGRESS" });
    expect(await activeHolder(db, a.id)).toBe(ann.user.id); // in progress is not done
    await updateItem(db, ann.ctx, pid, "ROUTE", a.id, { status: "PORTED" });
    await bulkUpdateItems(db, ctx, pid, "ROUTE", { ids: [b.id], set: { status: "VERIFIED" } });
    await deleteItem(db, ctx, pid, "ROUTE", c.id);
    const claims = await db.claim.findMany({ where: { projectId: pid }, include: { item: { select: { key: true } } }, orderBy: { item: { key: "asc" } } });
    expect(claims.map((x) => [x.item.key, x.endReason, x.activeItemId])).toEqual([
      ["GET /a", "COMPLETED", null],
      ["GET /b", "COMPLETED", null],
      ["GET /c", "RELEASED", null],
    ]);
    expect((await claimHistory(db, a.id)).at(-1)).toEqual(["claim completed", `user:${ann.user.id}`, null]);
    expect((await claimHistory(db, c.id)).at(-1)).toEqual(["claim", `user:${ann.user.id}`, null]);
  });
});
