/**
 * Issue 22, the reconcile: a legacy Flask shop and its new Django port, real git repositories in
 * a temporary folder, scanned with scanRepository and reconciled as the scan runner does
 * (test/helpers/code-fixtures.ts). The scope stays honest (additions, retirements, the baseline),
 * each legacy route is matched in the new code (prefix map, manual links), statuses and owners are
 * suggested, drift is flagged, the same commit twice changes nothing, and a steward's bulk
 * decision is all or nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { DAY_MS, pinClock, TEST_START } from "../helpers/clock";
import { tempRoot } from "../helpers/git-repo";
import { LinkedRepo } from "../helpers/code-fixtures";
import { createItem, setItemStatus, updateItem } from "@/lib/inventory/items";
import { createTeam } from "@/lib/teams/teams";
import { setGateConfig } from "@/lib/evidence/enforce";
import { loadDashboard } from "@/lib/progress/dashboard";
import { decideProposals, listProposals } from "@/lib/repositories/proposals";
import { getCodeSettings, setCodeSettings } from "@/lib/repositories/settings";
import { AppError } from "@/lib/errors";
import { projectRanking } from "@/lib/ranking/project-ranking";
import { djangoShop, FLASK_SHOP_INIT, ORDER_VIEWS } from "../helpers/shop-fixtures";

const root = tempRoot("reconcile");
afterAll(() => root.remove());

const LEGACY = {
  "requirements.txt": "Flask==2.3.3\n",
  ".github/CODEOWNERS": "* @acme/platform\n/shop/orders/ @acme/orders\n",
  "shop/__init__.py": FLASK_SHOP_INIT,
  "shop/users/__init__.py": "",
  "shop/users/views.py": `from flask import Blueprint, request

bp = Blueprint("users", __name__)


@bp.route("/")
def list_users():
    return []


@bp.route("/<int:user_id>", methods=["GET", "PUT"])
def user_detail(user_id):
    if request.method == "PUT" and request.json:
        return {}, 204
    return {}
`,
  "shop/orders/__init__.py": "",
  "shop/orders/views.py": `from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.route("/")
def list_orders():
    return []


@bp.route("/<order_id>")
def order_detail(order_id):
    return {"id": order_id}
`,
  "tests/test_orders.py": `def test_detail(client):
    assert client.get("/orders/42").status_code == 200
`,
};

const NEW = djangoShop({
  shop: [...ORDER_VIEWS, { url: "account/", view: "account" }],
  accounts: [
    { url: "", view: "user_list" },
    { url: "<int:pk>/", view: "user_detail", pk: true },
  ],
});

type Setup = Awaited<ReturnType<typeof setup>>;

async function setup(db: Db) {
  pinClock(TEST_START);
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const scope = { organizationId: admin.organization.id, projectId: project.id };
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam");
  const engineer = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
  const orders = await createTeam(db, admin.ctx, { name: "Orders" });
  const platform = await createTeam(db, admin.ctx, { name: "Platform" });
  return { db, admin, project, pid: project.id, scope, steward, engineer, teams: { orders, platform } };
}

const open = async (s: Setup, kind?: string) =>
  (await listProposals(s.db, s.steward.ctx, s.pid, { state: "open", limit: 100, ...(kind ? { kind } : {}) })).data;
const itemByKey = (s: Setup, key: string) =>
  s.db.item.findFirstOrThrow({ where: { projectId: s.pid, key, deletedAt: null }, include: { changes: { orderBy: [{ at: "asc" }, { id: "asc" }] } } });
const codeOfItem = (s: Setup, itemId: string) => s.db.itemCode.findUnique({ where: { itemId } });
const historyCount = (s: Setup) => s.db.itemChange.count({ where: { projectId: s.pid } });
const proposalCount = (s: Setup) => s.db.codeProposal.count({ where: { projectId: s.pid } });

describe("the legacy code keeps the scope honest", () => {
  let s: Setup;
  let legacy: LinkedRepo;
  let firstCommit: string;

  beforeAll(async () => {
    s = await setup(await testDb());
    legacy = await LinkedRepo.link(s.db, s.scope, "LEGACY", LEGACY, { root: root.dir, url: "https://github.com/acme/shop.git" });
    firstCommit = legacy.repo.head();
  });

  test("the first scan proposes every route as the baseline, one proposal per route, with its file, line and a link", async () => {
    const { summary } = await legacy.scan();
    expect(summary.proposals).toBe(6);
    const additions = await open(s, "ADDITION");
    expect(additions.map((p) => `${p.route} ${p.file}:${p.line}`).sort()).toEqual([
      "GET / shop/__init__.py:12",
      "GET /api/users shop/users/views.py:6",
      "GET /api/users/<int:user_id> shop/users/views.py:11",
      "GET /orders shop/orders/views.py:6",
      "GET /orders/<order_id> shop/orders/views.py:11",
      "PUT /api/users/<int:user_id> shop/users/views.py:11",
    ]);
    expect(additions.every((p) => p.baseline && p.commit === firstCommit)).toBe(true);
    const detail = additions.find((p) => p.route === "GET /orders/<order_id>")!;
    expect(detail.link).toBe(`https://github.com/acme/shop/blob/${firstCommit}/shop/orders/views.py#L11`);
  });

  test("the same commit scanned again changes nothing: no proposal, no history row", async () => {
    const proposals = await proposalCount(s);
    const history = await historyCount(s);
    const { summary, result } = await legacy.scan();
    expect(result.log.mode).toBe("unchanged");
    expect(summary.proposals).toBe(0);
    expect(await proposalCount(s)).toBe(proposals);
    expect(await historyCount(s)).toBe(history);
  });

  test("only a steward decides; accepting the baseline in bulk creates the items, their history naming the commit, and moves the scope line", async () => {
    const additions = await open(s, "ADDITION");
    const ids = additions.map((p) => p.id);
    expect(await codeOf(decideProposals(s.db, s.engineer.ctx, s.pid, { ids, decision: "accept" }))).toBe("forbidden");
    const before = await loadDashboard(s.db, s.admin.ctx, s.pid, {});
    const scopeBefore = before.routes.scope;
    const result = await decideProposals(s.db, s.steward.ctx, s.pid, { ids, decision: "accept" });
    expect(result.decided).toBe(6);
    const item = await itemByKey(s, "GET /orders/<order_id>");
    expect(item.status).toBe("NOT_STARTED");
    expect(item.changes.map((c) => [c.field, c.actorId])).toEqual([
      ["created", s.steward.user.id],
      ["code", s.steward.user.id],
    ]);
    expect(item.changes[1].toValue).toContain(`commit ${firstCommit.slice(0, 12)}`);
    expect(item.changes[1].toValue).toContain("shop/orders/views.py:11");
    const after = await loadDashboard(s.db, s.admin.ctx, s.pid, {});
    expect(after.routes.scope).toBe(scopeBefore + 6);
    expect(await open(s, "ADDITION")).toEqual([]);
    // Deciding again is refused: they are no longer open.
    expect(await codeOf(decideProposals(s.db, s.steward.ctx, s.pid, { ids: ids.slice(0, 1), decision: "reject" }))).toBe("conflict");
  });

  test("a route added after the baseline is a (non-baseline) addition; a route gone is a retirement; a rejected addition is not proposed again", async () => {
    await legacy.scan(); // ItemCode now says where each item's route is
    const commit = legacy.commit({
      "shop/orders/views.py":
        LEGACY["shop/orders/views.py"] +
        `

@bp.route("/<order_id>/invoice")
def order_invoice(order_id):
    return {}


@bp.route("/<order_id>/refund", methods=["POST"])
def order_refund(order_id):
    return {}
`,
      "shop/__init__.py": LEGACY["shop/__init__.py"].replace('    @app.route("/")\n    def index():\n        return "shop"\n\n', ""),
    });
    const { summary } = await legacy.scan();
    expect(summary.proposals).toBe(3);
    const additions = await open(s, "ADDITION");
    expect(additions.map((p) => [p.route, p.baseline, p.commit])).toEqual(
      expect.arrayContaining([
        ["GET /orders/<order_id>/invoice", false, commit],
        ["POST /orders/<order_id>/refund", false, commit],
      ]),
    );
    const retirements = await open(s, "RETIREMENT");
    expect(retirements.map((p) => [p.route, p.item?.key, p.file])).toEqual([["GET /", "GET /", "shop/__init__.py"]]);

    const refund = additions.find((p) => p.route === "POST /orders/<order_id>/refund")!;
    await decideProposals(s.db, s.steward.ctx, s.pid, { ids: [refund.id], decision: "reject" });
    legacy.commit({ "README.md": "the shop\n" });
    const again = await legacy.scan();
    expect(again.summary.proposals).toBe(0);
    expect((await open(s, "ADDITION")).map((p) => p.route)).toEqual(["GET /orders/<order_id>/invoice"]);
  });

  test("a hand-entered route the parser never found is never proposed for retirement", async () => {
    await createItem(s.db, s.admin.ctx, s.pid, "ROUTE", { method: "GET", path: "/healthz" });
    legacy.commit({ "CHANGELOG.md": "1.0\n" });
    await legacy.scan();
    expect((await open(s, "RETIREMENT")).map((p) => p.route)).toEqual(["GET /"]);
  });

  test("accepting a retirement retires the item with history naming the commit; the route coming back is drift", async () => {
    const [retirement] = await open(s, "RETIREMENT");
    await decideProposals(s.db, s.steward.ctx, s.pid, { ids: [retirement.id], decision: "accept" });
    const item = await itemByKey(s, "GET /");
    expect(item.status).toBe("RETIRED");
    expect(item.deletedAt).toBeNull();
    expect(item.changes.slice(-2).map((c) => [c.field, c.toValue?.slice(0, 34)])).toEqual([
      ["status", "RETIRED"],
      ["code", "retired: gone from the legacy code"],
    ]);
    expect(item.changes.at(-1)!.toValue).toContain(`commit ${retirement.commit.slice(0, 12)}`);

    legacy.commit({ "shop/__init__.py": LEGACY["shop/__init__.py"] });
    await legacy.scan();
    const code = await codeOfItem(s, item.id);
    expect(code).toMatchObject({ drift: "retired-returned", legacyFile: "shop/__init__.py", legacyLine: 12 });
    // Not an addition: the item exists (Retired).
    expect((await open(s, "ADDITION")).map((p) => p.route)).toEqual(["GET /orders/<order_id>/invoice"]);
  });
});

describe("the new code shows what is ported", () => {
  let s: Setup;
  let legacy: LinkedRepo;
  let next: LinkedRepo;

  beforeAll(async () => {
    s = await setup(await testDb());
    await setCodeSettings(s.db, s.steward.ctx, s.pid, {
      prefixMap: [
        { legacy: "/", new: "/app/" },
        { legacy: "/api/", new: "/api/v2/" },
      ],
      manualLinks: [{ legacy: "GET /api/users", new: "ANY /app/account" }],
      ownerTeams: [
        { owner: "@acme/orders", teamId: s.teams.orders },
        { owner: "@ACME/platform", teamId: s.teams.platform },
      ],
      driftDays: 7,
    });
    legacy = await LinkedRepo.link(s.db, s.scope, "LEGACY", LEGACY, { root: root.dir });
    await legacy.scan();
    await decideProposals(s.db, s.steward.ctx, s.pid, { ids: (await open(s, "ADDITION")).map((p) => p.id), decision: "accept" });
    // A person owns one orders route already: a suggestion never replaces that.
    const detail = await itemByKey(s, "GET /orders/<order_id>");
    await updateItem(s.db, s.admin.ctx, s.pid, "ROUTE", detail.id, { owner: `user:${s.engineer.user.id}` });
    await legacy.scan();
    next = await LinkedRepo.link(s.db, s.scope, "NEW", NEW, { root: root.dir, folders: [{ path: "", frameworks: ["django"] }] });
  });

  test("code settings: a steward sets them (audited), an engineer may not, field errors name the row", async () => {
    expect(await codeOf(setCodeSettings(s.db, s.engineer.ctx, s.pid, {}))).toBe("forbidden");
    const settings = await getCodeSettings(s.db, s.engineer.ctx, s.pid);
    expect(settings.prefixMap).toHaveLength(2);
    expect(settings.autoApplyStatus).toBe(false);
    const bad = await setCodeSettings(s.db, s.steward.ctx, s.pid, { ownerTeams: [{ owner: "@x", teamId: "nope" }] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).details?.fields).toEqual({ "ownerTeams.0.teamId": ["No such team in this organisation."] });
    expect(await s.db.auditEvent.count({ where: { organizationId: s.scope.organizationId, action: "project.code-settings" } })).toBe(1);
  });

  test("CODEOWNERS suggests the team of the handler's file, and an OWNER proposal only for items nobody owns", async () => {
    const list = await itemByKey(s, "GET /orders");
    const detail = await itemByKey(s, "GET /orders/<order_id>");
    expect(await codeOfItem(s, list.id)).toMatchObject({ codeOwners: ["@acme/orders"], suggestedOwnerTeamId: s.teams.orders });
    expect(await codeOfItem(s, detail.id)).toMatchObject({ codeOwners: ["@acme/orders"], suggestedOwnerTeamId: s.teams.orders });
    const owners = await open(s, "OWNER");
    expect(owners.filter((p) => p.item?.key.startsWith("GET /orders")).map((p) => [p.item?.key, p.valueLabel])).toEqual([["GET /orders", "Orders"]]);
    expect(owners.find((p) => p.item?.key === "GET /api/users")?.valueLabel).toBe("Platform");
    const accepted = owners.find((p) => p.item?.key === "GET /orders")!;
    await decideProposals(s.db, s.steward.ctx, s.pid, { ids: [accepted.id], decision: "accept" });
    expect((await itemByKey(s, "GET /orders")).ownerTeamId).toBe(s.teams.orders);
    expect((await itemByKey(s, "GET /orders/<order_id>")).ownerUserId).toBe(s.engineer.user.id);
  });

  test("risk read from the handler: complexity from its size and branches, coverage from a test file mentioning the path", async () => {
    const detail = await codeOfItem(s, (await itemByKey(s, "GET /orders/<order_id>")).id);
    const users = await codeOfItem(s, (await itemByKey(s, "GET /api/users")).id);
    expect(detail).toMatchObject({ codeComplexity: 1, codeTestCoverage: 40 });
    expect(users).toMatchObject({ codeComplexity: 1, codeTestCoverage: 0 });
  });

  test("the ranking uses the risk read from code where people have not set it, and says so", async () => {
    const factorsOf = async (key: string) => {
      const ranking = await projectRanking(s.db, s.admin.ctx, s.pid, { limit: 100 });
      const item = ranking.items.find((i) => i.key === key)!;
      return Object.fromEntries(item.factors.map((f) => [f.name, f.label]));
    };
    expect(await factorsOf("GET /orders/<order_id>")).toMatchObject({
      complexity: "complexity 1/5 (from code)",
      tests: "weak tests (40% coverage) (from code)",
    });
    const detail = await itemByKey(s, "GET /orders/<order_id>");
    await updateItem(s.db, s.admin.ctx, s.pid, "ROUTE", detail.id, { complexity: 4, testCoverage: 80 });
    expect(await factorsOf("GET /orders/<order_id>")).toMatchObject({ complexity: "complexity 4/5", tests: "good tests (80% coverage)" });
    // A person's values win, even a complexity set back to the default.
    await updateItem(s.db, s.admin.ctx, s.pid, "ROUTE", detail.id, { complexity: 3 });
    expect((await factorsOf("GET /orders/<order_id>")).complexity).toBe("complexity 3/5");
  });

  test("the new code is matched through the prefix map, a manual link wins, and a match suggests Ported", async () => {
    const commit = next.repo.head();
    const { summary } = await next.scan();
    expect(summary.matches).toBe(5);
    const detail = await codeOfItem(s, (await itemByKey(s, "GET /orders/<order_id>")).id);
    expect(detail).toMatchObject({
      newMethod: "ANY",
      newPath: "/app/orders/<string:pk>",
      newFile: "shop/urls.py",
      newLine: 7,
      newCommit: commit,
      matchVia: "pattern",
      newSince: expect.any(Date),
    });
    // "GET /api/users" would map to "/api/v2/users", which exists; the manual link sends it to /app/account.
    const users = await codeOfItem(s, (await itemByKey(s, "GET /api/users")).id);
    expect(users).toMatchObject({ newPath: "/app/account", matchVia: "manual" });
    // "GET /" maps to "/app", which the new code does not serve.
    expect(await codeOfItem(s, (await itemByKey(s, "GET /")).id)).toMatchObject({ newPath: null, drift: null });
    const status = await open(s, "STATUS");
    expect(status.map((p) => [p.item?.key, p.value, p.file, p.commit]).sort()).toEqual([
      ["GET /api/users", "PORTED", "shop/urls.py", commit],
      ["GET /api/users/<int:user_id>", "PORTED", "accounts/urls.py", commit],
      ["GET /orders", "PORTED", "shop/urls.py", commit],
      ["GET /orders/<order_id>", "PORTED", "shop/urls.py", commit],
      ["PUT /api/users/<int:user_id>", "PORTED", "accounts/urls.py", commit],
    ]);
  });

  test("scanning the same new commit again changes nothing", async () => {
    const proposals = await proposalCount(s);
    const history = await historyCount(s);
    const codes = await s.db.itemCode.findMany({ where: { projectId: s.pid }, orderBy: { itemId: "asc" } });
    await next.scan();
    await legacy.scan();
    expect(await proposalCount(s)).toBe(proposals);
    expect(await historyCount(s)).toBe(history);
    expect(await s.db.itemCode.findMany({ where: { projectId: s.pid }, orderBy: { itemId: "asc" } })).toEqual(codes);
  });

  test("drift: Ported with nothing in the new code; matched for more than driftDays while Not started", async () => {
    const index = await itemByKey(s, "GET /");
    await setItemStatus(s.db, s.admin.ctx, s.pid, index.id, { status: "PORTED" });
    pinClock(new Date(TEST_START.getTime() + 6 * DAY_MS));
    await next.scan();
    expect(await codeOfItem(s, index.id)).toMatchObject({ drift: "ported-not-in-code" });
    const list = await itemByKey(s, "GET /orders");
    expect(await codeOfItem(s, list.id)).toMatchObject({ drift: null });

    pinClock(new Date(TEST_START.getTime() + 8 * DAY_MS));
    await next.scan();
    const code = await codeOfItem(s, list.id);
    expect(code).toMatchObject({ drift: "in-code-not-started" });
    expect(code!.driftSince!.getTime()).toBeGreaterThanOrEqual(TEST_START.getTime() + 8 * DAY_MS);
    // In progress is not drift.
    const users = await itemByKey(s, "GET /api/users");
    await setItemStatus(s.db, s.admin.ctx, s.pid, users.id, { status: "IN_PROGRESS" });
    await next.scan();
    expect(await codeOfItem(s, users.id)).toMatchObject({ drift: null });
    // The route leaves the new code: its STATUS proposal is withdrawn.
    next.commit({ "shop/urls.py": NEW["shop/urls.py"].replace('    path("orders/", views.order_list),\n', "") });
    await next.scan();
    expect(await codeOfItem(s, list.id)).toMatchObject({ newPath: null, drift: null });
    expect((await open(s, "STATUS")).map((p) => p.item?.key)).not.toContain("GET /orders");
    expect(await s.db.codeProposal.count({ where: { projectId: s.pid, kind: "STATUS", state: "withdrawn", itemId: list.id } })).toBe(1);
  });

  test("accepting STATUS proposals in bulk is all or nothing: a gate refusal names the item and nothing is applied", async () => {
    await setGateConfig(s.db, s.admin.ctx, s.pid, { verified: [{ kind: "tests", maxAgeDays: 7 }], switchToNew: [] });
    const detail = await itemByKey(s, "GET /orders/<order_id>");
    const userPut = await itemByKey(s, "PUT /api/users/<int:user_id>");
    // A suggestion to go further than Ported (as a module's pattern reaching zero may make): Verified needs the gate.
    const verify = await s.db.codeProposal.create({
      data: {
        ...s.scope,
        kind: "STATUS",
        itemId: detail.id,
        method: "GET",
        path: detail.path,
        value: "VERIFIED",
        commit: next.repo.head(),
        openKey: `STATUS-VERIFY:${detail.id}`,
      },
    });
    const ported = (await open(s, "STATUS")).find((p) => p.item?.id === userPut.id)!;
    const history = await historyCount(s);
    const error = await decideProposals(s.db, s.steward.ctx, s.pid, { ids: [ported.id, verify.id], decision: "accept" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).message).toContain("GET /orders/<order_id>");
    expect((error as AppError).details).toMatchObject({ proposalId: verify.id, route: "GET /orders/<order_id>" });
    expect(await historyCount(s)).toBe(history);
    expect((await itemByKey(s, "PUT /api/users/<int:user_id>")).status).toBe("NOT_STARTED");
    expect(await s.db.codeProposal.count({ where: { id: { in: [ported.id, verify.id] }, state: "open" } })).toBe(2);

    await decideProposals(s.db, s.steward.ctx, s.pid, { ids: [ported.id], decision: "accept" });
    const item = await itemByKey(s, "PUT /api/users/<int:user_id>");
    expect(item.status).toBe("PORTED");
    expect(item.changes.at(-1)).toMatchObject({ field: "code", actorId: s.steward.user.id });
    expect(item.changes.at(-1)!.toValue).toContain(`status from the new code at commit ${ported.commit.slice(0, 12)}`);
  });
});

describe("auto-apply and auto-accept", () => {
  test("with the project's auto settings the scan applies scope changes and statuses itself, history naming the commit", async () => {
    const s = await setup(await testDb());
    await setCodeSettings(s.db, s.steward.ctx, s.pid, { prefixMap: [{ legacy: "/", new: "/app/" }], autoAcceptScope: true, autoApplyStatus: true });
    const next = await LinkedRepo.link(s.db, s.scope, "NEW", NEW, { root: root.dir, folders: [{ path: "", frameworks: ["django"] }] });
    await next.scan();
    const legacy = await LinkedRepo.link(s.db, s.scope, "LEGACY", LEGACY, { root: root.dir });
    const { summary } = await legacy.scan();
    expect(summary.proposals).toBe(6);
    expect(await open(s)).toEqual([]);
    const item = await itemByKey(s, "GET /orders");
    expect(item.changes.map((c) => c.field)).toEqual(["created", "code"]);
    expect(item.changes[1].actorId).toBeNull();
    expect(item.changes[1].toValue).toContain("applied automatically");
    // The next scan matches the new item and applies Ported.
    await legacy.scan();
    const ported = await itemByKey(s, "GET /orders");
    expect(ported.status).toBe("PORTED");
    expect(ported.changes.at(-1)!.toValue).toContain(`status from the new code at commit ${next.repo.head().slice(0, 12)}`);
    expect(await s.db.codeProposal.count({ where: { projectId: s.pid, state: "accepted" } })).toBeGreaterThanOrEqual(7);
  });
});
