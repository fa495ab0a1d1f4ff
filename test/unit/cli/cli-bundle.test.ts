import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import type { Metafile } from "esbuild";
import { afterAll, describe, expect, test } from "vitest";
import { buildCliBundle, freshCliBundle } from "../../../scripts/cli-bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "../../..");
// Inside the project, so that the bundle's imports of npm packages resolve; never the real
// .waypoint/cli, which a command may be running from.
const BASE = `.waypoint/test-${process.pid}`;
afterAll(() => fs.rmSync(path.join(ROOT, BASE), { recursive: true, force: true }));

/** Every npm package an output file loads before any `await import()`, following its static chunks. */
function staticPackages(metafile: Metafile, entry: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(entry)) return packages;
  seen.add(entry);
  for (const imported of metafile.outputs[entry].imports) {
    if (imported.kind !== "import-statement") continue;
    if (imported.external) packages.add(imported.path);
    else for (const p of staticPackages(metafile, imported.path, seen)) packages.add(p);
  }
  return packages;
}

describe("the command line's bundle", () => {
  test("holds the commands' sources, loads PGlite and Next.js only on demand, and runs", async () => {
    const { files, dir, metafile } = await buildCliBundle(ROOT, BASE);
    const current = JSON.parse(fs.readFileSync(path.join(ROOT, BASE, "current.json"), "utf8"));
    const inputs = current.inputs.map((i: { path: string }) => i.path);
    expect(inputs).toEqual(expect.arrayContaining(["lib/cli/main.ts", "lib/cli/import-command.ts", "lib/import/access-log.ts", "tsconfig.json"]));
    expect(inputs.some((i: string) => i.startsWith("node_modules/"))).toBe(false);
    expect(files).toBe(inputs.length);

    const main = path.relative(ROOT, path.join(dir, "main.js"));
    const loadedAtStart = staticPackages(metafile, main);
    expect(loadedAtStart.size).toBeGreaterThan(0); // the walk does reach packages (Prisma's runtime, pg…)
    expect([...loadedAtStart].filter((p) => p.startsWith("@electric-sql/pglite") || p === "next")).toEqual([]);
    const everything = new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    expect(everything.has("@electric-sql/pglite")).toBe(true); // …though the bundle does hold it

    expect(freshCliBundle(ROOT, BASE)).toBe(path.join(ROOT, main));
    const run = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `const { main } = await import(${JSON.stringify(path.join(ROOT, main))}); process.exit(await main(["--help"]));`],
      { encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npx waypoint <command>/);
  }, 60_000);

  test("a rebuild becomes current and keeps the build before it, not older ones", async () => {
    const first = await buildCliBundle(ROOT, BASE);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await buildCliBundle(ROOT, BASE);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const third = await buildCliBundle(ROOT, BASE);
    expect(freshCliBundle(ROOT, BASE)).toBe(path.join(third.dir, "main.js"));
    expect(fs.existsSync(second.dir)).toBe(true);
    expect(fs.existsSync(first.dir)).toBe(false);
  }, 60_000);

  test("is not used when a source's size or time differs from the build's, a source or the entry is gone, or there is no build", () => {
    fs.mkdirSync(path.join(ROOT, ".waypoint"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, ".waypoint", "fresh-"));
    try {
      const base = path.relative(ROOT, dir);
      const source = path.join(base, "a.ts");
      expect(freshCliBundle(ROOT, base)).toBeNull(); // never built

      fs.writeFileSync(path.join(ROOT, source), "export const a = 1;");
      fs.mkdirSync(path.join(dir, "b1"));
      fs.writeFileSync(path.join(dir, "b1", "main.js"), "");
      const record = (inputs: string[]) =>
        fs.writeFileSync(
          path.join(dir, "current.json"),
          JSON.stringify({
            dir: "b1",
            inputs: inputs.map((p) => {
              const s = fs.statSync(path.join(ROOT, p));
              return { path: p, size: s.size, mtimeMs: s.mtimeMs };
            }),
          }),
        );

      record([source]);
      expect(freshCliBundle(ROOT, base)).toBe(path.join(dir, "b1", "main.js"));

      const old = new Date(Date.now() - 60_000);
      fs.utimesSync(path.join(ROOT, source), old, old); // same content, other time (a copy, a checkout)
      expect(freshCliBundle(ROOT, base)).toBeNull();
      record([source]);
      fs.writeFileSync(path.join(ROOT, source), "export const a = 12;");
      fs.utimesSync(path.join(ROOT, source), old, old); // other content, same time
      expect(freshCliBundle(ROOT, base)).toBeNull();

      record([source]);
      fs.rmSync(path.join(dir, "b1", "main.js"));
      expect(freshCliBundle(ROOT, base)).toBeNull();
      fs.writeFileSync(path.join(dir, "b1", "main.js"), "");
      fs.rmSync(path.join(ROOT, source));
      expect(freshCliBundle(ROOT, base)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
