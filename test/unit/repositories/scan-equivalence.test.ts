import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { isRelevantFile, type SourceFramework } from "@/lib/import/parsers/source";
import { GitClone } from "@/lib/repositories/git";
import { DEFAULT_SETTINGS } from "@/lib/repositories/git-process";
import { checkRemote } from "@/lib/repositories/remote-policy";
import { listRoutes, scanRepository, type ScanState, type ScanTarget } from "@/lib/repositories/scan";
import { loadFixture } from "../import/source/fixture-helpers";
import { TestRepo, tempRoot } from "../../helpers/git-repo";

/*
 * The incremental scan parses a changed file with its folder's routing files only. Whatever a
 * commit does, what it then lists must be what a full scan of the same commit lists. Checked on
 * the source import's fixture project of every framework: each file the framework reads is
 * deleted in one commit and restored in the next (with the next file's deletion), and both scans
 * are compared after each.
 */

const root = tempRoot("scan-eq");
afterAll(() => root.remove());

const PROJECTS: Array<[string, SourceFramework]> = [
  ["flask", "flask"],
  ["fastapi", "fastapi"],
  ["django", "django"],
  ["express", "express"],
  ["rails", "rails"],
  ["laravel", "laravel"],
];

const rows = (state: ScanState) => listRoutes(state).map((r) => `${r.method} ${r.path} ${r.handler ?? "-"} ${r.file}:${r.line}`);

describe.each(PROJECTS)("the %s fixture project", (name, framework) => {
  test("after every commit, the incremental scan lists what a full scan lists", async () => {
    const files = loadFixture(name);
    const repo = TestRepo.create(path.join(root.dir, "remotes"), name);
    repo.write(Object.fromEntries(files.map((f) => [f.path, f.text])));
    repo.commit("all");
    const source = { remote: await checkRemote(repo.url, { repositoryRoot: path.join(root.dir, "remotes"), allowPrivate: false }), branch: "main" };
    const { clone, head } = await GitClone.sync(path.join(root.dir, "clones", name), source, { ...DEFAULT_SETTINGS, timeoutMs: 30_000 });
    const target: ScanTarget = { folders: [{ path: "", frameworks: [framework] }], patterns: [] };
    let state = (await scanRepository({ reader: clone, commit: head, previous: null, target })).state;
    expect(listRoutes(state).length).toBeGreaterThan(3);

    const step = async (what: string) => {
      const commit = repo.commit(what);
      await clone.fetch(source);
      const incremental = await scanRepository({ reader: clone, commit, previous: state, target });
      const full = await scanRepository({ reader: clone, commit, previous: null, target });
      expect(incremental.log.mode, what).toBe("incremental");
      expect(rows(incremental.state), what).toEqual(rows(full.state));
      state = incremental.state;
    };
    // each commit deletes one file and restores the one deleted before it
    let deleted: { path: string; text: string } | undefined;
    for (const f of files.filter((f) => isRelevantFile(framework, f.path))) {
      repo.write({ [f.path]: null, ...(deleted ? { [deleted.path]: deleted.text } : {}) });
      await step(`delete ${f.path}${deleted ? `, restore ${deleted.path}` : ""}`);
      deleted = f;
    }
    repo.write({ [deleted!.path]: deleted!.text });
    await step(`restore ${deleted!.path}`);
  });
});

describe("a blueprint defined in one module and decorated in another", () => {
  const FILES: Record<string, string> = {
    "shop/__init__.py": `from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    from .admin.blueprint import bp\n    from .admin import pages  # noqa: registers the pages' routes\n    app.register_blueprint(bp)\n    return app\n`,
    "shop/admin/blueprint.py": `from flask import Blueprint\n\nbp = Blueprint("admin", __name__, url_prefix="/admin")\n\n\n@bp.route("/")\ndef dashboard():\n    return ""\n`,
    "shop/admin/pages.py": `from .blueprint import bp\n\n\n@bp.route("/pages")\ndef pages():\n    return ""\n`,
    "shop/admin/reports.py": `from shop.admin.blueprint import bp as admin\n\n\n@admin.route("/reports")\ndef reports():\n    return ""\n`,
  };

  test("a change to either keeps the incremental scan equal to a full scan", async () => {
    const repo = TestRepo.create(path.join(root.dir, "remotes"), "shared-bp");
    repo.write(FILES);
    repo.commit("all");
    const source = { remote: await checkRemote(repo.url, { repositoryRoot: path.join(root.dir, "remotes"), allowPrivate: false }), branch: "main" };
    const { clone, head } = await GitClone.sync(path.join(root.dir, "clones", "shared-bp"), source, { ...DEFAULT_SETTINGS, timeoutMs: 30_000 });
    const target: ScanTarget = { folders: [{ path: "", frameworks: ["flask"] }], patterns: [] };
    let state = (await scanRepository({ reader: clone, commit: head, previous: null, target })).state;
    expect(rows(state)).toEqual([
      "GET /admin shop.admin.blueprint.dashboard shop/admin/blueprint.py:6",
      "GET /admin/pages shop.admin.pages.pages shop/admin/pages.py:4",
      "GET /admin/reports shop.admin.reports.reports shop/admin/reports.py:4",
    ]);
    const step = async (what: string, files: Record<string, string>) => {
      repo.write(files);
      const commit = repo.commit(what);
      await clone.fetch(source);
      const incremental = await scanRepository({ reader: clone, commit, previous: state, target });
      const full = await scanRepository({ reader: clone, commit, previous: null, target });
      expect(rows(incremental.state), what).toEqual(rows(full.state));
      state = incremental.state;
      return incremental;
    };
    const added = await step("a page more", {
      "shop/admin/pages.py": FILES["shop/admin/pages.py"] + '\n\n@bp.route("/pages/<int:id>")\ndef page(id):\n    return ""\n',
    });
    expect(added.changes.added.map((r) => r.path)).toEqual(["/admin/pages/<int:id>"]);
    const moved = await step("admin moves", { "shop/admin/blueprint.py": FILES["shop/admin/blueprint.py"].replace('"/admin"', '"/staff"') });
    expect(moved.changes.added.map((r) => r.path)).toEqual(["/staff", "/staff/pages", "/staff/pages/<int:id>", "/staff/reports"]);
  });
});
