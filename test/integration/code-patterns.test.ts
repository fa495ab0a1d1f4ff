/**
 * Issue 22, "patterns that must disappear": a Python 2 app in a real git repository, scanned with
 * the project's patterns, changed and scanned again incrementally. The count falls by the
 * occurrences removed; reaching the target marks the pattern and proposes the cleared module
 * Ported; an occurrence coming back is drift, told to the stewards once.
 */
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { TestRepo, tempRoot } from "../helpers/git-repo";
import { linkTestRepository } from "../helpers/pattern-fixtures";
import { codeOf } from "../helpers/errors";
import { TEST_START, DAY_MS } from "../helpers/clock";
import { AppError } from "@/lib/errors";
import { createItem } from "@/lib/inventory/items";
import { archivePattern, createPattern, updatePattern } from "@/lib/repositories/pattern-manage";
import { listPatterns, modulePatternCounts, patternBurnDown, patternOccurrences } from "@/lib/repositories/pattern-read";
import { compiledPatternsFor } from "@/lib/repositories/pattern-store";
import { call } from "../helpers/route";
import { signIn } from "../helpers/session";
import { tokenHeaders } from "../helpers/factories";

const patternsRoute = await import("@/app/api/v1/projects/[projectId]/patterns/route");
const patternRoute = await import("@/app/api/v1/projects/[projectId]/patterns/[patternId]/route");
const pointsRoute = await import("@/app/api/v1/projects/[projectId]/patterns/[patternId]/points/route");
const occurrencesRoute = await import("@/app/api/v1/projects/[projectId]/patterns/[patternId]/occurrences/route");

const root = tempRoot("code-patterns");
afterAll(() => root.remove());
const remotes = path.join(root.dir, "remotes");
const day = (n: number) => new Date(TEST_START.getTime() + n * DAY_MS);

const BILLING = `import six
from app.users import models


def total(x):
    print "total"
    a = unicode(x)
    b = unicode(x.name)
    return unicode(a + b)
`;
const USERS = `import six


def name(u):
    return unicode(u)
`;

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "Pat Admin");
  const project = await newProject(db, a.ctx, { name: "Python 3 port", fromStack: "Python 2", toStack: "Python 3" });
  const steward = await newMember(db, a.organization.id, "STEWARD", "Stew Ard");
  const engineer = await newMember(db, a.organization.id, "ENGINEER", "Eng In Eer");
  const scope = { organizationId: a.organization.id, projectId: project.id };
  return { db, a, project, steward, engineer, scope };
}

describe("patterns that must disappear", () => {
  test("a Python 2 app: counted, burnt down incrementally, reached, the module proposed Ported, drift told once", async () => {
    const { db, a, project, steward, engineer, scope } = await setup();
    const pid = project.id;
    const six = await createPattern(db, steward.ctx, pid, {
      name: "six imports",
      slug: "six",
      kind: "regex",
      source: String.raw`^\s*(?:import six|from six\b)`,
      languages: ["python"],
    });
    const print = await createPattern(db, steward.ctx, pid, {
      name: "print statements",
      kind: "regex",
      source: String.raw`^\s*print\s+["'\w]`,
      languages: ["python"],
    });
    expect(print.slug).toBe("print-statements");
    const unicode = await createPattern(db, steward.ctx, pid, {
      name: "unicode() calls",
      slug: "unicode",
      kind: "ast-grep",
      rule: "unicode($X)",
      language: "python",
    });
    expect((await compiledPatternsFor(db, scope)).map((p) => p.id)).toEqual(["print-statements", "six", "unicode"]);

    const billing = await createItem(db, a.ctx, pid, "MODULE", { path: "app/billing" });
    const users = await createItem(db, a.ctx, pid, "MODULE", { path: "app.users" });
    const reports = await createItem(db, a.ctx, pid, "MODULE", { path: "app/reports" });

    const repo = TestRepo.create(remotes, "py2-shop");
    repo.write({
      "app/__init__.py": "",
      "app/billing/__init__.py": "",
      "app/billing/views.py": BILLING,
      "app/users/__init__.py": "",
      "app/users/views.py": USERS,
      "app/users/models.py": "class User(object):\n    pass\n",
      "app/reports/views.py": "def report():\n    return 1\n",
      "README.md": "print 'not python'\n",
    });
    const c1 = repo.commit("python 2 shop");
    const legacy = await linkTestRepository(db, scope, repo, { root: remotes, url: "https://github.com/acme/py2-shop.git" });

    const first = await legacy.scan(day(0));
    expect(first.log.mode).toBe("full");
    expect(first.recorded).toEqual({ patterns: 3 });
    const totals = async () => Object.fromEntries((await listPatterns(db, engineer.ctx, pid)).map((p) => [p.slug, [p.current, p.state]]));
    expect(await totals()).toEqual({ "print-statements": [1, "above-target"], six: [2, "above-target"], unicode: [4, "above-target"] });
    expect(await modulePatternCounts(db, engineer.ctx, pid, billing.id)).toEqual([
      { id: print.id, slug: "print-statements", name: "print statements", remaining: 1 },
      { id: six.id, slug: "six", name: "six imports", remaining: 1 },
      { id: unicode.id, slug: "unicode", name: "unicode() calls", remaining: 3 },
    ]);
    expect((await modulePatternCounts(db, engineer.ctx, pid, users.id)).map((r) => r.remaining)).toEqual([0, 1, 1]);

    // Two unicode() calls go: only that file is read again, the count falls by two, a second point.
    repo.write({ "app/billing/views.py": BILLING.replace("a = unicode(x)", "a = str(x)").replace("b = unicode(x.name)", "b = str(x.name)") });
    const c2 = repo.commit("two unicode calls fewer");
    const second = await legacy.scan(day(1));
    expect(second.log).toMatchObject({ mode: "incremental", filesRead: 1, readPaths: ["app/billing/views.py"], previousCommit: c1 });
    const burn = await patternBurnDown(db, engineer.ctx, pid, unicode.id);
    expect(burn.points.map((p) => [p.total, p.commit, p.repository])).toEqual([
      [4, c1, "LEGACY"],
      [2, c2, "LEGACY"],
    ]);
    expect(burn.points[1].at).toEqual(day(1));

    // The same commit again adds no point.
    await legacy.scan(day(2));
    expect((await patternBurnDown(db, engineer.ctx, pid, unicode.id)).points).toHaveLength(2);
    expect(await db.patternCount.count({ where: { projectId: pid } })).toBe(6);

    // The occurrences, by file and line, with links to the lines on GitHub.
    const page = await patternOccurrences(db, engineer.ctx, pid, unicode.id, { limit: "1" });
    expect(page).toMatchObject({ total: 2, offset: 0, limit: 1 });
    expect(page.occurrences).toEqual([
      { repository: "LEGACY", file: "app/billing/views.py", line: 9, commit: c2, url: `https://github.com/acme/py2-shop/blob/${c2}/app/billing/views.py#L9` },
    ]);
    const next = await patternOccurrences(db, engineer.ctx, pid, unicode.id, { offset: "1", limit: "1" });
    expect(next.occurrences.map((o) => `${o.file}:${o.line}`)).toEqual(["app/users/views.py:5"]);

    // Billing cleared: print statements reach zero, billing is proposed Ported (a suggestion only).
    repo.write({ "app/billing/views.py": "from app.users import models\n\n\ndef total(x):\n    print('total')\n    return str(x)\n" });
    const c3 = repo.commit("billing on python 3");
    await legacy.scan(day(3));
    expect(await totals()).toEqual({ "print-statements": [0, "reached"], six: [1, "above-target"], unicode: [1, "above-target"] });
    const reached = await db.codePattern.findUniqueOrThrow({ where: { id: print.id } });
    expect(reached.reachedAt).toEqual(day(3));
    const proposals = await db.codeProposal.findMany({
      where: { projectId: pid },
      select: { kind: true, itemId: true, value: true, state: true, commit: true, openKey: true },
    });
    expect(proposals).toEqual([{ kind: "STATUS", itemId: billing.id, value: "PORTED", state: "open", commit: c3, openKey: `STATUS:${billing.id}` }]);
    expect((await db.item.findUniqueOrThrow({ where: { id: billing.id } })).status).toBe("NOT_STARTED");
    expect(reports.id).not.toBe(billing.id); // a module that never had an occurrence is never proposed

    // A print statement comes back in users: drift, the stewards told once.
    repo.write({ "app/users/views.py": USERS + '\n\ndef debug(u):\n    print "debug", u\n' });
    repo.commit("debugging");
    await legacy.scan(day(4));
    expect(await totals()).toMatchObject({ "print-statements": [1, "drift"] });
    repo.write({ "app/users/models.py": 'class User(object):\n    def __repr__(self):\n        print "repr"\n' });
    repo.commit("more debugging");
    await legacy.scan(day(5));
    expect(await totals()).toMatchObject({ "print-statements": [2, "drift"] });
    const events = await db.notificationEvent.findMany({ where: { projectId: pid, event: "pattern.drift" } });
    expect(events.map((e) => e.subjectId)).toEqual([print.id]);
    expect(events[0].title).toBe('"print statements" is back in the code: 1 left, target 0');
    const inbox = await db.notification.findMany({ where: { kind: "pattern.drift" }, select: { userId: true } });
    expect(inbox.map((n) => n.userId).sort()).toEqual([a.user.id, steward.user.id].sort());
    // Billing is still clear: its proposal stays open.
    expect(await db.codeProposal.count({ where: { projectId: pid, state: "open" } })).toBe(1);

    // An occurrence back in billing withdraws the proposal.
    repo.write({ "app/billing/views.py": "import six\n" });
    repo.commit("six again");
    await legacy.scan(day(6));
    expect(await db.codeProposal.findFirst({ where: { projectId: pid }, select: { state: true, openKey: true } })).toEqual({
      state: "withdrawn",
      openKey: null,
    });
  }, 180_000); // seven real git fetches and scans: slow on a loaded machine (nothing here is timed)

  test("a bad regular expression is refused at its field; roles; a slug is kept; archive stops the counting", async () => {
    const { db, project, steward, engineer, scope } = await setup();
    const pid = project.id;
    const look = await errorOf(createPattern(db, steward.ctx, pid, { name: "six", kind: "regex", source: "(?<=import )six" }));
    expect(look.code).toBe("invalid_input");
    expect(Object.keys(look.details?.fields ?? {})).toEqual(["source"]);
    expect(look.details?.fields?.source[0]).toMatch(/look-around and back-references are not supported/);
    const empty = await errorOf(createPattern(db, steward.ctx, pid, { name: "x", kind: "regex", source: "x*" }));
    expect(empty.details?.fields?.source[0]).toMatch(/^Matches empty text/);
    const noRule = await errorOf(createPattern(db, steward.ctx, pid, { name: "x", kind: "ast-grep" }));
    expect(Object.keys(noRule.details?.fields ?? {}).sort()).toEqual(["language", "rule"]);
    const badRule = await errorOf(createPattern(db, steward.ctx, pid, { name: "x", kind: "ast-grep", rule: "$$$", language: "python" }));
    expect(Object.keys(badRule.details?.fields ?? {})).toEqual(["rule"]);
    const folder = await errorOf(createPattern(db, steward.ctx, pid, { name: "x", kind: "regex", source: "x", folders: ["../etc"] }));
    expect(Object.keys(folder.details?.fields ?? {})).toEqual(["folders"]);
    expect(await codeOf(createPattern(db, engineer.ctx, pid, { name: "six", kind: "regex", source: "six" }))).toBe("forbidden");

    const p = await createPattern(db, steward.ctx, pid, { name: "six", kind: "regex", source: "import six", target: 3 });
    expect(await codeOf(createPattern(db, steward.ctx, pid, { name: "six", kind: "regex", source: "six" }))).toBe("conflict");
    const edited = await updatePattern(db, steward.ctx, pid, p.id, { source: "from six", flags: "i", folders: ["app"] });
    expect(edited.definition).toEqual({ kind: "regex", source: "from six", flags: "i", folders: ["app"] });
    expect(edited.slug).toBe("six");
    expect(await codeOf(updatePattern(db, steward.ctx, pid, p.id, { slug: "other" }))).toBe("invalid_input");
    expect(await codeOf(updatePattern(db, steward.ctx, pid, p.id, { source: "(?!x)" }))).toBe("invalid_input");
    await archivePattern(db, steward.ctx, pid, p.id);
    expect(await compiledPatternsFor(db, scope)).toEqual([]);
    const audit = await db.auditEvent.findMany({ where: { targetId: p.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { action: true } });
    expect(audit.map((e) => e.action)).toEqual(["pattern.created", "pattern.updated", "pattern.archived"]);
  });

  test("another tenant's pattern is not found", async () => {
    const { db, project, steward } = await setup();
    const p = await createPattern(db, steward.ctx, project.id, { name: "six", kind: "regex", source: "six" });
    const other = await newAdmin(db, "Other");
    const theirs = await newProject(db, other.ctx);
    for (const attempt of [
      () => patternBurnDown(db, other.ctx, project.id, p.id),
      () => patternBurnDown(db, other.ctx, theirs.id, p.id),
      () => patternOccurrences(db, other.ctx, theirs.id, p.id),
      () => updatePattern(db, other.ctx, theirs.id, p.id, { name: "mine" }),
      () => archivePattern(db, other.ctx, theirs.id, p.id),
    ])
      expect(await codeOf(attempt())).toBe("not_found");
    expect((await db.codePattern.findUniqueOrThrow({ where: { id: p.id } })).archivedAt).toBeNull();
  });

  test("the API: define, list, edit, archive; a look-around is a 400 naming the field; another tenant's pattern is a 404", async () => {
    signIn(null);
    const { db, a, project } = await setup();
    const pid = project.id;
    const steward = await tokenHeaders(db, a.ctx, pid, "STEWARD");
    const viewer = await tokenHeaders(db, a.ctx, pid, "VIEWER");
    const bad = await call(
      patternsRoute.POST,
      { projectId: pid },
      { method: "POST", headers: steward, json: { name: "six", kind: "regex", source: "(?<!from )import six" } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect(Object.keys(bad.body.error.details.fields)).toEqual(["source"]);
    expect(bad.body.error.details.fields.source[0]).toMatch(/look-around/);
    const unknown = await call(
      patternsRoute.POST,
      { projectId: pid },
      { method: "POST", headers: steward, json: { name: "six", kind: "regex", source: "six", id: "x" } },
    );
    expect(unknown.status).toBe(400);
    expect(
      (await call(patternsRoute.POST, { projectId: pid }, { method: "POST", headers: viewer, json: { name: "six", kind: "regex", source: "six" } })).status,
    ).toBe(403);

    const created = await call(
      patternsRoute.POST,
      { projectId: pid },
      { method: "POST", headers: steward, json: { name: "six imports", kind: "regex", source: "import six", languages: ["python"] } },
    );
    expect(created).toMatchObject({
      status: 201,
      body: { slug: "six-imports", target: 0, definition: { kind: "regex", source: "import six", languages: ["python"] } },
    });
    const id = created.body.id;
    const listed = await call(patternsRoute.GET, { projectId: pid }, { headers: viewer });
    expect(listed.body).toEqual([expect.objectContaining({ id, slug: "six-imports", current: null, state: "not-counted", archivedAt: null })]);
    const edited = await call(patternRoute.PATCH, { projectId: pid, patternId: id }, { method: "PATCH", headers: steward, json: { target: 2, name: "six" } });
    expect(edited).toMatchObject({ status: 200, body: { name: "six", target: 2 } });
    expect((await call(pointsRoute.GET, { projectId: pid, patternId: id }, { headers: viewer })).body).toEqual({
      pattern: { id, slug: "six-imports", name: "six", target: 2 },
      points: [],
    });
    const occurrences = await call(occurrencesRoute.GET, { projectId: pid, patternId: id }, { headers: viewer, query: "?limit=10&offset=0" });
    expect(occurrences.body).toMatchObject({ total: 0, offset: 0, limit: 10, occurrences: [] });
    expect((await call(occurrencesRoute.GET, { projectId: pid, patternId: id }, { headers: viewer, query: "?limit=0" })).status).toBe(400);

    const other = await newAdmin(db, "Other");
    const theirs = await newProject(db, other.ctx);
    const foreign = await tokenHeaders(db, other.ctx, theirs.id, "STEWARD");
    expect((await call(pointsRoute.GET, { projectId: theirs.id, patternId: id }, { headers: foreign })).status).toBe(404);
    expect((await call(occurrencesRoute.GET, { projectId: theirs.id, patternId: id }, { headers: foreign })).status).toBe(404);
    expect(
      (await call(patternRoute.PATCH, { projectId: theirs.id, patternId: id }, { method: "PATCH", headers: foreign, json: { name: "mine" } })).status,
    ).toBe(404);
    expect((await call(patternRoute.DELETE, { projectId: theirs.id, patternId: id }, { method: "DELETE", headers: foreign })).status).toBe(404);
    expect((await call(pointsRoute.GET, { projectId: pid, patternId: id }, { headers: foreign })).status).toBe(404);

    const archived = await call(patternRoute.DELETE, { projectId: pid, patternId: id }, { method: "DELETE", headers: steward });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect((await call(patternRoute.PATCH, { projectId: pid, patternId: id }, { method: "PATCH", headers: steward, json: { target: 1 } })).status).toBe(409);
  });
});
