import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { zipSync } from "fflate";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { pinClock, TEST_START } from "../helpers/clock";

const HOUR_MS = 3_600_000;
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport, discardImport, getImport } from "@/lib/import/pipeline/preview-and-commit";
import type { ImportFormat } from "@/lib/import/pipeline/formats";
import type { ItemKindName } from "@/lib/import/types";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";

const fixture = (path: string) => ({ name: path.split("/").pop()!, bytes: fs.readFileSync(`test/fixtures/import/${path}`) });
const text = (name: string, body: string) => ({ name, bytes: new TextEncoder().encode(body) });

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  return { db, ...admin, pid: project.id };
}

function importer(db: Db, ctx: OrgContext, pid: string) {
  const preview = (format: ImportFormat, files: { name: string; bytes: Uint8Array }[], kind?: ItemKindName) =>
    previewUpload(db, ctx, pid, { format, kind, fileName: files.map((f) => f.name).join(", "), source: { files } });
  const run = async (format: ImportFormat, files: { name: string; bytes: Uint8Array }[], kind?: ItemKindName) => {
    const p = await preview(format, files, kind);
    return { preview: p, committed: await commitImport(db, ctx, pid, p.id) };
  };
  return { preview, run };
}

const counts = async (db: Db, pid: string) => ({
  items: await db.item.count({ where: { projectId: pid } }),
  history: await db.itemChange.count({ where: { projectId: pid } }),
  relations: await db.itemRelation.count({ where: { projectId: pid } }),
  batches: await db.importBatch.count({ where: { projectId: pid } }),
});

describe("importing tables", () => {
  test("dependencies, then modules that need them, then routes that use those: relations, owners, blockers", async () => {
    const { db, ctx, pid } = await setup();
    const { run } = importer(db, ctx, pid);
    const deps = await run("csv", [fixture("tables/dependencies.csv")], "DEPENDENCY");
    expect(deps.preview.summary.byKind.DEPENDENCY.new).toBeGreaterThan(3);
    // modules.csv needs one dependency the fixture lacks: without it the import is refused.
    const missing = await importer(db, ctx, pid)
      .preview("csv", [fixture("tables/modules.csv")], "MODULE")
      .catch((e) => e);
    expect(missing.details.issues).toEqual([
      expect.objectContaining({ file: "modules.csv", line: 2, field: "dependencies", message: expect.stringContaining('"djangorestframework"') }),
    ]);
    await run("csv", [text("more.csv", "name\ndjangorestframework\n")], "DEPENDENCY");
    const mods = await run("csv", [fixture("tables/modules.csv")], "MODULE");
    await run("csv", [text("more-modules.csv", "path\npages/views.py\nusers/serializers.py\norders/models.py\n")], "MODULE");
    expect(mods.preview.summary.relations).toBeGreaterThan(0);
    const routes = await run("csv", [fixture("tables/routes.csv")], "ROUTE");
    expect(routes.preview.summary.new).toBeGreaterThan(3);

    const home = await db.item.findFirstOrThrow({ where: { projectId: pid, key: "GET /" }, include: { ownerTeam: true, uses: { include: { to: true } } } });
    // served_by is read but not applied: traffic is switched on the Cutover page only.
    expect(home).toMatchObject({
      trafficPerDay: 48_200,
      complexity: 1,
      testCoverage: 80,
      status: "VERIFIED",
      servedBy: "LEGACY",
      links: ["https://jira.acme.test/browse/MIG-12"],
    });
    expect(routes.preview.issues).toContainEqual(
      expect.objectContaining({ field: "served_by", severity: "warning", message: expect.stringContaining("Cutover page") }),
    );
    expect(home.ownerTeam?.name).toBe("web-team"); // a team named in the owner column is created
    expect(home.uses.map((u) => u.to.key)).toEqual(["pages/views.py"]);
    // Parameters in any syntax are stored in the canonical one; "GET|POST" is two routes.
    expect(await db.item.count({ where: { projectId: pid, key: { in: ["GET /users/<id>/settings", "POST /users/<id>/settings"] } } })).toBe(2);
    // Blocked items are known right after the import.
    const blocked = await db.item.count({ where: { projectId: pid, kind: "ROUTE", blockerCount: { gt: 0 } } });
    expect(blocked).toBeGreaterThan(0);
    // Every created item has its "created" history row, by whoever imported.
    const created = await db.itemChange.count({ where: { projectId: pid, field: "created", actorId: ctx.userId } });
    expect(created).toBe(await db.item.count({ where: { projectId: pid } }));
  });

  test("re-importing the same file changes nothing", async () => {
    const { db, ctx, pid } = await setup();
    const { run } = importer(db, ctx, pid);
    await run("csv", [fixture("tables/dependencies.csv")], "DEPENDENCY");
    const before = await counts(db, pid);
    const again = await run("csv", [fixture("tables/dependencies.csv")], "DEPENDENCY");
    expect(again.preview.summary).toMatchObject({ new: 0, changed: 0, restored: 0 });
    expect(again.preview.summary.unchanged).toBeGreaterThan(3);
    const after = await counts(db, pid);
    expect({ ...after, batches: 0 }).toEqual({ ...before, batches: 0 });
  });

  test("a changed cell is one changed item, with one history row for the field", async () => {
    const { db, ctx, pid } = await setup();
    const { run } = importer(db, ctx, pid);
    await run("csv", [text("deps.csv", "name,current_version,readiness\nrequests,2.31.0,compatible\nboto,2.49.0,replace\n")], "DEPENDENCY");
    const second = await run("csv", [text("deps.csv", "name,current_version,readiness\nrequests,2.32.3,compatible\nboto,2.49.0,replace\n")], "DEPENDENCY");
    expect(second.preview.summary).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
    expect(second.preview.samples).toEqual([
      expect.objectContaining({ type: "update", key: "requests", changes: [{ field: "currentVersion", fromValue: "2.31.0", toValue: "2.32.3" }] }),
    ]);
    const requests = await db.item.findFirstOrThrow({ where: { projectId: pid, key: "requests" } });
    expect((await db.itemChange.findMany({ where: { itemId: requests.id } })).map((c) => c.field)).toEqual(["created", "currentVersion"]);
  });

  test("a file with errors is refused whole, naming file, line and field; nothing is written", async () => {
    const { db, ctx, pid } = await setup();
    const { preview } = importer(db, ctx, pid);
    const before = await counts(db, pid);
    const error = await preview("csv", [fixture("tables/routes-errors.csv")], "ROUTE").catch((e) => e);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/routes-errors\.csv: \d+ error\(s\); nothing was imported/);
    const issues = error.details.issues as { file: string; line?: number; field?: string; severity: string }[];
    expect(issues.filter((i) => i.severity === "error").every((i) => i.file === "routes-errors.csv" && typeof i.line === "number")).toBe(true);
    expect(await counts(db, pid)).toEqual(before);
  });

  test.each([
    ["an unknown status", "method,path,status\nGET,/a,half done\n", "status"],
    ["a missing required column", "method,handler\nGET,x\n", undefined],
    ["a duplicated column", "path,path\n/a,/b\n", undefined],
    ["binary junk", "\u0000\u0001\u0002PK\u0000junk", undefined],
    ["an owner e-mail of nobody here", "path,owner\n/a,ghost@example.test\n", "owner"],
    ["a module that does not exist", "path,modules\n/a,app/ghost\n", "modules"],
  ])("%s is an error and nothing is written", async (_name, body, field) => {
    const { db, ctx, pid } = await setup();
    const before = await counts(db, pid);
    const error = await importer(db, ctx, pid)
      .preview("csv", [text("bad.csv", body)], "ROUTE")
      .catch((e) => e);
    expect(error.code).toBe("invalid_input");
    const errors = (error.details.issues as { file: string; field?: string; severity: string }[]).filter((i) => i.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].file).toBe("bad.csv");
    if (field) expect(errors.map((e) => e.field)).toContain(field);
    expect(await counts(db, pid)).toEqual(before);
  });

  test("owners: a member's e-mail, or a team by name", async () => {
    const { db, ctx, pid, organization } = await setup();
    const eve = await newMember(db, organization.id, "ENGINEER", "Eve");
    await importer(db, ctx, pid).run("csv", [text("r.csv", `path,owner\n/a,${eve.user.email}\n/b,Platform\n/c,platform\n`)], "ROUTE");
    const items = await db.item.findMany({ where: { projectId: pid }, include: { ownerTeam: true }, orderBy: { key: "asc" } });
    expect(items.map((i) => [i.key, i.ownerUserId ?? i.ownerTeam?.name])).toEqual([
      ["GET /a", eve.user.id],
      ["GET /b", "Platform"],
      ["GET /c", "Platform"],
    ]);
  });

  test("a zip of a repository: only the files of the chosen format are read", async () => {
    const { db, ctx, pid } = await setup();
    const zip = zipSync({
      "repo/README.md": new TextEncoder().encode("# hi"),
      "repo/logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
      "repo/requirements.txt": new TextEncoder().encode("Flask==2.3.3\nrequests==2.31.0\n"),
    });
    const { preview } = await importer(db, ctx, pid).run("requirements", [{ name: "repo.zip", bytes: zip }]);
    expect(preview.summary).toMatchObject({ new: 2, errors: 0 });
    expect((await db.item.findMany({ where: { projectId: pid }, orderBy: { key: "asc" } })).map((i) => [i.key, i.currentVersion])).toEqual([
      ["flask", "2.3.3"],
      ["requests", "2.31.0"],
    ]);
  });
});

describe("import batches", () => {
  test("a preview commits once; a second commit is a conflict; a discarded one cannot be committed", async () => {
    const { db, ctx, pid } = await setup();
    const { preview } = importer(db, ctx, pid);
    const p = await preview("requirements", [text("requirements.txt", "flask==3.0.0\n")]);
    expect(p.status).toBe("PREVIEW");
    expect(await db.item.count({ where: { projectId: pid } })).toBe(0); // a preview writes no item
    await commitImport(db, ctx, pid, p.id);
    expect(await codeOf(commitImport(db, ctx, pid, p.id))).toBe("conflict");
    const q = await preview("requirements", [text("requirements.txt", "django==5.0\n")]);
    await discardImport(db, ctx, pid, q.id);
    expect(await codeOf(commitImport(db, ctx, pid, q.id))).toBe("conflict");
    expect((await getImport(db, ctx, pid, q.id)).status).toBe("DISCARDED");
    expect(await db.item.count({ where: { projectId: pid } })).toBe(1);
  });

  test("two commits of one preview at once apply it once", async () => {
    const { db, ctx, pid } = await setup();
    const p = await importer(db, ctx, pid).preview("requirements", [text("requirements.txt", "flask==3.0.0\ncelery==5.3.6\n")]);
    const results = await Promise.all([codeOf(commitImport(db, ctx, pid, p.id)), codeOf(commitImport(db, ctx, pid, p.id))]);
    expect(results.sort()).toEqual(["conflict", "ok"]);
    expect(await db.itemChange.count({ where: { projectId: pid, field: "created" } })).toBe(2);
  });

  test("viewers cannot import; another tenant's import is not found", async () => {
    const { db, ctx, pid, organization } = await setup();
    const viewer = await newMember(db, organization.id, "VIEWER");
    expect(await codeOf(importer(db, viewer.ctx, pid).preview("requirements", [text("requirements.txt", "flask==3\n")]))).toBe("forbidden");
    const p = await importer(db, ctx, pid).preview("requirements", [text("requirements.txt", "flask==3\n")]);
    const other = await newAdmin(db, "Other");
    const theirPid = (await newProject(db, other.ctx)).id;
    expect(await codeOf(commitImport(db, other.ctx, theirPid, p.id))).toBe("not_found");
    expect(await codeOf(commitImport(db, other.ctx, pid, p.id))).toBe("not_found");
    expect(await codeOf(getImport(db, other.ctx, pid, p.id))).toBe("not_found");
  });
});

describe("importing routes from source code", () => {
  const folder = (dir: string) => {
    const out: { name: string; bytes: Uint8Array }[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = `${d}/${e.name}`;
        if (e.isDirectory()) walk(p);
        else out.push({ name: p.slice(dir.length + 1), bytes: fs.readFileSync(p) });
      }
    };
    walk(dir);
    return out;
  };

  test("a Flask project (several files, blueprints): routes, their handler modules, and the relations", async () => {
    const { db, ctx, pid } = await setup();
    const files = folder("test/fixtures/import/source/flask");
    const { preview } = await importer(db, ctx, pid).run("source", files);
    const routes = await db.item.findMany({ where: { projectId: pid, kind: "ROUTE" }, include: { uses: { include: { to: true } } } });
    expect(routes.length).toBe(preview.summary.byKind.ROUTE.new);
    expect(routes.length).toBeGreaterThan(3);
    expect(routes.every((r) => r.key === `${r.method} ${r.path}` && r.path!.startsWith("/"))).toBe(true);
    const modules = await db.item.findMany({ where: { projectId: pid, kind: "MODULE" }, select: { key: true } });
    expect(modules.length).toBeGreaterThan(0);
    // Every route with a known handler module uses that module.
    const withModule = routes.filter((r) => r.uses.length > 0);
    expect(withModule.length).toBeGreaterThan(0);
    expect(withModule.filter((r) => !modules.some((m) => m.key === r.uses[0].to.key)).map((r) => r.key)).toEqual([]);
    // Importing the same code again: nothing changes.
    const again = await importer(db, ctx, pid).preview("source", files);
    expect(again.summary).toMatchObject({ new: 0, changed: 0 });
  });

  test("Rails routes.rb: resources expand to their routes", async () => {
    const { db, ctx, pid } = await setup();
    await importer(db, ctx, pid).run("rails", folder("test/fixtures/import/source/rails"));
    const keys = (await db.item.findMany({ where: { projectId: pid, kind: "ROUTE" }, select: { key: true } })).map((r) => r.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "GET /photos",
        "POST /photos",
        "GET /photos/<id>",
        "PATCH /photos/<id>",
        "PUT /photos/<id>",
        "DELETE /photos/<id>",
        "GET /photos/new",
        "GET /photos/<id>/edit",
      ]),
    );
  });

  test("a folder of source code brings its manifests' dependencies with the routes, in one import", async () => {
    const { db, ctx, pid } = await setup();
    const manifest = (path: string, name: string) => ({ name: path, bytes: fs.readFileSync(`test/fixtures/import/manifests/${name}`) });
    const files = [
      ...folder("test/fixtures/import/source/flask"),
      manifest("requirements.txt", "requirements.txt"),
      manifest("frontend/package.json", "package.json"),
      // never served: a test fixture's manifest is not the application's
      text("tests/fixtures/requirements.txt", "left-pad-fixture==1.0\n"),
      // a broken manifest is skipped with a warning; the routes still come in
      text("tools/composer.json", "{ not json"),
    ];
    const { preview } = await importer(db, ctx, pid).run("source", files);
    expect(preview.summary.frameworks?.[0].framework).toBe("flask");
    expect(preview.summary.manifests?.map((m) => m.file)).toEqual(["frontend/package.json", "requirements.txt"]);
    expect(preview.issues.some((i) => i.file === "tools/composer.json" && i.severity === "warning")).toBe(true);
    const deps = (await db.item.findMany({ where: { projectId: pid, kind: "DEPENDENCY" }, select: { key: true } })).map((d) => d.key);
    expect(deps).toEqual(expect.arrayContaining(["amqp", "boto3"]));
    expect(deps).not.toContain("left-pad-fixture");
    expect(preview.summary.byKind.DEPENDENCY.new).toBe(deps.length);
    expect(preview.summary.manifests?.reduce((n, m) => n + m.dependencies, 0)).toBe(deps.length);
    expect(await db.item.count({ where: { projectId: pid, kind: "ROUTE" } })).toBe(preview.summary.byKind.ROUTE.new);
    expect(preview.summary.byKind.ROUTE.new).toBeGreaterThan(3);
  });

  test("one source file is read as it is, with no manifests", async () => {
    const { db, ctx, pid } = await setup();
    const { preview } = await importer(db, ctx, pid).run("flask", [
      text("app.py", "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/about')\ndef about():\n    return 'hi'\n"),
    ]);
    expect(preview.summary.manifests).toBeUndefined();
    expect(await db.item.count({ where: { projectId: pid, kind: "DEPENDENCY" } })).toBe(0);
  });

  test("code with no routes in the chosen framework is an error, not an empty import", async () => {
    const { db, ctx, pid } = await setup();
    const error = await importer(db, ctx, pid)
      .preview("django", [text("app.py", "print('hello')\n")])
      .catch((e) => e);
    expect(error.code).toBe("invalid_input");
    expect(await db.item.count({ where: { projectId: pid } })).toBe(0);
  });
});

describe("importing traffic from access logs", () => {
  test("requests per route pattern become traffic per day; unmatched paths are reported; the same log again changes nothing", async () => {
    const { db, ctx, pid } = await setup();
    const { run } = importer(db, ctx, pid);
    await run("csv", [text("routes.csv", "method,path\nGET,/\nGET,/users/<int:id>\nGET,/users/settings\nPOST,/login\n")], "ROUTE");
    const log = () =>
      previewUpload(db, ctx, pid, {
        format: "access-log",
        fileName: "combined.log",
        source: { stream: fs.createReadStream("test/fixtures/import/logs/combined.log") },
      });
    const preview = await log();
    expect(preview.summary.traffic).toMatchObject({ days: 1 });
    expect(preview.summary.traffic!.matched).toBeGreaterThan(3);
    expect(preview.summary.traffic!.unmatched.map((u) => u.path)).toContain("/wp-login.php");
    await commitImport(db, ctx, pid, preview.id);
    const traffic = Object.fromEntries(
      (await db.item.findMany({ where: { projectId: pid }, select: { key: true, trafficPerDay: true } })).map((i) => [i.key, i.trafficPerDay]),
    );
    // /users/42, /users/42/?tab=posts, HEAD /users/7 and http://…/users/9 all count for /users/<int:id>.
    expect(traffic["GET /users/<int:id>"]).toBeGreaterThanOrEqual(4);
    expect(traffic["GET /users/settings"]).toBe(1); // the literal beats the parameter
    expect(traffic["POST /login"]).toBe(1);
    const history = await db.itemChange.count({ where: { projectId: pid, field: "trafficPerDay" } });
    expect(history).toBe(Object.values(traffic).filter((t) => t > 0).length);
    const again = await log();
    expect(again.summary).toMatchObject({ new: 0, changed: 0 });
  });

  test("an empty log, or a CSV uploaded as a log, is an error naming the file; nothing is written", async () => {
    const { db, ctx, pid } = await setup();
    await importer(db, ctx, pid).run("csv", [text("routes.csv", "path\n/\n")], "ROUTE");
    const before = await counts(db, pid);
    for (const [name, body] of [
      ["empty.log", ""],
      ["routes.csv", "method,path\nGET,/\n"],
    ]) {
      const error = await previewUpload(db, ctx, pid, { format: "access-log", fileName: name, source: { files: [text(name, body)] } }).catch((e) => e);
      expect(error.code).toBe("invalid_input");
      expect(error.details.issues[0]).toMatchObject({ file: name, severity: "error" });
    }
    expect(await counts(db, pid)).toEqual(before);
  });
});

describe("abandoned previews expire after 24 hours", () => {
  const csv = (body: string) => [text("routes.csv", `method,path\n${body}`)];

  test("a preview older than 24 h is refused at commit with a clear message and changes nothing; one under 24 h commits", async () => {
    const { db, ctx, pid } = await setup();
    const start = pinClock(TEST_START);
    const { preview } = importer(db, ctx, pid);
    const young = await preview("csv", csv("GET,/young\n"), "ROUTE");
    const old = await preview("csv", csv("GET,/old\n"), "ROUTE");
    pinClock(start.getTime() + 23 * HOUR_MS);
    expect((await getImport(db, ctx, pid, old.id)).expired).toBe(false);
    await commitImport(db, ctx, pid, young.id);
    pinClock(start.getTime() + 25 * HOUR_MS);
    expect((await getImport(db, ctx, pid, old.id)).expired).toBe(true);
    const error = await commitImport(db, ctx, pid, old.id).catch((e) => e);
    expect(error).toMatchObject({ code: "conflict", details: { expired: true } });
    expect(error.message).toMatch(/more than 24 hours old.*Upload the file again/);
    expect((await db.item.findMany({ where: { projectId: pid }, select: { key: true } })).map((i) => i.key)).toEqual(["GET /young"]);
  });

  test("the next preview in the project deletes expired previews, and only those (committed imports and other projects' stay)", async () => {
    const { db, ctx, pid } = await setup();
    const other = await newProject(db, ctx, { name: "Other" });
    const start = pinClock(TEST_START);
    const abandoned = await importer(db, ctx, pid).preview("csv", csv("GET,/a\n"), "ROUTE");
    const committed = await importer(db, ctx, pid).run("csv", csv("GET,/b\n"), "ROUTE");
    const elsewhere = await importer(db, ctx, other.id).preview("csv", csv("GET,/c\n"), "ROUTE");
    pinClock(start.getTime() + 25 * HOUR_MS);
    const fresh = await importer(db, ctx, pid).preview("csv", csv("GET,/d\n"), "ROUTE");
    const ids = (await db.importBatch.findMany({ where: { projectId: { in: [pid, other.id] } }, select: { id: true } })).map((b) => b.id).sort();
    expect(ids).toEqual([committed.preview.id, elsewhere.id, fresh.id].sort());
    expect(ids).not.toContain(abandoned.id);
  });
});
