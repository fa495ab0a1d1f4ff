import { expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newProject } from "../helpers/factories";
import { addRelation, createItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { projectRanking } from "@/lib/ranking/project-ranking";

test("the next targets' 'can start now' view leaves out blocked and claimed items; 'all' (the API's default) keeps them", async () => {
  const db = await testDb();
  const { ctx } = await newAdmin(db);
  const { id: pid } = await newProject(db, ctx);
  const free = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/free", trafficPerDay: 100 });
  const taken = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/taken", trafficPerDay: 200 });
  const blocked = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/blocked", trafficPerDay: 300 });
  await createItem(db, ctx, pid, "MODULE", { path: "core" });
  await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/done", status: "PORTED" });
  await addRelation(db, ctx, pid, blocked.id, { targetKey: "core" });
  await claimItem(db, ctx, pid, taken.id, {});

  const now = await projectRanking(db, ctx, pid, { view: "now" });
  expect(now.items.map((i) => i.key).sort()).toEqual(["GET /free", "core"]);
  expect(now.availability).toEqual({ startable: 2, blocked: 1, claimed: 1 });
  const all = await projectRanking(db, ctx, pid, {});
  expect(all.items.map((i) => i.key).sort()).toEqual(["GET /blocked", "GET /free", "GET /taken", "core"]);
  expect(all.items.at(-1)!.key).toBe("GET /blocked");
  expect(now.items.find((i) => i.id === free.id)!.position).toBe(all.items.find((i) => i.id === free.id)!.position);
  expect(await codeOf(projectRanking(db, ctx, pid, { view: "later" }))).toBe("invalid_input");
});
