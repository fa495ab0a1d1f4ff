import { expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { addRelation, createItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { projectRanking } from "@/lib/ranking/project-ranking";

test("the next targets' 'can start now' view leaves out blocked items and others' claims; 'all' (the API's default) keeps them", async () => {
  const db = await testDb();
  const { ctx, organization } = await newAdmin(db);
  const ann = await newMember(db, organization.id, "ENGINEER", "Ann");
  const { id: pid } = await newProject(db, ctx);
  const free = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/free", trafficPerDay: 100 });
  const taken = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/taken", trafficPerDay: 200 });
  const blocked = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/blocked", trafficPerDay: 300 });
  await createItem(db, ctx, pid, "MODULE", { path: "core" });
  await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/done", status: "PORTED" });
  await addRelation(db, ctx, pid, blocked.id, { targetKey: "core" });
  const mine = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/mine", trafficPerDay: 50 });
  await claimItem(db, ctx, pid, taken.id, { holderId: ann.user.id });
  // The viewer's own claim stays in their "can start now": they hold it, so they can start it.
  await claimItem(db, ctx, pid, mine.id, {});

  const now = await projectRanking(db, ctx, pid, { view: "now" });
  expect(now.items.map((i) => i.key).sort()).toEqual(["GET /free", "GET /mine", "core"]);
  expect(now.availability).toEqual({ startable: 3, blocked: 1, claimed: 1 });
  expect(now.items.find((i) => i.id === mine.id)!.claimedBy).toBe("Ada Admin");
  const all = await projectRanking(db, ctx, pid, {});
  expect(all.items.map((i) => i.key).sort()).toEqual(["GET /blocked", "GET /free", "GET /mine", "GET /taken", "core"]);
  // Seen by Ann, her claim is hers and the admin's is someone else's.
  expect((await projectRanking(db, ann.ctx, pid, { view: "now" })).items.map((i) => i.key).sort()).toEqual(["GET /free", "GET /taken", "core"]);
  expect(all.items.at(-1)!.key).toBe("GET /blocked");
  expect(now.items.find((i) => i.id === free.id)!.position).toBe(all.items.find((i) => i.id === free.id)!.position);
  expect(await codeOf(projectRanking(db, ctx, pid, { view: "later" }))).toBe("invalid_input");
});
