/**
 * Issue 22, linking repositories and scanning them: a legacy Flask app in a real git repository
 * (a file:// remote under WAYPOINT_REPOSITORY_ROOT), linked, scanned (CodeRoute rows), changed by
 * one commit and announced by a push webhook with a real HMAC signature, posted over HTTP to the
 * route handler; the worker runs the queued scan and reads only the changed file. Failures (an
 * unreachable remote, a refused location, a repository over the size limit, a symbolic link out of
 * the repository, an undecodable file) each end as a clear error or warning, nothing half-applied.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { codeOf } from "../helpers/errors";
import { jobsConnection } from "../setup/database";
import { until } from "../helpers/wait";
import { pushBody, repositoryEnv, signedPush } from "../helpers/repository-env";
import { TestRepo } from "../helpers/git-repo";
import { linkRepository, listRepositories, rotateWebhookSecret, unlinkRepository, updateRepository, getRepository } from "@/lib/repositories/manage";
import { queueScan, requestScan, runScan, type StoredScanLog } from "@/lib/repositories/run-scan";
import { getScan, listScans } from "@/lib/repositories/scan-queries";
import { QUEUES } from "@/lib/jobs/queues";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import type { Db } from "@/lib/db/client";

const repoEnv = repositoryEnv("repo-scans");
const remotes = repoEnv.remotes;
let worker: Worker | null = null;

afterEach(async () => {
  await worker?.stop();
  worker = null;
});

const FLASK = {
  "requirements.txt": "Flask==2.3.3\n",
  "shop/__init__.py": `from flask import Flask

from .users.views import bp as users_bp


def create_app():
    app = Flask(__name__)
    app.register_blueprint(users_bp, url_prefix="/api/users")

    @app.route("/")
    def index():
        return "shop"

    return app
`,
  "shop/users/__init__.py": "",
  "shop/users/views.py": `from flask import Blueprint

bp = Blueprint("users", __name__)


@bp.route("/")
def list_users():
    return []


@bp.route("/<int:user_id>", methods=["GET", "PUT"])
def user_detail(user_id):
    return {}
`,
  "shop/orders.py": `from flask import current_app as app


def total(order):
    return sum(order)
`,
};

let serial = 0;
function legacyRepo(files: Record<string, string | Buffer> = FLASK): TestRepo {
  const repo = TestRepo.create(remotes, `legacy-${++serial}`);
  repo.write(files).commit("the shop");
  return repo;
}

async function setUp(db: Db) {
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  return { admin, project };
}

const routeKeys = async (db: Db, repositoryId: string) =>
  (await db.codeRoute.findMany({ where: { repositoryId }, orderBy: [{ path: "asc" }, { method: "asc" }] })).map(
    (r) => `${r.method} ${r.path} ${r.file}:${r.line}`,
  );

const jobsFor = async (db: Db, repositoryScanIds: string[]) =>
  (
    await db.$queryRawUnsafe<{ data: { scanId: string }; state: string }[]>(
      `SELECT data, state::text AS state FROM pgboss.job WHERE name = $1`,
      QUEUES.repositoryScan.name,
    )
  ).filter((j) => repositoryScanIds.includes(j.data.scanId));

describe("linking a repository", () => {
  test("a manager links, changes and unlinks; credentials are sealed and never returned; the webhook secret is shown once and rotates", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const repo = legacyRepo();
    const linked = await linkRepository(db, admin.ctx, project.id, {
      role: "LEGACY",
      url: repo.url,
      branch: "main",
      folders: [{ path: "shop", frameworks: ["flask"] }],
      credentials: { kind: "token", token: "ghp_supersecret" },
    });
    expect(linked.webhookSecret).toMatch(/^whs_/);
    expect(linked.repository).toMatchObject({
      role: "LEGACY",
      branch: "main",
      status: "new",
      credential: { kind: "token", set: true },
      webhook: { provider: "github", secretSet: true },
    });
    const row = await db.repository.findUniqueOrThrow({ where: { id: linked.repository.id } });
    expect(row.credentialSealed).not.toContain("ghp_supersecret");
    expect(row.webhookSecretSealed).not.toContain(linked.webhookSecret);
    expect(JSON.stringify(await listRepositories(db, admin.ctx, project.id))).not.toContain("ghp_supersecret");

    // A second legacy repository is a conflict; the role is taken.
    expect(await codeOf(linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: repo.url }))).toBe("conflict");

    const changed = await updateRepository(db, admin.ctx, project.id, linked.repository.id, { branch: "develop", credentials: { kind: "none" } });
    expect(changed).toMatchObject({ branch: "develop", credential: { kind: "none", set: false } });

    const rotated = await rotateWebhookSecret(db, admin.ctx, project.id, linked.repository.id);
    expect(rotated.webhookSecret).not.toBe(linked.webhookSecret);

    const audit = await db.auditEvent.findMany({ where: { targetId: linked.repository.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(["repository.linked", "repository.updated", "repository.webhook_rotated"]);
    expect(audit.find((a) => a.action === "repository.updated")?.data).toMatchObject({ changed: ["branch", "credentialKind", "credential"] });
    expect(JSON.stringify(audit)).not.toContain("ghp_supersecret");

    await unlinkRepository(db, admin.ctx, project.id, linked.repository.id);
    expect(await db.repository.count({ where: { projectId: project.id } })).toBe(0);
  });

  test("locations the policy refuses are field errors on url; engineers may scan but not link; another tenant's repository is not found", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const cases: [string, RegExp][] = [
      ["file:///etc", /WAYPOINT_REPOSITORY_ROOT|below|root/i],
      ["ext::sh -c touch% /tmp/pwned", /remote helpers/],
      ["http://github.com/acme/shop.git", /Plain http/],
      ["https://127.0.0.1/acme/shop.git", /./],
    ];
    for (const [url, message] of cases) {
      const error = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url }).catch(
        (e: unknown) => e as { code: string; details?: { fields?: Record<string, string[]> } },
      );
      expect(error, url).toMatchObject({ code: "invalid_input" });
      expect((error as { details: { fields: Record<string, string[]> } }).details.fields.url[0], url).toMatch(message);
    }
    expect(await db.repository.count({ where: { projectId: project.id } })).toBe(0);

    const engineer = await newMember(db, admin.organization.id, "ENGINEER");
    expect(await codeOf(linkRepository(db, engineer.ctx, project.id, { role: "LEGACY", url: legacyRepo().url }))).toBe("forbidden");
    const { repository } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: legacyRepo().url });
    const scan = await requestScan(db, engineer.ctx, project.id, repository.id, {});
    expect(scan).toMatchObject({ status: "queued", trigger: "manual" });

    const other = await setUp(db);
    expect(await codeOf(getRepository(db, other.admin.ctx, project.id, repository.id))).toBe("not_found");
    expect(await codeOf(getRepository(db, other.admin.ctx, other.project.id, repository.id))).toBe("not_found");
    expect(await codeOf(requestScan(db, other.admin.ctx, other.project.id, repository.id, {}))).toBe("not_found");
    expect(await codeOf(unlinkRepository(db, other.admin.ctx, other.project.id, repository.id))).toBe("not_found");
  });
});

describe("scanning", () => {
  test("first scan stores the routes; a push webhook with a real signature queues a scan that reads only the changed file", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const repo = legacyRepo();
    const first = repo.head();
    const { repository, webhookSecret } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: repo.url });

    const queued = await requestScan(db, admin.ctx, project.id, repository.id, {});
    expect((await jobsFor(db, [queued.id])).map((j) => j.state)).toEqual(["created"]);
    // A second request while the first waits is the same scan.
    expect((await requestScan(db, admin.ctx, project.id, repository.id, {})).id).toBe(queued.id);

    const done = await runScan(db, { organizationId: admin.organization.id }, queued.id);
    expect(done).toMatchObject({ status: "done", commit: first, error: null });
    expect(await routeKeys(db, repository.id)).toEqual([
      "GET / shop/__init__.py:10",
      "GET /api/users shop/users/views.py:6",
      "GET /api/users/<int:user_id> shop/users/views.py:11",
      "PUT /api/users/<int:user_id> shop/users/views.py:11",
    ]);
    const firstLog = (await getScan(db, admin.ctx, project.id, repository.id, queued.id)).log!;
    expect(firstLog).toMatchObject({ mode: "full", reason: "first scan", routesAdded: 4, routesRemoved: 0, routesByFramework: { flask: 4 } });
    const firstSeen = await db.codeRoute.findFirstOrThrow({ where: { repositoryId: repository.id, path: "/" } });
    expect(firstSeen.firstCommit).toBe(first);
    expect(await getRepository(db, admin.ctx, project.id, repository.id)).toMatchObject({ status: "ok", lastCommit: first, routes: 4 });

    // One file changes: a new route in orders.py.
    const second = repo
      .write({
        "shop/orders.py": `from flask import current_app as app


@app.route("/orders/<int:order_id>")
def order(order_id):
    return {}
`,
      })
      .commit("orders");

    // A bad signature: 401, nothing queued.
    const before = await db.repositoryScan.count({ where: { repositoryId: repository.id } });
    const forged = await fetch(`${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`, signedPush("not-the-secret", pushBody(first, second)));
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "push" },
      body: JSON.stringify(pushBody(first, second)),
    });
    expect(unsigned.status).toBe(401);
    // An unknown repository answers exactly as a wrong signature does.
    const unknown = await fetch(`${repoEnv.server!.url}/api/hooks/repositories/c0unknownrepository000000`, signedPush(webhookSecret, pushBody(first, second)));
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toBe(
      await (await fetch(`${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`, signedPush("x", pushBody(first, second)))).text(),
    );
    // A push to another branch, and a ping: answered, nothing queued.
    const other = await fetch(
      `${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`,
      signedPush(webhookSecret, pushBody(first, second, "feature/x")),
    );
    expect(other.status).toBe(202);
    expect(await other.json()).toMatchObject({ ignored: true });
    const ping = await fetch(
      `${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`,
      signedPush(webhookSecret, { zen: "Keep it logically awesome.", hook_id: 1 }, "ping"),
    );
    expect(ping.status).toBe(200);
    // An oversized body: 413 before anything is read further.
    const big = await fetch(`${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "push", "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
      body: "x".repeat(6 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(await db.repositoryScan.count({ where: { repositoryId: repository.id } })).toBe(before);

    // The real push.
    const push = await fetch(
      `${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`,
      signedPush(webhookSecret, pushBody(first, second, "main", ["shop/orders.py"])),
    );
    expect(push.status).toBe(202);
    const { scanId } = (await push.json()) as { scanId: string };
    expect((await jobsFor(db, [scanId])).length).toBe(1);

    worker = await startWorker(db, { connection: jobsConnection(), pollSeconds: 0.5 });
    const finished = await until(
      "the pushed scan",
      () => db.repositoryScan.findUniqueOrThrow({ where: { id: scanId } }),
      (s) => s.status === "done" || s.status === "failed",
    );
    expect(finished).toMatchObject({ status: "done", commit: second, trigger: "push" });
    const log = finished.log as unknown as StoredScanLog;
    expect(log).toMatchObject({ mode: "incremental", changedFiles: 1, filesRead: 1, readPaths: ["shop/orders.py"], routesAdded: 1, routesRemoved: 0 });
    expect(await routeKeys(db, repository.id)).toContain("GET /orders/<int:order_id> shop/orders.py:4");
    // The routes that stayed keep their first commit; the new one names the push's.
    expect((await db.codeRoute.findFirstOrThrow({ where: { repositoryId: repository.id, path: "/" } })).firstCommit).toBe(first);
    expect((await db.codeRoute.findFirstOrThrow({ where: { repositoryId: repository.id, path: "/orders/<int:order_id>" } })).firstCommit).toBe(second);

    // The same commit again changes nothing.
    const stateBefore = await db.repository.findUniqueOrThrow({ where: { id: repository.id } });
    const routesBefore = await db.codeRoute.findMany({ where: { repositoryId: repository.id }, orderBy: { id: "asc" } });
    const again = await db.$transaction((tx) =>
      queueScan(
        tx,
        { id: repository.id, organizationId: admin.organization.id, projectId: project.id },
        { trigger: "manual", full: false, requestedById: null },
      ),
    );
    await until(
      "the repeated scan",
      () => db.repositoryScan.findUniqueOrThrow({ where: { id: again.scan.id } }),
      (s) => s.status === "done",
    );
    const repeated = await getScan(db, admin.ctx, project.id, repository.id, again.scan.id);
    expect(repeated.log).toMatchObject({ mode: "unchanged", filesRead: 0, routesAdded: 0, routesRemoved: 0 });
    expect(await db.codeRoute.findMany({ where: { repositoryId: repository.id }, orderBy: { id: "asc" } })).toEqual(routesBefore);
    expect((await db.repository.findUniqueOrThrow({ where: { id: repository.id } })).scanState).toEqual(stateBefore.scanState);

    const scans = await listScans(db, admin.ctx, project.id, repository.id);
    expect(scans.data.map((s) => s.trigger)).toEqual(["manual", "push", "manual"]);
  }, 90_000);

  test("a GitLab repository: X-Gitlab-Token is the secret itself; a wrong one is 401", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const repo = legacyRepo();
    const { repository, webhookSecret } = await linkRepository(db, admin.ctx, project.id, { role: "NEW", url: repo.url, webhookProvider: "gitlab" });
    const body = JSON.stringify({
      object_kind: "push",
      ref: "refs/heads/main",
      before: "0".repeat(40),
      after: repo.head(),
      total_commits_count: 1,
      commits: [],
    });
    const send = (token: string) =>
      fetch(`${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-gitlab-event": "Push Hook", "x-gitlab-token": token },
        body,
      });
    expect((await send("wrong")).status).toBe(401);
    // A GitHub signature made with the right secret is not accepted for a GitLab repository.
    const gh = await fetch(`${repoEnv.server!.url}/api/hooks/repositories/${repository.id}`, signedPush(webhookSecret, JSON.parse(body) as object));
    expect(gh.status).toBe(401);
    expect(await db.repositoryScan.count({ where: { repositoryId: repository.id } })).toBe(0);
    expect((await send(webhookSecret)).status).toBe(202);
    expect(await db.repositoryScan.count({ where: { repositoryId: repository.id } })).toBe(1);
  });

  test("another repository's secret does not open this one's webhook", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const a = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: legacyRepo().url });
    const b = await linkRepository(db, admin.ctx, project.id, { role: "NEW", url: legacyRepo().url });
    const answer = await fetch(
      `${repoEnv.server!.url}/api/hooks/repositories/${a.repository.id}`,
      signedPush(b.webhookSecret, pushBody("1".repeat(40), "2".repeat(40))),
    );
    expect(answer.status).toBe(401);
    expect(await db.repositoryScan.count({ where: { repositoryId: a.repository.id } })).toBe(0);
  });
});

describe("failures are clear and nothing is half-applied", () => {
  async function scanNow(db: Db, admin: Awaited<ReturnType<typeof setUp>>["admin"], projectId: string, repositoryId: string, env?: Record<string, string>) {
    const scan = await requestScan(db, admin.ctx, projectId, repositoryId, {});
    return runScan(db, { organizationId: admin.organization.id }, scan.id, env ? { env: { ...process.env, ...env } } : {});
  }

  test("an unreachable remote (the folder was removed): the scan fails, the repository says why, its routes stay", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const repo = legacyRepo();
    const { repository } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: repo.url });
    expect((await scanNow(db, admin, project.id, repository.id)).status).toBe("done");
    const routes = await routeKeys(db, repository.id);
    expect(routes.length).toBe(4);
    fs.rmSync(repo.dir, { recursive: true, force: true });
    fs.rmSync(path.join(repoEnv.env.WAYPOINT_REPOSITORY_DIR), { recursive: true, force: true });
    const failed = await scanNow(db, admin, project.id, repository.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/./);
    const after = await getRepository(db, admin.ctx, project.id, repository.id);
    expect(after.status).toBe("error");
    expect(after.statusMessage).toBe(failed.error);
    expect(await routeKeys(db, repository.id)).toEqual(routes);
  });

  test("a repository over the size limit: a clear error naming the limit, its clone removed", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const repo = legacyRepo({ ...FLASK, "blob.bin": randomBytes(3 * 1024 * 1024) });
    const { repository } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: repo.url });
    const failed = await scanNow(db, admin, project.id, repository.id, { WAYPOINT_REPOSITORY_MAX_MB: "1" });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/larger than the limit of 1(\.0)? MB.*WAYPOINT_REPOSITORY_MAX_MB/);
    expect((await getRepository(db, admin.ctx, project.id, repository.id)).status).toBe("error");
    expect(await db.codeRoute.count({ where: { repositoryId: repository.id } })).toBe(0);
  });

  test("a location no longer allowed by the policy fails the scan with the policy's reason", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const { repository } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: legacyRepo().url });
    const failed = await scanNow(db, admin, project.id, repository.id, { WAYPOINT_REPOSITORY_ROOT: "" });
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.error).toMatch(/WAYPOINT_REPOSITORY_ROOT/);
  });

  test("a symbolic link out of the repository is never followed and an undecodable file is a warning; the rest is scanned", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const secretFile = path.join(repoEnv.root.dir, "outside-secret.py");
    fs.writeFileSync(secretFile, '@app.route("/stolen")\ndef stolen():\n    return "secret"\n');
    const repo = TestRepo.create(remotes, `legacy-${++serial}`);
    repo.write({ ...FLASK, "shop/latin1.py": Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]) });
    repo.symlink("shop/evil.py", secretFile);
    repo.commit("links and bytes");
    const { repository } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: repo.url });
    const done = await scanNow(db, admin, project.id, repository.id);
    expect(done.status).toBe("done");
    const log = (await getScan(db, admin.ctx, project.id, repository.id, done.id)).log!;
    const warnings = log.warnings.map((w) => `${w.file}: ${w.message}`).join("\n");
    expect(warnings).toMatch(/shop\/evil\.py: .*link/i);
    expect(warnings).toMatch(/shop\/latin1\.py: .*(UTF-8|decod)/i);
    expect((await routeKeys(db, repository.id)).join("\n")).not.toContain("/stolen");
    expect(await routeKeys(db, repository.id)).toHaveLength(4);
  });

  test("two scans of one repository never run at once: the second waits (busy) until the first finished", async () => {
    const db = await testDb();
    const { admin, project } = await setUp(db);
    const { repository } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: legacyRepo().url });
    const one = await db.$transaction((tx) =>
      queueScan(
        tx,
        { id: repository.id, organizationId: admin.organization.id, projectId: project.id },
        { trigger: "manual", full: false, requestedById: null },
      ),
    );
    const two = await db.repositoryScan.create({
      data: { organizationId: admin.organization.id, projectId: project.id, repositoryId: repository.id, trigger: "manual", status: "queued" },
    });
    // The first is running (as a worker would have it).
    await db.repositoryScan.update({ where: { id: one.scan.id }, data: { status: "running", startedAt: new Date(Date.parse(one.scan.queuedAt)) } });
    await expect(runScan(db, { organizationId: admin.organization.id }, two.id)).rejects.toThrow(/Another scan/);
    expect((await db.repositoryScan.findUniqueOrThrow({ where: { id: two.id } })).status).toBe("queued");
    await db.repositoryScan.update({ where: { id: one.scan.id }, data: { status: "done" } });
    expect((await runScan(db, { organizationId: admin.organization.id }, two.id)).status).toBe("done");
  });
});
