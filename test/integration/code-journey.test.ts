/**
 * Issue 22's proof, end to end through the scan runner: a legacy Flask shop and its new Django
 * port in real git repositories (file:// remotes under WAYPOINT_REPOSITORY_ROOT), both linked to
 * one project with a prefix map and a pattern. The first scans give the baseline, which a steward
 * accepts; a push to the legacy repository, announced by a webhook with a real HMAC signature and
 * run by the job worker, reads only the changed file, proposes the route it added, lowers the
 * pattern's count by the occurrence it removed, and flags an item declared Ported that the new
 * code does not serve. The route handler, the queue and the worker are the real ones.
 */
import { expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock, TEST_START } from "../helpers/clock";
import { jobsConnection } from "../setup/database";
import { until } from "../helpers/wait";
import { pushBody, repositoryEnv, signedPush } from "../helpers/repository-env";
import { TestRepo } from "../helpers/git-repo";
import { linkRepository } from "@/lib/repositories/manage";
import { requestScan, runScan, type StoredScanLog } from "@/lib/repositories/run-scan";
import { setCodeSettings } from "@/lib/repositories/settings";
import { createPattern } from "@/lib/repositories/pattern-manage";
import { listPatterns } from "@/lib/repositories/pattern-read";
import { decideProposals, listProposals } from "@/lib/repositories/proposals";
import { setItemStatus } from "@/lib/inventory/items";
import { startWorker } from "@/lib/jobs/worker";
import { djangoShop, FLASK_SHOP_INIT, ORDER_VIEWS } from "../helpers/shop-fixtures";

const repoEnv = repositoryEnv("code-journey");
const remotes = repoEnv.remotes;

const ORDERS = (extra: string, six: boolean) => `${six ? "import six\n" : ""}from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.route("/")
def list_orders():
    return []


@bp.route("/<order_id>")
def order_detail(order_id):
    return {"id": six.text_type(order_id)}
${extra}`;

const LEGACY = {
  "requirements.txt": "Flask==2.3.3\nsix==1.16.0\n",
  "shop/__init__.py": FLASK_SHOP_INIT,
  "shop/users/__init__.py": "",
  "shop/users/views.py": `import six
from flask import Blueprint

bp = Blueprint("users", __name__)


@bp.route("/")
def list_users():
    return []
`,
  "shop/orders/__init__.py": "",
  "shop/orders/views.py": ORDERS("", true),
};

const NEW = djangoShop({ shop: ORDER_VIEWS, accounts: [{ url: "", view: "user_list" }] });

test("both repositories scanned: the baseline accepted, then a signed push reads one file, proposes its route, lowers the pattern and flags drift", async () => {
  pinClock(TEST_START);
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam");
  const pid = project.id;
  await setCodeSettings(db, steward.ctx, pid, {
    prefixMap: [
      { legacy: "/", new: "/app/" },
      { legacy: "/api/", new: "/api/v2/" },
    ],
    driftDays: 7,
  });
  const six = await createPattern(db, steward.ctx, pid, { name: "six imports", slug: "six", kind: "regex", source: "^import six\\b", languages: ["python"] });

  const legacyRepo = TestRepo.create(remotes, "legacy");
  legacyRepo.write(LEGACY).commit("the shop");
  const newRepo = TestRepo.create(remotes, "new");
  newRepo.write(NEW).commit("the port");
  const legacy = await linkRepository(db, admin.ctx, pid, { role: "LEGACY", url: legacyRepo.url });
  const next = await linkRepository(db, admin.ctx, pid, { role: "NEW", url: newRepo.url, folders: [{ path: "", frameworks: ["django"] }] });

  for (const r of [legacy, next]) {
    const scan = await requestScan(db, admin.ctx, pid, r.repository.id, {});
    expect(await runScan(db, { organizationId: admin.organization.id }, scan.id)).toMatchObject({ status: "done" });
  }

  // The baseline: every legacy route proposed once; the steward accepts them all.
  const baseline = (await listProposals(db, steward.ctx, pid, { state: "open", kind: "ADDITION", limit: 100 })).data;
  expect(baseline.map((p) => p.route).sort()).toEqual(["GET /", "GET /api/users", "GET /orders", "GET /orders/<order_id>"]);
  await decideProposals(db, steward.ctx, pid, { ids: baseline.map((p) => p.id), decision: "accept" });
  const item = (key: string) => db.item.findFirstOrThrow({ where: { projectId: pid, key, deletedAt: null } });

  // The new code serves the orders routes under /app/ and the users list under /api/v2/: matched.
  const orders = await db.itemCode.findUniqueOrThrow({ where: { itemId: (await item("GET /orders/<order_id>")).id } });
  expect(orders).toMatchObject({ newPath: "/app/orders/<string:pk>", newFile: "shop/urls.py", newCommit: newRepo.head(), drift: null });
  // Two files import six.
  expect((await listPatterns(db, steward.ctx, pid)).find((p) => p.id === six.id)?.current).toBe(2);

  // The index is declared Ported, but the new code has no /app/ page.
  await setItemStatus(db, admin.ctx, pid, (await item("GET /")).id, { status: "PORTED" });
  // Flagged in the status change's own transaction, not at the next scan.
  expect(await db.itemCode.findUniqueOrThrow({ where: { itemId: (await item("GET /")).id } })).toMatchObject({ drift: "ported-not-in-code" });
  const indexDriftSince = (await db.itemCode.findUniqueOrThrow({ where: { itemId: (await item("GET /")).id } })).driftSince;

  // The items were accepted after the scan read the code: their risk is not read yet.
  expect((await db.itemCode.findUniqueOrThrow({ where: { itemId: (await item("GET /api/users")).id } })).codeComplexity).toBeNull();

  // One commit to one file: a refund route added, its six import removed. GitHub announces it.
  const before = legacyRepo.head();
  const after = legacyRepo
    .write({ "shop/orders/views.py": ORDERS(`\n\n@bp.route("/<order_id>/refund", methods=["POST"])\ndef refund(order_id):\n    return {}\n`, false) })
    .commit("refunds");
  const push = await fetch(repoEnv.hookUrl(legacy.repository.id), signedPush(legacy.webhookSecret, pushBody(before, after, "main", ["shop/orders/views.py"])));
  expect(push.status).toBe(202);
  const { scanId } = (await push.json()) as { scanId: string };

  const worker = await startWorker(db, { connection: jobsConnection(), pollSeconds: 0.5 });
  try {
    const finished = await until(
      "the pushed scan",
      () => db.repositoryScan.findUniqueOrThrow({ where: { id: scanId } }),
      (s) => s.status === "done" || s.status === "failed",
    );
    expect(finished).toMatchObject({ status: "done", trigger: "push", commit: after });
    expect(finished.log as unknown as StoredScanLog).toMatchObject({ mode: "incremental", changedFiles: 1, filesRead: 1, readPaths: ["shop/orders/views.py"] });
  } finally {
    await worker.stop();
  }

  // The added route is proposed (not yet in the inventory), naming the push's commit.
  const added = (await listProposals(db, steward.ctx, pid, { state: "open", kind: "ADDITION", limit: 100 })).data;
  expect(added.map((p) => [p.route, p.commit])).toEqual([["POST /orders/<order_id>/refund", after]]);
  expect(await db.item.count({ where: { projectId: pid, key: "POST /orders/<order_id>/refund" } })).toBe(0);
  // The pattern fell by the one occurrence removed, with a point for the push's commit.
  expect((await listPatterns(db, steward.ctx, pid)).find((p) => p.id === six.id)?.current).toBe(1);
  expect(await db.patternCount.findFirst({ where: { patternId: six.id, commit: after } })).toMatchObject({ total: 1 });
  // Declared Ported, nowhere in the new code: drift.
  expect(await db.itemCode.findUniqueOrThrow({ where: { itemId: (await item("GET /")).id } })).toMatchObject({
    drift: "ported-not-in-code",
    driftSince: indexDriftSince,
  });
  // The push read its one file for the routes, and the handlers whose risk was never read for the rest.
  for (const key of ["GET /api/users", "GET /orders/<order_id>"])
    expect((await db.itemCode.findUniqueOrThrow({ where: { itemId: (await item(key)).id } })).codeComplexity, key).not.toBeNull();
  // The matched route is untouched.
  expect(await db.itemCode.findUniqueOrThrow({ where: { itemId: (await item("GET /orders/<order_id>")).id } })).toMatchObject({
    newFile: "shop/urls.py",
    drift: null,
  });
});
