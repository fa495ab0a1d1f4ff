import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { DAY_MS } from "../helpers/clock";
import { newAdmin, newProject } from "../helpers/factories";
import { createItem, deleteItem, updateItem } from "@/lib/inventory/items";
import { bulkUpdateItems } from "@/lib/inventory/bulk";
import type { Db } from "@/lib/db/client";

/** What Item.lastMovedAt must be: the latest of the item's history rows adding it, changing its status or restoring it. */
async function fromHistory(db: Db, itemId: string): Promise<Date | null> {
  const row = await db.itemChange.findFirst({
    where: { itemId, field: { in: ["created", "status", "restored"] } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return row?.at ?? null;
}
const stored = async (db: Db, itemId: string) => (await db.item.findUniqueOrThrow({ where: { id: itemId }, select: { lastMovedAt: true } })).lastMovedAt;

async function expectKept(db: Db, itemId: string) {
  const expected = await fromHistory(db, itemId);
  expect(await stored(db, itemId)).toEqual(expected);
  return expected;
}

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("Item.lastMovedAt, kept by a trigger on the history", () => {
  test("set when the item is added, moved by a status change, kept by other changes and by a delete, moved by a restore", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const { id: pid } = await newProject(db, ctx);
    const item = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/a" });
    const created = await expectKept(db, item.id);
    expect(created).not.toBeNull();

    await later();
    await updateItem(db, ctx, pid, "ROUTE", item.id, { status: "IN_PROGRESS" });
    const moved = await expectKept(db, item.id);
    expect(moved!.getTime()).toBeGreaterThan(created!.getTime());

    await later();
    await updateItem(db, ctx, pid, "ROUTE", item.id, { trafficPerDay: 40, notes: "not a movement" });
    expect(await stored(db, item.id)).toEqual(moved);

    await later();
    await deleteItem(db, ctx, pid, "ROUTE", item.id);
    expect(await stored(db, item.id)).toEqual(moved);

    await later();
    const restored = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/a" });
    expect(restored.id).toBe(item.id);
    const back = await expectKept(db, item.id);
    expect(back!.getTime()).toBeGreaterThan(moved!.getTime());
  });

  test("a bulk status change moves every item it changes, and only those", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const { id: pid } = await newProject(db, ctx);
    const [a, b, c] = await Promise.all(["/a", "/b", "/c"].map((path) => createItem(db, ctx, pid, "ROUTE", { method: "GET", path })));
    const before = await stored(db, c.id);
    await later();
    await bulkUpdateItems(db, ctx, pid, "ROUTE", { ids: [a.id, b.id], set: { status: "PORTED" } });
    for (const id of [a.id, b.id, c.id]) await expectKept(db, id);
    expect(await stored(db, c.id)).toEqual(before);
    expect((await stored(db, a.id))!.getTime()).toBeGreaterThan(before!.getTime());
  });

  test("history rows corrected or removed: read again from what is left", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const { id: pid } = await newProject(db, ctx);
    const item = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/a" });
    await updateItem(db, ctx, pid, "ROUTE", item.id, { status: "IN_PROGRESS" });
    await updateItem(db, ctx, pid, "ROUTE", item.id, { status: "PORTED" });

    // Moving the status rows back in time: the creation is now the latest movement.
    const longAgo = new Date(Date.now() - 30 * DAY_MS);
    await db.itemChange.updateMany({ where: { itemId: item.id, field: "status" }, data: { at: longAgo } });
    const created = (await db.itemChange.findFirstOrThrow({ where: { itemId: item.id, field: "created" } })).at;
    expect(await expectKept(db, item.id)).toEqual(created);

    // Moving one forward: it is the latest again.
    const ahead = new Date(Date.now() + DAY_MS);
    const status = await db.itemChange.findFirstOrThrow({ where: { itemId: item.id, field: "status", toValue: "PORTED" } });
    await db.itemChange.update({ where: { id: status.id }, data: { at: ahead } });
    expect(await expectKept(db, item.id)).toEqual(ahead);

    // Deleting it: the creation again; then the creation: the status row left; then nothing.
    await db.itemChange.delete({ where: { id: status.id } });
    expect(await expectKept(db, item.id)).toEqual(created);
    await db.itemChange.deleteMany({ where: { itemId: item.id, field: "created" } });
    expect(await expectKept(db, item.id)).toEqual(longAgo);
    await db.itemChange.deleteMany({ where: { itemId: item.id, field: "status" } });
    expect(await expectKept(db, item.id)).toBeNull();
  });

  test("rows of other items and other fields leave an item alone", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const { id: pid } = await newProject(db, ctx);
    const a = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/a" });
    const b = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/b" });
    const before = await stored(db, a.id);
    await db.itemChange.create({
      data: {
        organizationId: ctx.organizationId,
        projectId: pid,
        itemId: a.id,
        field: "notes",
        fromValue: "",
        toValue: "x",
        at: new Date(Date.now() + DAY_MS),
      },
    });
    await updateItem(db, ctx, pid, "ROUTE", b.id, { status: "IN_PROGRESS" });
    expect(await stored(db, a.id)).toEqual(before);
    await expectKept(db, b.id);
  });
});
