/**
 * Issue 22's read side: what the code says about an item (both repositories' file, line and
 * commit, with links on known hosts), Progress's "declared vs found in code" (count and traffic),
 * the inventory's drift and "found in new code" filters (the page's and the API's, one parser),
 * the inventory's code column. Rows a scan would write are written directly
 * (test/helpers/code-rows.ts). Another tenant's rows are never counted and its ids are not found.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject, tokenHeaders } from "../helpers/factories";
import { DAY_MS, pinClock } from "../helpers/clock";
import { signIn } from "../helpers/session";
import { serveApi } from "../helpers/api-server";
import { linkRepository, codeRoute, putItemCode } from "../helpers/code-rows";
import { createItem, deleteItem } from "@/lib/inventory/items";
import { listItems } from "@/lib/inventory/list";
import { createTeam } from "@/lib/teams/teams";
import { codeCells, getCodeAgreement, getItemCode, hasLinkedRepository } from "@/lib/repositories/queries";

const inventoryApi = await import("@/app/api/v1/projects/[projectId]/[kind]/route");
let api: Awaited<ReturnType<typeof serveApi>>;
beforeAll(async () => {
  api = await serveApi([{ path: "/api/v1/projects/{projectId}/routes", handlers: { GET: inventoryApi.GET }, fixed: { kind: "routes" } }]);
});
afterAll(async () => {
  await api?.close();
});

beforeEach(() => {
  pinClock();
  signIn(null);
});

const LEGACY_COMMIT = "abc1234def5678abc1234def5678abc1234def56";
const NEW_COMMIT = "def5678abc1234def5678abc1234def5678abc12";

/** A project with both repositories and six routes, one of each situation; and another tenant with drift of its own. */
async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const scope = { organizationId: admin.ctx.organizationId, projectId: project.id };
  const route = (path: string, extra: Record<string, unknown> = {}) => createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path, ...extra });
  const legacy = await linkRepository(db, scope, "LEGACY", "https://github.com/acme/shop-legacy.git", LEGACY_COMMIT);
  const fresh = await linkRepository(db, scope, "NEW", "git@gitlab.com:acme/shop.git", NEW_COMMIT);
  await codeRoute(db, scope, legacy.id, { method: "GET", path: "/a", file: "app/views.py", line: 42, commit: LEGACY_COMMIT });
  await codeRoute(db, scope, fresh.id, { method: "GET", path: "/app/a", file: "shop/views.py", line: 7, commit: NEW_COMMIT, framework: "django" });
  const since = new Date(Date.now() - 12 * DAY_MS);
  const newAt = (file: string, line: number) => ({
    newMethod: "GET",
    newFile: file,
    newLine: line,
    newCommit: NEW_COMMIT,
    newSince: since,
    matchVia: "pattern",
  });
  const legacyAt = (line: number) => ({ legacyFile: "app/views.py", legacyLine: line, legacyCommit: LEGACY_COMMIT });

  const a = await route("/a", { status: "PORTED", trafficPerDay: 100 });
  const b = await route("/b", { status: "PORTED", trafficPerDay: 50 });
  const c = await route("/c", { trafficPerDay: 30 });
  const d = await route("/d", { status: "RETIRED", trafficPerDay: 0 });
  const e = await route("/e", { trafficPerDay: 20 });
  const f = await route("/f", { status: "WONT_PORT", statusReason: "Dead page", trafficPerDay: 1000 });
  const v = await route("/v", { status: "VERIFIED", trafficPerDay: 200 });
  const gone = await route("/gone", { status: "PORTED", trafficPerDay: 5 });
  await putItemCode(db, scope, a.id, { ...legacyAt(42), ...newAt("shop/views.py", 7), newPath: "/app/a" });
  await putItemCode(db, scope, b.id, { ...legacyAt(50), drift: "ported-not-in-code", driftSince: since });
  await putItemCode(db, scope, c.id, { ...legacyAt(60), ...newAt("shop/views.py", 20), newPath: "/app/c", drift: "in-code-not-started", driftSince: since });
  await putItemCode(db, scope, d.id, { ...legacyAt(70), drift: "retired-returned", driftSince: since });
  await putItemCode(db, scope, f.id, { ...legacyAt(80), ...newAt("shop/dead.py", 1) });
  await putItemCode(db, scope, v.id, { ...legacyAt(90), ...newAt("shop/v.py", 3) });
  await putItemCode(db, scope, gone.id, { ...legacyAt(99), drift: "ported-not-in-code" });
  await deleteItem(db, admin.ctx, project.id, "ROUTE", gone.id);

  const other = await newAdmin(db, "Other");
  const theirProject = await newProject(db, other.ctx);
  const theirScope = { organizationId: other.ctx.organizationId, projectId: theirProject.id };
  await linkRepository(db, theirScope, "NEW", "https://github.com/other/app", NEW_COMMIT);
  const theirs = [];
  for (const [path, status, drift] of [
    ["/a", "PORTED", "ported-not-in-code"],
    ["/x", "NOT_STARTED", "in-code-not-started"],
    ["/y", "RETIRED", "retired-returned"],
  ] as const) {
    const item = await createItem(db, other.ctx, theirProject.id, "ROUTE", { method: "GET", path, status, trafficPerDay: 10_000 });
    await putItemCode(db, theirScope, item.id, { ...newAt("other.py", 1), drift });
    theirs.push(item);
  }
  return { db, ...admin, project, scope, items: { a, b, c, d, e, f, v }, since, other, theirProject, theirs };
}

describe("what the code says about one item", () => {
  test("both sides with file, line, commit and a link on GitHub / GitLab; suggestions; drift; another tenant's item is not found", async () => {
    const s = await setup();
    const teamId = await createTeam(s.db, s.ctx, { name: "Payments" });
    await putItemCode(s.db, s.scope, s.items.a.id, { suggestedOwnerTeamId: teamId, codeOwners: ["@acme/payments"], codeComplexity: 4, codeTestCoverage: 40 });
    const viewer = await newMember(s.db, s.ctx.organizationId, "VIEWER");

    const view = await getItemCode(s.db, viewer.ctx, s.project.id, s.items.a.id);
    expect(view.repositories.legacy?.url).toBe("https://github.com/acme/shop-legacy.git");
    expect(view.code?.legacy).toEqual({
      file: "app/views.py",
      line: 42,
      commit: LEGACY_COMMIT,
      href: `https://github.com/acme/shop-legacy/blob/${LEGACY_COMMIT}/app/views.py#L42`,
    });
    expect(view.code?.new).toMatchObject({ file: "shop/views.py", line: 7, commit: NEW_COMMIT, method: "GET", path: "/app/a", via: "pattern", since: s.since });
    expect(view.code?.new?.href).toBe(`https://gitlab.com/acme/shop/-/blob/${NEW_COMMIT}/shop/views.py#L7`);
    expect(view.code?.suggestions).toEqual({ ownerTeam: { id: teamId, name: "Payments" }, codeOwners: ["@acme/payments"], complexity: 4, testCoverage: 40 });
    expect(view.code?.drift).toBeNull();

    const drifted = await getItemCode(s.db, viewer.ctx, s.project.id, s.items.b.id);
    expect(drifted.code?.new).toBeNull();
    expect(drifted.code?.drift).toEqual({ kind: "ported-not-in-code", since: s.since });

    // Nothing said about it yet: the repositories, no code.
    const quiet = await getItemCode(s.db, viewer.ctx, s.project.id, s.items.e.id);
    expect(quiet.code).toBeNull();
    expect(quiet.repositories.new?.role).toBe("NEW");

    // Another tenant's item through this project, or this item through theirs: not found.
    expect(await codeOf(getItemCode(s.db, s.ctx, s.project.id, s.theirs[0].id))).toBe("not_found");
    expect(await codeOf(getItemCode(s.db, s.other.ctx, s.project.id, s.items.a.id))).toBe("not_found");
    expect(await codeOf(getItemCode(s.db, s.other.ctx, s.theirProject.id, s.items.a.id))).toBe("not_found");
  });

  test("a folder on the server has no link: plain file and line", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const scope = { organizationId: admin.ctx.organizationId, projectId: project.id };
    await linkRepository(db, scope, "LEGACY", "/srv/repos/legacy", LEGACY_COMMIT);
    const item = await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/a" });
    await putItemCode(db, scope, item.id, { legacyFile: "app/views.py", legacyLine: 42, legacyCommit: LEGACY_COMMIT });
    const view = await getItemCode(db, admin.ctx, project.id, item.id);
    expect(view.code?.legacy).toEqual({ file: "app/views.py", line: 42, commit: LEGACY_COMMIT, href: null });
    expect(view.repositories.new).toBeNull();
  });
});

describe("Progress: declared vs found in code", () => {
  test("routes in scope, declared ported, found in the new code and both, by count and traffic; drift per kind; never another tenant's", async () => {
    const s = await setup();
    const agreement = await getCodeAgreement(s.db, s.ctx, s.project.id);
    expect(agreement.linked).toEqual({ legacy: true, new: true });
    // a, b, c, d, e, v (f is won't port; "gone" is deleted)
    expect(agreement.scope).toEqual({ count: 6, trafficPerDay: 100 + 50 + 30 + 0 + 20 + 200 });
    expect(agreement.declared).toEqual({ count: 3, trafficPerDay: 100 + 50 + 200 });
    expect(agreement.found).toEqual({ count: 3, trafficPerDay: 100 + 30 + 200 });
    expect(agreement.agree).toEqual({ count: 2, trafficPerDay: 300 });
    expect(agreement.drift).toEqual({ "ported-not-in-code": 1, "in-code-not-started": 1, "retired-returned": 1 });

    const theirs = await getCodeAgreement(s.db, s.other.ctx, s.theirProject.id);
    expect(theirs.linked).toEqual({ legacy: false, new: true });
    expect(theirs.found.count).toBe(3);
    expect(await codeOf(getCodeAgreement(s.db, s.other.ctx, s.project.id))).toBe("not_found");
  });

  test("a project with no repository says so, and counts nothing found", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/a", status: "PORTED", trafficPerDay: 9 });
    expect(await hasLinkedRepository(db, admin.ctx, project.id)).toBe(false);
    const agreement = await getCodeAgreement(db, admin.ctx, project.id);
    expect(agreement).toMatchObject({ linked: { legacy: false, new: false }, declared: { count: 1, trafficPerDay: 9 }, found: { count: 0, trafficPerDay: 0 } });
  });
});

describe("the inventory's drift filters", () => {
  const keys = (page: { data: { key: string }[] }) => page.data.map((i) => i.key).sort();

  test("each kind of drift, any, found in new code yes/no, with other filters; another tenant's rows never listed", async () => {
    const s = await setup();
    const list = (query: Record<string, string>) => listItems(s.db, s.ctx, s.project.id, "ROUTE", query);
    expect(keys(await list({ drift: "ported-not-in-code" }))).toEqual(["GET /b"]);
    expect(keys(await list({ drift: "in-code-not-started" }))).toEqual(["GET /c"]);
    expect(keys(await list({ drift: "retired-returned" }))).toEqual(["GET /d"]);
    expect(keys(await list({ drift: "any" }))).toEqual(["GET /b", "GET /c", "GET /d"]);
    expect(keys(await list({ inNewCode: "true" }))).toEqual(["GET /a", "GET /c", "GET /f", "GET /v"]);
    expect(keys(await list({ inNewCode: "false" }))).toEqual(["GET /b", "GET /d", "GET /e"]);
    expect(keys(await list({ inNewCode: "true", status: "PORTED,VERIFIED" }))).toEqual(["GET /a", "GET /v"]);
    expect((await list({ drift: "any" })).total).toBe(3);
    expect(await codeOf(list({ drift: "sideways" }))).toBe("invalid_input");
    expect(await codeOf(list({ inNewCode: "maybe" }))).toBe("invalid_input");

    const theirs = (query: Record<string, string>) => listItems(s.db, s.other.ctx, s.theirProject.id, "ROUTE", query);
    expect(keys(await theirs({ drift: "any" }))).toEqual(["GET /a", "GET /x", "GET /y"]);
    expect(keys(await theirs({ inNewCode: "false" }))).toEqual([]);
  });

  test("the API's list takes the same filters (one parser), and refuses a wrong value with 400", async () => {
    const s = await setup();
    const headers = await tokenHeaders(s.db, s.ctx, s.project.id, "VIEWER");
    const get = async (qs: string) => {
      const res = await fetch(`${api.url}/api/v1/projects/${s.project.id}/routes?${qs}`, { headers });
      return { status: res.status, body: (await res.json()) as { data?: { key: string }[]; error?: { code: string } } };
    };
    const drift = await get("drift=in-code-not-started");
    expect(drift.status).toBe(200);
    expect(drift.body.data?.map((i) => i.key)).toEqual(["GET /c"]);
    const missing = await get("inNewCode=false&sort=traffic");
    expect(missing.body.data?.map((i) => i.key)).toEqual(["GET /b", "GET /e", "GET /d"]);
    const bad = await get("drift=sideways");
    expect(bad.status).toBe(400);
    // Their token on this project: not found.
    const theirHeaders = await tokenHeaders(s.db, s.other.ctx, s.theirProject.id, "VIEWER");
    const res = await fetch(`${api.url}/api/v1/projects/${s.project.id}/routes?drift=any`, { headers: theirHeaders });
    expect([403, 404]).toContain(res.status);
  });

  test("the code column: one query for the page's rows, only this tenant's", async () => {
    const s = await setup();
    const cells = await codeCells(s.db, s.ctx, s.project.id, [s.items.a.id, s.items.b.id, s.items.e.id, s.theirs[1].id]);
    expect(cells.get(s.items.a.id)).toEqual({ drift: null, inNewCode: true });
    expect(cells.get(s.items.b.id)).toEqual({ drift: "ported-not-in-code", inNewCode: false });
    expect(cells.has(s.items.e.id)).toBe(false);
    expect(cells.has(s.theirs[1].id)).toBe(false);
  });
});

describe("the code demo (what the browser tests sign in to)", () => {
  test("seeds once: both repositories, the routes' code with one drift of each kind, agreeing figures", async () => {
    const { seedCodeDemo, CODE_DEMO_EMAIL } = await import("@/lib/demo/seed-code-demo");
    const { orgContextFor } = await import("@/lib/orgs/membership");
    const db = await testDb();
    expect(await seedCodeDemo(db)).toEqual({ created: true });
    expect(await seedCodeDemo(db)).toEqual({ created: false });
    const user = await db.user.findUniqueOrThrow({ where: { email: CODE_DEMO_EMAIL }, include: { memberships: { include: { organization: true } } } });
    const ctx = await orgContextFor(db, user.id, user.memberships[0].organization.slug);
    const project = await db.project.findFirstOrThrow({ where: { organizationId: ctx.organizationId } });
    const agreement = await getCodeAgreement(db, ctx, project.id);
    expect(agreement.linked).toEqual({ legacy: true, new: true });
    expect(agreement.drift).toEqual({ "ported-not-in-code": 1, "in-code-not-started": 1, "retired-returned": 1 });
    expect(agreement.declared.count).toBe(3);
    expect(agreement.agree.count).toBe(2);
    const about = await db.item.findFirstOrThrow({ where: { projectId: project.id, key: "GET /about" } });
    const view = await getItemCode(db, ctx, project.id, about.id);
    expect(view.code?.legacy).toMatchObject({ file: "pages/about.php", line: 12, href: null });
    expect(view.code?.new).toMatchObject({ file: "shop/views.py", line: 42 });
    // Items through the domain function: each has its history.
    expect(await db.itemChange.count({ where: { itemId: about.id } })).toBeGreaterThan(0);
  });
});
