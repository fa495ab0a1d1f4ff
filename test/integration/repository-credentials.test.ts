/**
 * Issue 22: wrong credentials end as a clear error on the repository's status, nothing half-applied;
 * the right token, replaced, then scans. The remote is a real HTTPS git server (`git http-backend`
 * behind TLS, test/helpers/git-https-server.ts) answering 401 to a wrong token, as GitHub does.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import { TestRepo } from "../helpers/git-repo";
import { repositoryEnv } from "../helpers/repository-env";
import { startGitHttpsServer, TEST_CA_FILE } from "../helpers/git-https-server";
import { getRepository, linkRepository, updateRepository } from "@/lib/repositories/manage";
import { requestScan, runScan } from "@/lib/repositories/run-scan";

const repoEnv = repositoryEnv("repo-credentials");
const TOKEN = "ghs_" + "r1ght".repeat(6);
const extra = { WAYPOINT_ALLOW_PRIVATE_REMOTES: "1", WAYPOINT_GIT_CA_FILE: TEST_CA_FILE };
const saved: Record<string, string | undefined> = {};
let server: Awaited<ReturnType<typeof startGitHttpsServer>>;
let repo: TestRepo;

beforeAll(async () => {
  for (const [k, v] of Object.entries(extra)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const served = path.join(repoEnv.root.dir, "served");
  repo = TestRepo.create(served, "shop");
  repo
    .write({
      "requirements.txt": "Flask==2.3.3\n",
      "app.py": 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/cart")\ndef cart():\n    return ""\n',
    })
    .commit("served");
  server = await startGitHttpsServer({ projectRoot: served, username: "x-access-token", token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

test("a wrong token fails the scan with an authentication error on the repository, stores nothing; the replaced token scans", async () => {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const scope = { organizationId: admin.organization.id };
  const { repository } = await linkRepository(db, admin.ctx, project.id, {
    role: "LEGACY",
    url: server.url("shop"),
    credentials: { kind: "token", token: "ghs_wrong_token_value" },
  });

  const failed = await runScan(db, scope, (await requestScan(db, admin.ctx, project.id, repository.id, {})).id);
  expect(failed.status).toBe("failed");
  expect(failed.error).toMatch(/authenticat|credential|token/i);
  expect(failed.error).not.toContain("ghs_wrong_token_value");
  const broken = await getRepository(db, admin.ctx, project.id, repository.id);
  expect(broken).toMatchObject({ status: "error", lastCommit: null, routes: 0 });
  expect(broken.statusMessage).toMatch(/authenticat|credential|token/i);
  const row = await db.repository.findUniqueOrThrow({ where: { id: repository.id } });
  expect(row.scanState).toBeNull();
  expect(await db.codeRoute.count({ where: { repositoryId: repository.id } })).toBe(0);
  expect(await db.codeProposal.count({ where: { projectId: project.id } })).toBe(0);

  await updateRepository(db, admin.ctx, project.id, repository.id, { credentials: { kind: "token", token: TOKEN } });
  const done = await runScan(db, scope, (await requestScan(db, admin.ctx, project.id, repository.id, {})).id);
  expect(done).toMatchObject({ status: "done", commit: repo.head(), error: null });
  expect(await getRepository(db, admin.ctx, project.id, repository.id)).toMatchObject({ status: "ok", lastCommit: repo.head(), routes: 1 });
  expect(JSON.stringify(await db.repositoryScan.findMany({ where: { repositoryId: repository.id } }))).not.toContain(TOKEN);
});
