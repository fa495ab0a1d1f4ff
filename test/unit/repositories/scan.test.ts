import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GitClone, type RepositorySource } from "@/lib/repositories/git";
import { DEFAULT_SETTINGS } from "@/lib/repositories/git-process";
import { checkRemote, type RemotePolicy } from "@/lib/repositories/remote-policy";
import { compilePatterns, occurrencesOf, patternTotals, countsByFolder, type CompiledPattern } from "@/lib/repositories/patterns";
import { listRoutes, scanRepository, type ScanResult, type ScanState, type ScanTarget } from "@/lib/repositories/scan";
import { matchRoutes } from "@/lib/repositories/route-match";
import { TestRepo, tempRoot } from "../../helpers/git-repo";
import { djangoShop, FLASK_SHOP_INIT, ORDER_VIEWS } from "../../helpers/shop-fixtures";

/*
 * The whole loop on real repositories: a legacy Flask shop and its new Django port, each a git
 * repository served as a file:// remote, cloned, scanned, changed, fetched and scanned again.
 */

const root = tempRoot("scan");
afterAll(() => root.remove());
const policy: RemotePolicy = { repositoryRoot: path.join(root.dir, "remotes"), allowPrivate: false };
const settings = { ...DEFAULT_SETTINGS, timeoutMs: 30_000 };

const LEGACY = {
  "requirements.txt": "Flask==2.3.3\nsix==1.16.0\n",
  "shop/__init__.py": `"""The shop."""
${FLASK_SHOP_INIT}`,
  "shop/users/__init__.py": "",
  "shop/users/views.py": `import six
from flask import Blueprint, request

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
  "shop/orders/views.py": `import six
from six.moves import urllib
from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.route("/")
def list_orders():
    print "listing"
    return []


@bp.route("/<order_id>")
def order_detail(order_id):
    return {"id": order_id}
`,
  "shop/models.py": `import six


class Order(object):
    def label(self):
        return unicode(self.id)
`,
  "tests/test_orders.py": `def test_detail(client):
    assert client.get("/orders/42").status_code == 200
`,
};

const NEW = djangoShop({ manage: "import os\nimport sys\n", shop: ORDER_VIEWS, accounts: [{ url: "<int:pk>/", view: "user_detail", pk: true }] });

const rows = (state: ScanState) => listRoutes(state).map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`);

describe("scanning a legacy Flask app and its new Django port", () => {
  let patterns: CompiledPattern[];
  let legacy: TestRepo;
  let next: TestRepo;
  let legacySource: RepositorySource;
  let nextSource: RepositorySource;
  let legacyClone: GitClone;
  let nextClone: GitClone;
  const legacyTarget = (): ScanTarget => ({ folders: [{ path: "" }], patterns });
  const nextTarget = (): ScanTarget => ({ folders: [{ path: "", frameworks: ["django"] }], patterns: [] });

  /** Fetches, then scans from `previous`. */
  async function scanLegacy(previous: ScanState | null, options: { full?: boolean } = {}): Promise<ScanResult> {
    const head = await legacyClone.fetch(legacySource);
    return scanRepository({ reader: legacyClone, commit: head, previous, target: legacyTarget(), ...options });
  }
  async function scanNext(previous: ScanState | null): Promise<ScanResult> {
    const head = await nextClone.fetch(nextSource);
    return scanRepository({ reader: nextClone, commit: head, previous, target: nextTarget() });
  }

  let first: ScanResult;
  let second: ScanResult;
  let nextFirst: ScanResult;

  beforeAll(async () => {
    patterns = await compilePatterns([
      { id: "six", kind: "regex", source: String.raw`^\s*(?:import six\b|from six\b)`, languages: ["python"] },
      { id: "print-statement", kind: "regex", source: String.raw`^\s*print\s+["'\w]`, languages: ["python"] },
      { id: "unicode-call", kind: "ast-grep", rule: "unicode($X)", language: "python" },
    ]);
    fs.mkdirSync(path.join(root.dir, "elsewhere"), { recursive: true });
    fs.writeFileSync(path.join(root.dir, "elsewhere", "leak.py"), 'import six\n@app.route("/leak")\ndef leak():\n    pass\n');
    legacy = TestRepo.create(policy.repositoryRoot!, "legacy");
    legacy
      .write({ ...LEGACY, "shop/legacy_latin1.py": Buffer.from("# -*- coding: latin-1 -*-\nNAME = 'caf\xe9'\n", "latin1") })
      .symlink("shop/leak.py", "../../../elsewhere/leak.py");
    legacy.commit("the legacy shop");
    next = TestRepo.create(policy.repositoryRoot!, "new");
    next.write(NEW);
    next.commit("the new shop");

    legacySource = { remote: await checkRemote(legacy.url, policy), branch: "main" };
    nextSource = { remote: await checkRemote(next.url, policy), branch: "main" };
    legacyClone = (await GitClone.sync(path.join(root.dir, "clones", "legacy"), legacySource, settings)).clone;
    nextClone = (await GitClone.sync(path.join(root.dir, "clones", "new"), nextSource, settings)).clone;
    first = await scanLegacy(null);
    nextFirst = await scanNext(null);
  });

  test("the first scan reads everything, finds every route with its blueprint's prefix, and counts the patterns", () => {
    expect(first.log).toMatchObject({ mode: "full", reason: "first scan", previousCommit: null, routesByFramework: { flask: 6 }, contextFilesRead: 0 });
    expect(rows(first.state)).toEqual([
      "GET / shop/__init__.py:13",
      "GET /api/users shop/users/views.py:7",
      "GET /api/users/<int:user_id> shop/users/views.py:12",
      "PUT /api/users/<int:user_id> shop/users/views.py:12",
      "GET /orders shop/orders/views.py:8",
      "GET /orders/<order_id> shop/orders/views.py:14",
    ]);
    expect(first.state.folders[""]).toEqual({ frameworks: ["flask"], routingFiles: { flask: ["shop/__init__.py"] } });
    expect(patternTotals(first.state.patternCountsByFile)).toEqual({ "print-statement": 1, six: 4, "unicode-call": 1 });
    expect(occurrencesOf(first.state.patternCountsByFile, "six")).toEqual([
      { file: "shop/models.py", line: 1 },
      { file: "shop/orders/views.py", line: 1 },
      { file: "shop/orders/views.py", line: 2 },
      { file: "shop/users/views.py", line: 1 },
    ]);
    expect(countsByFolder(first.state.patternCountsByFile, ["shop/orders", "shop"])).toEqual({
      shop: { six: 2, "unicode-call": 1 },
      "shop/orders": { "print-statement": 1, six: 2 },
    });
  });

  test("a symbolic link pointing out of the repository is never followed; an undecodable file is reported", () => {
    expect(first.log.warnings).toEqual([
      { file: "shop/leak.py", message: "a symbolic link: not followed" },
      { file: "shop/legacy_latin1.py", message: "not valid UTF-8 (byte 0xe9 on line 2): not read" },
    ]);
    expect(JSON.stringify(first.state)).not.toContain("/leak");
    expect(first.state.patternCountsByFile["shop/leak.py"]).toBeUndefined();
  });

  test("the new code's routes match the legacy ones through the prefix map, whatever the parameters are called", () => {
    expect(rows(nextFirst.state)).toEqual([
      "ANY /api/v2/users/<int:pk> accounts/urls.py:6",
      "ANY /app/orders shop/urls.py:6",
      "ANY /app/orders/<string:pk> shop/urls.py:7",
    ]);
    const { matches } = matchRoutes(listRoutes(first.state), listRoutes(nextFirst.state), {
      prefixes: [
        { legacy: "/", new: "/app/" },
        { legacy: "/api/", new: "/api/v2/" },
      ],
    });
    expect(matches.map((m) => `${m.key} → ${m.match ? `${m.match.key} ${m.match.route.file}:${m.match.route.line}` : "none"}`)).toEqual([
      "GET / → none",
      "GET /api/users → none",
      "GET /api/users/<int:user_id> → ANY /api/v2/users/<int:pk> accounts/urls.py:6",
      "PUT /api/users/<int:user_id> → ANY /api/v2/users/<int:pk> accounts/urls.py:6",
      "GET /orders → ANY /app/orders shop/urls.py:6",
      "GET /orders/<order_id> → ANY /app/orders/<string:pk> shop/urls.py:7",
    ]);
  });

  describe("after a commit that changes one file (a route added, a route removed, a pattern occurrence removed)", () => {
    beforeAll(async () => {
      legacy.write({
        "shop/orders/views.py": `from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.route("/<order_id>")
def order_detail(order_id):
    return {"id": order_id}


@bp.route("/<order_id>/refund", methods=["POST"])
def refund(order_id):
    return {}, 202
`,
      });
      legacy.commit("orders: refunds; the list is gone");
      second = await scanLegacy(first.state);
    });

    test("only the changed file is read (plus the app's routing file, for its blueprint's prefix)", () => {
      expect(second.log).toMatchObject({
        mode: "incremental",
        reason: `1 changed file in scope since ${first.state.commit.slice(0, 12)}`,
        changedFiles: 1,
        filesRead: 1,
        readPaths: ["shop/orders/views.py"],
        contextFilesRead: 1,
        warnings: [],
      });
    });

    test("the addition and the removal are in the diff, with the prefix the app registers", () => {
      expect(second.changes.added.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`)).toEqual(["POST /orders/<order_id>/refund shop/orders/views.py:11"]);
      expect(second.changes.removed.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /orders"]);
      expect(second.changes.moved.map((m) => `${m.to.method} ${m.to.path} ${m.from.line}→${m.to.line}`)).toEqual(["GET /orders/<order_id> 14→6"]);
      expect(second.log).toMatchObject({ routesAdded: 1, routesRemoved: 1, routesByFramework: { flask: 6 } });
    });

    test("a pattern's count falls by the occurrences removed; the other files keep theirs", () => {
      expect(patternTotals(second.state.patternCountsByFile)).toEqual({ six: 2, "unicode-call": 1 });
      expect(second.state.patternCountsByFile["shop/models.py"]).toEqual(first.state.patternCountsByFile["shop/models.py"]);
      expect(second.log.patternTotals).toEqual({ six: 2, "unicode-call": 1 });
    });

    test("the incremental state lists what a full scan of the same commit lists", async () => {
      const full = await scanLegacy(second.state, { full: true });
      expect(full.log).toMatchObject({ mode: "full", reason: "a full scan was asked for" });
      expect(rows(second.state)).toEqual(rows(full.state));
      expect(second.state.patternCountsByFile).toEqual(full.state.patternCountsByFile);
    });

    test("scanning the same commit again reads nothing and changes nothing", async () => {
      const again = await scanLegacy(second.state);
      expect(again.log).toMatchObject({ mode: "unchanged", filesRead: 0, contextFilesRead: 0, routesAdded: 0, routesRemoved: 0 });
      expect(again.state).toEqual(second.state);
    });

    test("a pattern added later is counted over every file on the same commit; the routes are not read again", async () => {
      const [extra] = await compilePatterns([{ id: "blueprint", kind: "regex", source: String.raw`\bBlueprint\(`, languages: ["python"] }]);
      const commit = second.state.commit;
      const more = await scanRepository({
        reader: legacyClone,
        commit,
        previous: second.state,
        target: { folders: [{ path: "" }], patterns: [...patterns, extra] },
      });
      expect(more.log.mode).toBe("unchanged");
      expect(more.log.reason).toBe(`commit ${commit.slice(0, 12)} was already scanned; pattern blueprint new or changed: counted over every file`);
      expect(patternTotals(more.state.patternCountsByFile)).toEqual({ blueprint: 2, six: 2, "unicode-call": 1 });
      expect(more.log.routesAdded + more.log.routesRemoved).toBe(0);
      expect(more.state.routesByFile).toEqual(second.state.routesByFile);
      // and dropped again
      const fewer = await scanRepository({ reader: legacyClone, commit, previous: more.state, target: legacyTarget() });
      expect(fewer.state).toEqual(second.state);
    });

    test("the matching route appears in the new code, and is matched", async () => {
      const before = matchRoutes(listRoutes(second.state), listRoutes(nextFirst.state), { prefixes: [{ legacy: "/", new: "/app/" }] });
      expect(before.matches.find((m) => m.key === "POST /orders/<order_id>/refund")?.match).toBeNull();
      next.write({
        "shop/urls.py": NEW["shop/urls.py"].replace("]", '    path("orders/<str:pk>/refund/", views.refund),\n]'),
        "shop/views.py": NEW["shop/views.py"] + "\n\ndef refund(request, pk):\n    pass\n",
      });
      next.commit("shop: refunds");
      const scanned = await scanNext(nextFirst.state);
      expect(scanned.log).toMatchObject({ mode: "incremental", changedFiles: 2, filesRead: 2, readPaths: ["shop/urls.py", "shop/views.py"] });
      expect(scanned.changes.added.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`)).toEqual(["ANY /app/orders/<string:pk>/refund shop/urls.py:8"]);
      const after = matchRoutes(listRoutes(second.state), listRoutes(scanned.state), { prefixes: [{ legacy: "/", new: "/app/" }] });
      expect(after.matches.find((m) => m.key === "POST /orders/<order_id>/refund")?.match).toMatchObject({
        key: "ANY /app/orders/<string:pk>/refund",
        route: { file: "shop/urls.py", line: 8, handler: "shop.views.refund" },
        via: "pattern",
      });
    });

    test("a change to the app's routing file re-reads that framework's files, and says so", async () => {
      legacy.write({ "shop/__init__.py": LEGACY["shop/__init__.py"].replace('url_prefix="/orders"', 'url_prefix="/shop/orders"') });
      legacy.commit("orders move under /shop");
      const third = await scanLegacy(second.state);
      expect(third.log.mode).toBe("incremental");
      expect(third.log.reason).toContain("routing file shop/__init__.py changed: every flask file parsed again");
      expect(third.changes.added.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /shop/orders/<order_id>", "POST /shop/orders/<order_id>/refund"]);
      expect(third.changes.removed.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /orders/<order_id>", "POST /orders/<order_id>/refund"]);
      const full = await scanLegacy(third.state, { full: true });
      expect(rows(third.state)).toEqual(rows(full.state));
      second = third;
    });

    test("a force-push falls back to a full scan, said so in the log", async () => {
      legacy.write({ "shop/orders/views.py": LEGACY["shop/orders/views.py"] });
      legacy.amend("orders move under /shop (rewritten)");
      const rescanned = await scanLegacy(second.state);
      expect(rescanned.log.mode).toBe("full");
      expect(rescanned.log.reason).toMatch(
        /^the recorded commit [0-9a-f]{12} is no longer in the branch's history \(a force-push\): every file is read again$/,
      );
      expect(rescanned.log.filesRead).toBe(first.log.filesRead);
      expect(rescanned.changes.removed.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /shop/orders/<order_id>/refund"]);
      expect(rescanned.changes.added.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /shop/orders"]);
    });
  });
});
