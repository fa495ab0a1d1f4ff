import { describe, expect, test } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { makeClient } from "@/lib/db/client";
import { authenticateApiToken } from "@/lib/api-tokens/tokens";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-cli-"));
const waypoint = (...args: string[]) => {
  const result = spawnSync(process.execPath, ["bin/waypoint.mjs", ...args], {
    env: { ...process.env, WAYPOINT_DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
};

describe("npx waypoint", () => {
  test("operators create users, the demo and tokens; bad input gets a clear message and exit code", async () => {
    const weak = waypoint("create-user", "--email", "ops@example.test", "--name", "Ops", "--password", "short");
    expect(weak).toMatchObject({ code: 1, err: expect.stringContaining("password: Use at least 10 characters") });

    const user = waypoint("create-user", "--email", "ops@example.test", "--name", "Ops", "--org", "Ops Org");
    expect(user.code).toBe(0);
    expect(user.out).toMatch(/Created ops@example.test, admin of "Ops Org" \(\/ops-org\)\.\nPassword: \S{12,}/);
    expect(waypoint("create-user", "--email", "OPS@example.test", "--name", "Again")).toMatchObject({
      code: 1,
      err: expect.stringContaining("already exists"),
    });

    expect(waypoint("seed-demo")).toMatchObject({ code: 0, out: expect.stringContaining("Created the demo organisation") });
    expect(waypoint("seed-demo")).toMatchObject({ code: 0, out: expect.stringContaining("nothing changed") });

    const token = waypoint("create-token", "--project", "php-to-python", "--name", "CI", "--role", "viewer");
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^wpt_[A-Za-z0-9_-]{43}$/);
    expect(waypoint("create-token", "--project", "nope")).toMatchObject({ code: 1, err: expect.stringContaining('No project with the slug "nope"') });
    expect(waypoint("create-token", "--project", "php-to-python", "--role", "admin")).toMatchObject({ code: 1, err: expect.stringContaining("role") });
    expect(waypoint("create-token", "--bogus")).toMatchObject({ code: 1, err: expect.stringContaining("--bogus") });
    expect(waypoint("frobnicate")).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command "frobnicate"') });

    // What the CLI wrote is in the folder: the printed token authenticates, as a viewer of the demo project.
    const pglite = createPglite(dataDir);
    const db = makeClient(new PrismaPGlite(pglite));
    try {
      const principal = await authenticateApiToken(db, token.out);
      expect(principal).toMatchObject({ kind: "token", organizationSlug: "demo", role: "VIEWER" });
    } finally {
      await db.$disconnect();
      await pglite.close();
    }
  }, 300_000); // some thirty CLI processes, each starting Node and PGlite: minutes on a busy machine

  test("a folder missing a migration gets it when a command opens it (the schema engine loads only then)", async () => {
    expect(waypoint("seed-demo").code).toBe(0); // an up-to-date folder, whatever ran before
    const creates = (name: string) => /CREATE TABLE "(\w+)"/.exec(fs.readFileSync(path.join("prisma/migrations", name, "migration.sql"), "utf8"))?.[1];
    // The newest migration that creates a table (later ones may only alter).
    const latest = fs
      .readdirSync("prisma/migrations")
      .filter((n) => /^\d{14}_/.test(n))
      .sort()
      .reverse()
      .find((n) => creates(n))!;
    const migrated = async (fn: (p: ReturnType<typeof createPglite>) => Promise<unknown>) => {
      const pglite = createPglite(dataDir);
      try {
        return await fn(pglite);
      } finally {
        await pglite.close();
      }
    };
    const applied = (p: ReturnType<typeof createPglite>) =>
      p.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL`, [latest]);
    // Take the newest migration back out, as if the folder came from the release before it.
    await migrated(async (p) => {
      expect((await applied(p)).rows[0].n).toBe(1);
      await p.exec(`DROP TABLE "${creates(latest)}" CASCADE; DELETE FROM "_prisma_migrations" WHERE migration_name = '${latest}'`);
    });
    expect(waypoint("seed-demo")).toMatchObject({ code: 0, out: expect.stringContaining("nothing changed") });
    await migrated(async (p) => expect((await applied(p)).rows[0].n).toBe(1));
  }, 120_000);
});
