/**
 * `npx waypoint scan --project P`: the operator's scan, in the command's own process against the
 * embedded database, printing the log; a second run of the same commit reads nothing; a repository
 * that cannot be fetched exits 1 with the reason.
 */
import { afterAll, describe, expect, test } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { makeClient } from "@/lib/db/client";
import { TestRepo, tempRoot } from "../helpers/git-repo";

const root = tempRoot("cli-scan");
afterAll(() => root.remove());
const dataDir = path.join(root.dir, "data");
const remotes = path.join(root.dir, "remotes");
fs.mkdirSync(remotes, { recursive: true });

const waypoint = (...args: string[]) => {
  const result = spawnSync(process.execPath, ["bin/waypoint.mjs", ...args], {
    env: { ...process.env, WAYPOINT_DATA_DIR: dataDir, DATABASE_URL: "", WAYPOINT_REPOSITORY_ROOT: remotes, WAYPOINT_REPOSITORY_DIR: "" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
};

describe("npx waypoint scan", () => {
  test("scans the linked repository in-process and prints the log; the same commit again reads nothing; a missing remote exits 1", async () => {
    expect(waypoint("seed-demo").code).toBe(0);
    const repo = TestRepo.create(remotes, "legacy");
    repo.write({ "app.py": 'from flask import Flask\napp = Flask(__name__)\n\n\n@app.route("/hello")\ndef hello():\n    return "hi"\n' }).commit("hello");

    const pglite = createPglite(dataDir);
    const db = makeClient(new PrismaPGlite(pglite));
    try {
      const project = await db.project.findFirstOrThrow({ where: { slug: "php-to-python" } });
      await db.repository.create({ data: { organizationId: project.organizationId, projectId: project.id, role: "LEGACY", url: repo.url } });
    } finally {
      await db.$disconnect();
      await pglite.close();
    }

    expect(waypoint("scan")).toMatchObject({ code: 1, err: expect.stringContaining("--project") });
    expect(waypoint("scan", "--project", "php-to-python", "--repository", "new")).toMatchObject({ code: 1, err: expect.stringContaining("no new repository") });

    const first = waypoint("scan", "--project", "php-to-python");
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Commit: ${repo.head()}`);
    expect(first.out).toContain("Mode: full: first scan");
    expect(first.out).toContain("Routes: flask 1; 1 added, 0 removed");
    // The clone is kept under the data folder.
    expect(fs.readdirSync(path.join(dataDir, "repositories")).length).toBe(1);

    const again = waypoint("scan", "--project", "php-to-python", "--repository", "legacy");
    expect(again.code).toBe(0);
    expect(again.out).toContain("Mode: unchanged");
    expect(again.out).toContain("0 read");

    fs.rmSync(repo.dir, { recursive: true, force: true });
    fs.rmSync(path.join(dataDir, "repositories"), { recursive: true, force: true });
    const failed = waypoint("scan", "--project", "php-to-python", "--full");
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/failed \(full\), cli\n\s+Error: \S+/);
  }, 300_000);
});
