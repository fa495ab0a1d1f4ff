import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { buildCliBundle, freshCliBundle } from "../../../scripts/cli-bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "../../..");
// Inside the project, so that the bundle's imports of npm packages resolve; never the real one,
// which a command may be running from.
const OUT = `.waypoint/test-${process.pid}`;
afterAll(() => fs.rmSync(path.join(ROOT, OUT), { recursive: true, force: true }));

describe("the command line's bundle", () => {
  test("holds the commands' sources, keeps npm packages as imports, and runs", async () => {
    const files = await buildCliBundle(ROOT, OUT);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, OUT, "manifest.json"), "utf8"));
    expect(manifest.inputs).toEqual(expect.arrayContaining(["lib/cli/main.ts", "lib/cli/import-command.ts", "lib/import/access-log.ts", "tsconfig.json"]));
    expect(manifest.inputs.some((i: string) => i.startsWith("node_modules/"))).toBe(false);
    expect(files).toBeGreaterThan(20);

    // PGlite stays behind a dynamic import: a command on PostgreSQL never loads it.
    const main = fs.readFileSync(path.join(ROOT, OUT, "main.js"), "utf8");
    expect(main).not.toMatch(/from "@electric-sql\/pglite"/);
    const chunks = fs.readdirSync(path.join(ROOT, OUT)).map((f) => fs.readFileSync(path.join(ROOT, OUT, f), "utf8"));
    expect(chunks.some((c) => c.includes('from "@electric-sql/pglite"'))).toBe(true);

    expect(freshCliBundle(ROOT, OUT)).toBe(path.join(ROOT, OUT, "main.js"));
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", `const { main } = await import(${JSON.stringify(path.join(ROOT, OUT, "main.js"))}); process.exit(await main(["--help"]));`], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npx waypoint <command>/);
  }, 60_000);

  test("is stale, so not used, when a source changed after the build, is missing, or has no manifest", () => {
    fs.mkdirSync(path.join(ROOT, ".waypoint"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, ".waypoint", "fresh-"));
    try {
      const out = path.relative(ROOT, path.join(dir, "out"));
      const source = path.relative(ROOT, path.join(dir, "a.ts"));
      fs.mkdirSync(path.join(ROOT, out));
      expect(freshCliBundle(ROOT, out)).toBeNull(); // no manifest

      fs.writeFileSync(path.join(ROOT, source), "export {}");
      const written = fs.statSync(path.join(ROOT, source)).mtimeMs;
      const manifest = (builtAt: number, inputs = [source]) =>
        fs.writeFileSync(path.join(ROOT, out, "manifest.json"), JSON.stringify({ builtAt, inputs }));

      manifest(written + 1000);
      expect(freshCliBundle(ROOT, out)).toBe(path.join(ROOT, out, "main.js"));
      manifest(written - 1000); // the source was edited after this build
      expect(freshCliBundle(ROOT, out)).toBeNull();
      manifest(written + 1000, [source, path.relative(ROOT, path.join(dir, "gone.ts"))]);
      expect(freshCliBundle(ROOT, out)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
