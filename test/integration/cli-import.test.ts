import { describe, expect, test } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-cli-import-"));
const waypoint = (...args: string[]) => {
  const result = spawnSync(process.execPath, ["bin/waypoint.mjs", ...args], {
    env: { ...process.env, WAYPOINT_DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 90_000,
  });
  return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
};

const REDASH = "test/fixtures/import/corpus/flask-redash";

describe("npx waypoint import of a source folder", () => {
  test("--dry-run --json prints one document with every item; --list prints one line per item; a refused import still prints its JSON", () => {
    expect(waypoint("seed-demo").code).toBe(0);

    const json = waypoint("import", "--project", "php-to-python", "--format", "source", "--dry-run", "--json", REDASH);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.out);
    expect(doc.summary).toMatchObject({ refused: false, frameworks: [{ framework: "flask", folder: "redash/handlers", routes: 51 }] });
    expect(doc.summary.skipped).toEqual([{ folder: "tests", reason: "tests", files: 1 }]);
    expect(doc.items).toContainEqual({
      kind: "route",
      change: "new",
      method: "GET",
      path: "/api/alerts",
      handler: "redash.handlers.alerts.AlertListResource",
      file: "redash/handlers/api.py",
      line: 65,
    });
    expect(doc.items.filter((i: { kind: string }) => i.kind === "route")).toHaveLength(51);

    const list = waypoint("import", "--project", "php-to-python", "--format", "source", "--dry-run", "--list", REDASH);
    expect(list.code).toBe(0);
    expect(list.out).toContain("flask in redash/handlers/: 51 route(s)");
    expect(list.out).toMatch(/\n {2}new {8}GET \/api\/alerts {2}redash\/handlers\/api\.py:65\n/);
    expect(list.out).toContain("Dry run: nothing was written.");

    // a document far longer than a pipe's buffer arrives whole (the process waits for it before exiting)
    const big = waypoint("import", "--project", "php-to-python", "--format", "source", "--dry-run", "--json", "test/fixtures/import/corpus");
    expect(big.code).toBe(0);
    expect(big.out.length).toBeGreaterThan(150_000);
    const bigDoc = JSON.parse(big.out);
    expect([...new Set(bigDoc.summary.frameworks.map((f: { framework: string }) => f.framework))].sort()).toEqual([
      "django",
      "express",
      "fastapi",
      "flask",
      "laravel",
      "rails",
    ]);

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "legacy-"));
    fs.mkdirSync(path.join(empty, ".github"));
    fs.writeFileSync(path.join(empty, ".github", "FUNDING.yml"), "github: someone\n");
    fs.writeFileSync(path.join(empty, "tool.py"), "print('hello')\n");
    const refused = waypoint("import", "--project", "php-to-python", "--format", "source", "--dry-run", "--json", empty);
    expect(refused.code).toBe(1);
    const refusedDoc = JSON.parse(refused.out);
    expect(refusedDoc.summary.refused).toBe(true);
    expect(refusedDoc.items).toEqual([]);
    expect(refusedDoc.issues[0]).toEqual({
      severity: "error",
      file: path.basename(empty),
      message: expect.stringContaining(`No routes found in ${path.basename(empty)} (1 source file(s) read). Tried flask: no Flask()`),
    });

    const text = waypoint("import", "--project", "php-to-python", "--format", "source", "--dry-run", empty);
    expect(text.code).toBe(1);
    expect(text.err).toMatch(/Errors \(1\):\n {2}error {4}legacy-\w+: No routes found in legacy-\w+/);
  }, 240_000);
});
