import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { addRelation, createItem, deleteItem, getItemDetail, removeRelation, updateItem } from "@/lib/inventory/items";
import { listItems } from "@/lib/inventory/list";
import { bulkUpdateItems } from "@/lib/inventory/bulk";
import { addTeamMember, createTeam, deleteTeam } from "@/lib/teams/teams";
import type { Db } from "@/lib/db/client";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  return { db, ...admin, project, pid: project.id };
}

const fields = async (db: Db, itemId: string) =>
  (await db.itemChange.findMany({ where: { itemId }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((c) => [c.field, c.fromValue, c.toValue]);

describe("items", () => {
  test("a route's path is stored in the canonical pattern; its key is method + path; creation is history", async () => {
    const { db, ctx, pid } = await setup();
    const route = await createItem(db, ctx, pid, "ROUTE", { method: "get", path: "users/:id/", trafficPerDay: "1200", complexity: "2", testCoverage: "some" });
    expect(route).toMatchObject({
      key: "GET /users/<id>",
      path: "/users/<id>",
      method: "GET",
      trafficPerDay: 1200,
      complexity: 2,
      testCoverage: 40,
      status: "NOT_STARTED",
    });
    expect(await fields(db, route.id)).toEqual([["created", null, "NOT_STARTED"]]);
    const again = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/users/{id}" }).catch((e) => e);
    expect(again.code).toBe("conflict");
    expect(await db.item.count({ where: { projectId: pid } })).toBe(1);
  });

  test.each([
    [{ method: "GET", path: "/x", complexity: "9" }, "complexity"],
    [{ method: "BREW", path: "/x" }, "method"],
    [{ method: "GET", path: "/x", status: "DONE" }, "status"],
    [{ method: "GET", path: "/x", status: "WONT_PORT" }, "statusReason"],
    [{ method: "GET", path: "/x", testCoverage: "lots" }, "testCoverage"],
    [{ method: "GET", path: "/x", links: ["javascript:alert(1)"] }, "links.0"],
    [{ method: "GET", path: "/x", ownerId: "x" }, "_"],
  ])("bad input %j names %s and writes nothing", async (input, field) => {
    const { db, ctx, pid } = await setup();
    const error = await createItem(db, ctx, pid, "ROUTE", input).catch((e) => e);
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.details.fields)).toContain(field);
    expect(await db.item.count({ where: { projectId: pid } })).toBe(0);
  });

  test("every changed field gets one history row, with who; an unchanged save writes none", async () => {
    const { db, ctx, pid, user } = await setup();
    const teamId = await createTeam(db, ctx, { name: "Payments" });
    const mod = await createItem(db, ctx, pid, "MODULE", { path: "app/billing", complexity: "5" });
    await updateItem(db, ctx, pid, "MODULE", mod.id, { status: "IN_PROGRESS", owner: `team:${teamId}`, complexity: "5", notes: "Stripe first" });
    await updateItem(db, ctx, pid, "MODULE", mod.id, { status: "IN_PROGRESS", notes: "Stripe first" });
    expect(await fields(db, mod.id)).toEqual([
      ["created", null, "NOT_STARTED"],
      ["status", "NOT_STARTED", "IN_PROGRESS"],
      ["owner", null, `team:${teamId}`],
      ["notes", "", "Stripe first"],
    ]);
    expect((await db.itemChange.findFirstOrThrow({ where: { itemId: mod.id, field: "status" } })).actorId).toBe(user.id);
  });

  test("text cut in the middle of an emoji is saved, in the item and its history, with U+FFFD for the lone half", async () => {
    const { db, ctx, pid } = await setup();
    const mod = await createItem(db, ctx, pid, "MODULE", { path: "app/emoji" });
    const cut = "Ship it \u{1F680}".slice(0, -1); // ends with a lone high surrogate
    const updated = await updateItem(db, ctx, pid, "MODULE", mod.id, { notes: cut });
    expect(updated.notes).toBe("Ship it \uFFFD");
    expect((await fields(db, mod.id)).at(-1)).toEqual(["notes", "", "Ship it \uFFFD"]);
    await updateItem(db, ctx, pid, "MODULE", mod.id, { notes: "Ship it \u{1F680}" }); // a whole pair is kept
    expect((await fields(db, mod.id)).at(-1)).toEqual(["notes", "Ship it \uFFFD", "Ship it \u{1F680}"]);
  });

  test("won't port needs a reason; leaving it clears the reason", async () => {
    const { db, ctx, pid } = await setup();
    const r = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/internal/reports" });
    expect(await codeOf(updateItem(db, ctx, pid, "ROUTE", r.id, { status: "WONT_PORT" }))).toBe("invalid_input");
    await updateItem(db, ctx, pid, "ROUTE", r.id, { status: "WONT_PORT", statusReason: "Replaced by the BI tool" });
    const back = await updateItem(db, ctx, pid, "ROUTE", r.id, { status: "NOT_STARTED" });
    expect(back.statusReason).toBeNull();
  });

  test("an owner from another organisation is refused", async () => {
    const { db, ctx, pid } = await setup();
    const other = await newAdmin(db, "Other");
    const theirTeam = await createTeam(db, other.ctx, { name: "Theirs" });
    const r = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/" });
    expect(await codeOf(updateItem(db, ctx, pid, "ROUTE", r.id, { owner: `team:${theirTeam}` }))).toBe("invalid_input");
    expect(await codeOf(updateItem(db, ctx, pid, "ROUTE", r.id, { owner: `user:${other.user.id}` }))).toBe("invalid_input");
  });

  test("viewers read but cannot change; another tenant's project and items are not found", async () => {
    const { db, ctx, pid, organization } = await setup();
    const r = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/" });
    const viewer = await newMember(db, organization.id, "VIEWER");
    expect((await listItems(db, viewer.ctx, pid, "ROUTE", {})).total).toBe(1);
    expect(await codeOf(createItem(db, viewer.ctx, pid, "ROUTE", { method: "GET", path: "/a" }))).toBe("forbidden");
    expect(await codeOf(updateItem(db, viewer.ctx, pid, "ROUTE", r.id, { complexity: 1 }))).toBe("forbidden");
    const other = await newAdmin(db, "Mallory");
    const theirs = await newProject(db, other.ctx);
    expect(await codeOf(listItems(db, ctx, theirs.id, "ROUTE", {}))).toBe("not_found");
    expect(await codeOf(updateItem(db, other.ctx, theirs.id, "ROUTE", r.id, { complexity: 1 }))).toBe("not_found");
    expect(await codeOf(updateItem(db, other.ctx, pid, "ROUTE", r.id, { complexity: 1 }))).toBe("not_found");
    expect(await codeOf(getItemDetail(db, other.ctx, pid, r.id))).toBe("not_found");
    expect((await db.item.findUniqueOrThrow({ where: { id: r.id } })).complexity).toBe(3);
  });
});

describe("blocked by", () => {
  test("a route is blocked by unported modules it uses; a module by dependencies not ready; each says by which", async () => {
    const { db, ctx, pid } = await setup();
    const route = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/billing/history" });
    const billing = await createItem(db, ctx, pid, "MODULE", { path: "app/billing" });
    const stripe = await createItem(db, ctx, pid, "DEPENDENCY", { name: "stripe/stripe-php", readiness: "REPLACE", replacement: "stripe" });
    await addRelation(db, ctx, pid, route.id, { targetKey: "app/billing" });
    await addRelation(db, ctx, pid, billing.id, { targetKey: "stripe/stripe-php" });
    const count = async (id: string) => (await db.item.findUniqueOrThrow({ where: { id } })).blockerCount;
    expect([await count(route.id), await count(billing.id)]).toEqual([1, 1]);
    expect((await getItemDetail(db, ctx, pid, route.id)).blockers.map((b) => b.key)).toEqual(["app/billing"]);

    // Replaced and marked ported: its plan (replace) stays, and it blocks no more.
    await updateItem(db, ctx, pid, "DEPENDENCY", stripe.id, { status: "PORTED" });
    expect(await count(billing.id)).toBe(0);
    expect(await db.item.findUniqueOrThrow({ where: { id: stripe.id } })).toMatchObject({ status: "PORTED", readiness: "REPLACE" });
    await updateItem(db, ctx, pid, "MODULE", billing.id, { status: "PORTED" });
    expect(await count(route.id)).toBe(0);
    await updateItem(db, ctx, pid, "MODULE", billing.id, { status: "IN_PROGRESS" }); // a rollback blocks again
    expect(await count(route.id)).toBe(1);
    await deleteItem(db, ctx, pid, "MODULE", billing.id); // a deleted module blocks nothing
    expect(await count(route.id)).toBe(0);
  });

  test("relations: only to the next kind down, to existing items; removing one is history too", async () => {
    const { db, ctx, pid } = await setup();
    const route = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/" });
    const mod = await createItem(db, ctx, pid, "MODULE", { path: "app/core" });
    expect(await codeOf(addRelation(db, ctx, pid, route.id, { targetKey: "app/nope" }))).toBe("invalid_input");
    const dep = await createItem(db, ctx, pid, "DEPENDENCY", { name: "twig" });
    expect(await codeOf(addRelation(db, ctx, pid, dep.id, { targetKey: "app/core" }))).toBe("invalid_input");
    await addRelation(db, ctx, pid, route.id, { targetKey: "app/core" });
    await removeRelation(db, ctx, pid, route.id, mod.id);
    expect((await fields(db, route.id)).slice(1)).toEqual([
      ["uses", null, "app/core"],
      ["uses", "app/core", null],
    ]);
  });
});

describe("delete and restore", () => {
  test("deleting keeps the history; adding the same key again restores the item", async () => {
    const { db, ctx, pid } = await setup();
    const r = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/about", trafficPerDay: 50 });
    await deleteItem(db, ctx, pid, "ROUTE", r.id);
    expect((await listItems(db, ctx, pid, "ROUTE", {})).total).toBe(0);
    const back = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/about", trafficPerDay: 60 });
    expect(back.id).toBe(r.id);
    expect(await fields(db, r.id)).toEqual([
      ["created", null, "NOT_STARTED"],
      ["deleted", "NOT_STARTED", null],
      ["restored", null, "NOT_STARTED"],
      ["trafficPerDay", "50", "60"],
    ]);
  });
});

describe("lists", () => {
  async function seeded() {
    const s = await setup();
    const { db, ctx, pid, organization } = s;
    const teamId = await createTeam(db, ctx, { name: "Identity" });
    const member = await newMember(db, organization.id, "ENGINEER", "Eve");
    await addTeamMember(db, ctx, { teamId, userId: member.user.id });
    for (let i = 0; i < 23; i++) {
      await createItem(db, ctx, pid, "ROUTE", {
        method: i % 2 ? "POST" : "GET",
        path: `/r/${String(i).padStart(2, "0")}`,
        trafficPerDay: i * 100,
        complexity: (i % 5) + 1,
        status: i < 3 ? "PORTED" : "NOT_STARTED",
        owner: i % 3 === 0 ? `team:${teamId}` : i % 3 === 1 ? `user:${member.user.id}` : null,
      });
    }
    return { ...s, teamId, member };
  }

  test("filters: search, status, owner, team (with its people), complexity and traffic ranges", async () => {
    const { db, ctx, pid, teamId, member } = await seeded();
    const total = async (q: Record<string, string>) => (await listItems(db, ctx, pid, "ROUTE", q)).total;
    expect(await total({})).toBe(23);
    expect(await total({ q: "post /r/1" })).toBe(5); // POST /r/11,13,15,17,19
    expect(await total({ status: "PORTED" })).toBe(3);
    expect(await total({ status: "PORTED,NOT_STARTED" })).toBe(23);
    expect(await total({ owner: "none" })).toBe(7);
    expect(await total({ owner: `user:${member.user.id}` })).toBe(8);
    expect(await total({ team: teamId })).toBe(16);
    expect(await total({ complexityMin: "4", complexityMax: "5" })).toBe(8); // i % 5 in {3, 4}: 3,4,8,9,13,14,18,19
    expect(await total({ trafficMin: "1000", trafficMax: "1500" })).toBe(6);
  });

  test("sorting and keyset pages: forward and back give the same rows, none twice", async () => {
    const { db, ctx, pid } = await seeded();
    const seen: string[] = [];
    let page = await listItems(db, ctx, pid, "ROUTE", { sort: "traffic", limit: "5" });
    const pages = [page.data.map((r) => r.key)];
    while (page.nextCursor) {
      page = await listItems(db, ctx, pid, "ROUTE", { sort: "traffic", limit: "5", cursor: page.nextCursor });
      pages.push(page.data.map((r) => r.key));
    }
    for (const p of pages) seen.push(...p);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe("GET /r/22"); // most traffic first
    // Walk back from the last page: the page before it is the one we saw.
    const back = await listItems(db, ctx, pid, "ROUTE", { sort: "traffic", limit: "5", cursor: page.prevCursor!, direction: "prev" });
    expect(back.data.map((r) => r.key)).toEqual(pages[pages.length - 2]);
  });

  test("unknown filters and bad values are refused with the field named", async () => {
    const { db, ctx, pid } = await setup();
    const error = await listItems(db, ctx, pid, "ROUTE", { colour: "red", complexityMin: "0" }).catch((e) => e);
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.details.fields)).toEqual(expect.arrayContaining(["_", "complexityMin"]));
  });
});

describe("bulk edit and teams", () => {
  test("bulk sets status and owner, all or nothing, with history", async () => {
    const { db, ctx, pid } = await setup();
    const teamId = await createTeam(db, ctx, { name: "Content" });
    const a = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/a" });
    const b = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/b", status: "PORTED" });
    const other = await newAdmin(db, "Other");
    const foreign = await createItem(db, other.ctx, (await newProject(db, other.ctx)).id, "ROUTE", { method: "GET", path: "/x" });
    expect(await codeOf(bulkUpdateItems(db, ctx, pid, "ROUTE", { ids: [a.id, foreign.id], set: { status: "PORTED" } }))).toBe("not_found");
    expect((await db.item.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("NOT_STARTED");

    const result = await bulkUpdateItems(db, ctx, pid, "ROUTE", { ids: [a.id, b.id], set: { status: "PORTED", owner: `team:${teamId}` } });
    expect(result).toEqual({ matched: 2, changed: 2 });
    expect((await fields(db, a.id)).slice(1)).toEqual([
      ["status", "NOT_STARTED", "PORTED"],
      ["owner", null, `team:${teamId}`],
    ]);
    expect((await fields(db, b.id)).slice(1)).toEqual([["owner", null, `team:${teamId}`]]);
  });

  test("deleting a team leaves its items unowned, recorded in their history", async () => {
    const { db, ctx, pid } = await setup();
    const teamId = await createTeam(db, ctx, { name: "Platform" });
    const r = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/", owner: `team:${teamId}` });
    expect(await deleteTeam(db, ctx, { teamId })).toEqual({ unowned: 1 });
    expect((await db.item.findUniqueOrThrow({ where: { id: r.id } })).ownerTeamId).toBeNull();
    expect((await fields(db, r.id)).at(-1)).toEqual(["owner", `team:${teamId}`, null]);
    expect(await codeOf(createTeam(db, ctx, { name: "" }))).toBe("invalid_input");
  });
});
