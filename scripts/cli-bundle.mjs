// The command line runs from a bundle of lib/cli built by esbuild (.waypoint/cli), not through
// tsx: loading the TypeScript through tsx costs ~35 MB of memory and ~0.2 s per command, which
// matters for `waypoint import` (bounded at 256 MB for a million-line log). The bundle is
// built by `npm install`, `npm run build` and `npm run db:generate`; when a source it was built
// from has changed since, the launcher falls back to tsx, so an edit is never run stale.
import fs from "node:fs";
import path from "node:path";

const OUT = ".waypoint/cli";
const MANIFEST = "manifest.json";

/** Builds the bundle: ESM chunks (commands stay lazy), npm packages left as imports. */
export async function buildCliBundle(root, out = OUT) {
  const { build } = await import("esbuild");
  const outdir = path.join(root, out);
  const builtAt = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["lib/cli/main.ts"],
    outdir: out,
    bundle: true,
    // Chunks keep `await import()` lazy: PGlite and the web server load only for the commands
    // that need them.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    alias: { "@": "." },
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("node_modules/"));
  fs.writeFileSync(path.join(outdir, MANIFEST), JSON.stringify({ builtAt, inputs: [...inputs, "tsconfig.json"] }));
  return inputs.length;
}

/** The bundle's entry file, or null when there is none or a source changed after it was built. */
export function freshCliBundle(root, out = OUT) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, out, MANIFEST), "utf8"));
  } catch {
    return null;
  }
  for (const input of manifest.inputs) {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= manifest.builtAt) return null;
  }
  return path.join(root, out, "main.js");
}
