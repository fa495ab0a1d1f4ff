import { beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";
import { createItem } from "@/lib/inventory/items";
import { signIn } from "../helpers/session";

const claim = await import("@/app/api/v1/projects/[projectId]/items/[itemId]/claim/route");
const handover = await import("@/app/api/v1/projects/[projectId]/items/[itemId]/claim/handover/route");
const claims = await import("@/app/api/v1/projects/[projectId]/claims/route");

beforeEach(() => {
  signIn(null);
});

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  const headersFor = (role: "STEWARD" | "ENGINEER" | "VIEWER") => tokenHeaders(db, a.ctx, project.id, role);
  const item = await createItem(db, a.ctx, project.id, "ROUTE", { method: "GET", path: "/users/<int:id>" });
  return { db, a, pid: project.id, item, headersFor };
}

describe("claims API", () => {
  test("50 concurrent claim requests for one item: exactly one 201 and 49 × 409 naming the holder", async () => {
    const { db, a, pid, item, headersFor } = await setup();
    const headers = await headersFor("STEWARD");
    const engineers = [];
    for (let i = 0; i < 50; i++) engineers.push(await newMember(db, a.organization.id, "ENGINEER", `Engineer ${i}`));
    const responses = await Promise.all(
      engineers.map((e) => call(claim.POST, { projectId: pid, itemId: item.id }, { method: "POST", headers, body: JSON.stringify({ holderId: e.user.id }) })),
    );
    const created = responses.filter((r) => r.status === 201);
    const conflicts = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const holder = created[0].body.holder.name;
    for (const c of conflicts)
      expect(c.body.error.message).toMatch(new RegExp(`^(Already claimed by ${holder} since|Someone claimed this item at the same moment)`));
    expect(await db.claim.count({ where: { itemId: item.id } })).toBe(1);
  });

  test("a signed-in engineer claims with an empty body, lists it as theirs, hands it over, and releases", async () => {
    const { db, a, pid, item } = await setup();
    const ann = await newMember(db, a.organization.id, "ENGINEER", "Ann");
    const bob = await newMember(db, a.organization.id, "ENGINEER", "Bob");
    signIn(ann.user.id);
    const made = await call(claim.POST, { projectId: pid, itemId: item.id }, { method: "POST" });
    expect(made).toMatchObject({ status: 201, body: { holderId: ann.user.id, holder: { name: "Ann" } } });
    const mine = await call(claims.GET, { projectId: pid }, { query: "?holder=me" });
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0]).toMatchObject({
      item: { key: "GET /users/<int:id>" },
      staleness: { stale: false },
      nextStep: "Start: set the status to in progress.",
    });
    const badBody = await call(handover.POST, { projectId: pid, itemId: item.id }, { method: "POST", body: JSON.stringify({ holder: bob.user.id }) });
    expect(badBody.status).toBe(400);
    const passed = await call(handover.POST, { projectId: pid, itemId: item.id }, { method: "POST", body: JSON.stringify({ holderId: bob.user.id }) });
    expect(passed).toMatchObject({ status: 200, body: { holderId: bob.user.id } });
    expect((await call(claim.DELETE, { projectId: pid, itemId: item.id }, { method: "DELETE" })).status).toBe(403);
    signIn(bob.user.id);
    expect((await call(claim.DELETE, { projectId: pid, itemId: item.id }, { method: "DELETE" })).status).toBe(204);
    expect((await call(claim.DELETE, { projectId: pid, itemId: item.id }, { method: "DELETE" })).status).toBe(404);
  });

  test("a viewer token cannot claim; an engineer token must name a holder but may not claim for others; another project's item is 404", async () => {
    const { db, a, pid, item, headersFor } = await setup();
    const ann = await newMember(db, a.organization.id, "ENGINEER", "Ann");
    const at = { projectId: pid, itemId: item.id };
    expect((await call(claim.POST, at, { method: "POST", headers: await headersFor("VIEWER") })).status).toBe(403);
    const engineer = await headersFor("ENGINEER");
    const noHolder = await call(claim.POST, at, { method: "POST", headers: engineer });
    expect(noHolder).toMatchObject({ status: 400, body: { error: { details: { fields: { holderId: ["Required with a token."] } } } } });
    expect((await call(claim.POST, at, { method: "POST", headers: engineer, body: JSON.stringify({ holderId: ann.user.id }) })).status).toBe(403);
    const other = await newAdmin(db, "B");
    const otherProject = await newProject(db, other.ctx);
    const otherItem = await createItem(db, other.ctx, otherProject.id, "ROUTE", { method: "GET", path: "/x" });
    const steward = await headersFor("STEWARD");
    expect(
      (await call(claim.POST, { projectId: pid, itemId: otherItem.id }, { method: "POST", headers: steward, body: JSON.stringify({ holderId: ann.user.id }) }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(
          claim.POST,
          { projectId: otherProject.id, itemId: otherItem.id },
          { method: "POST", headers: steward, body: JSON.stringify({ holderId: ann.user.id }) },
        )
      ).status,
    ).toBe(404);
    expect(await db.claim.count({ where: { projectId: { in: [pid, otherProject.id] } } })).toBe(0);
  });
});
