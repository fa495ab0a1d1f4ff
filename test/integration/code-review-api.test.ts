/**
 * Issue 22, the code review's API: list the proposals (a token may read them), decide them (a
 * steward's session; an engineer's is refused), and read and replace the code settings.
 */
import { beforeEach, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject, tokenHeaders } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { call } from "../helpers/route";
import { signIn } from "../helpers/session";
import { createItem } from "@/lib/inventory/items";

const proposalsApi = await import("@/app/api/v1/projects/[projectId]/code/proposals/route");
const decideApi = await import("@/app/api/v1/projects/[projectId]/code/proposals/decide/route");
const settingsApi = await import("@/app/api/v1/projects/[projectId]/code/settings/route");

beforeEach(() => {
  pinClock();
  signIn(null);
});

test("proposals: listed by kind for a token, decided by a steward (not an engineer), history naming the commit", async () => {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam");
  const engineer = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
  await db.repository.create({ data: { organizationId: admin.organization.id, projectId: pid, role: "LEGACY", url: "git@gitlab.com:acme/shop.git" } });
  const item = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/gone" });
  const commit = "0123456789abcdef0123456789abcdef01234567";
  const base = { organizationId: admin.organization.id, projectId: pid, commit };
  const addition = await db.codeProposal.create({
    data: {
      ...base,
      kind: "ADDITION",
      method: "GET",
      path: "/orders/<int:id>",
      file: "shop/views.py",
      line: 42,
      value: "baseline",
      openKey: "ADDITION:GET /orders/<int:id>",
    },
  });
  const retirement = await db.codeProposal.create({
    data: {
      ...base,
      kind: "RETIREMENT",
      itemId: item.id,
      method: "GET",
      path: "/gone",
      file: "shop/old.py",
      line: 3,
      value: "RETIRED",
      openKey: `RETIREMENT:${item.id}`,
    },
  });

  const viewer = await tokenHeaders(db, admin.ctx, pid, "VIEWER");
  const all = await call(proposalsApi.GET, { projectId: pid }, { headers: viewer });
  expect(all.status, JSON.stringify(all.body)).toBe(200);
  expect(all.body.openCounts).toEqual({ ADDITION: 1, RETIREMENT: 1, STATUS: 0, OWNER: 0 });
  const additions = await call(proposalsApi.GET, { projectId: pid }, { headers: viewer, query: "?kind=ADDITION" });
  expect(additions.body.data).toEqual([
    expect.objectContaining({
      id: addition.id,
      route: "GET /orders/<int:id>",
      baseline: true,
      file: "shop/views.py",
      line: 42,
      link: `https://gitlab.com/acme/shop/-/blob/${commit}/shop/views.py#L42`,
    }),
  ]);
  expect((await call(proposalsApi.GET, { projectId: pid }, { headers: viewer, query: "?kind=NOPE" })).status).toBe(400);

  signIn(engineer.user.id);
  const refused = await call(decideApi.POST, { projectId: pid }, { method: "POST", json: { ids: [addition.id], decision: "accept" } });
  expect(refused.status).toBe(403);

  signIn(steward.user.id);
  const decided = await call(decideApi.POST, { projectId: pid }, { method: "POST", json: { ids: [addition.id, retirement.id], decision: "accept" } });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  expect(decided.body.decided).toBe(2);
  const created = await db.item.findFirstOrThrow({ where: { projectId: pid, key: "GET /orders/<int:id>" }, include: { changes: true } });
  expect(created.changes.find((c) => c.field === "code")?.toValue).toContain("commit 0123456789ab (shop/views.py:42)");
  expect((await db.item.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("RETIRED");
  const again = await call(decideApi.POST, { projectId: pid }, { method: "POST", json: { ids: [addition.id], decision: "reject" } });
  expect(again.status).toBe(409);
});

test("code settings: read by anyone in the project, replaced by a steward, invalid rows refused with their fields", async () => {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam");
  const engineer = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
  const params = { projectId: project.id };

  signIn(engineer.user.id);
  const defaults = await call(settingsApi.GET, params);
  expect(defaults.body).toEqual({ prefixMap: [], manualLinks: [], ownerTeams: [], autoAcceptScope: false, autoApplyStatus: false, driftDays: 7 });
  expect((await call(settingsApi.PUT, params, { method: "PUT", json: { driftDays: 3 } })).status).toBe(403);

  signIn(steward.user.id);
  const put = await call(settingsApi.PUT, params, {
    method: "PUT",
    json: { prefixMap: [{ legacy: "/", new: "/app/" }], manualLinks: [{ legacy: "get /profile/:id", new: "GET /app/account/{id}" }], driftDays: 3 },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  expect(put.body.manualLinks).toEqual([{ legacy: "GET /profile/<id>", new: "GET /app/account/<id>" }]);
  const bad = await call(settingsApi.PUT, params, { method: "PUT", json: { prefixMap: [{ legacy: "app", new: "/x/" }], driftDays: 0 } });
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["driftDays", "prefixMap.0.legacy"]);
  expect((await call(settingsApi.GET, params)).body.driftDays).toBe(3);
});
