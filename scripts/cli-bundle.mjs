// The command line runs from a bundle of lib/cli built by esbuild, not through tsx: loading the
// TypeScript through tsx costs ~35 MB of memory and ~0.2 s per command, which matters for
// `waypoint import` (bounded at 256 MB for a million-line log). The bundle is built by
// `npm install`, `npm run build`, `npm run build:cli` and `npm run db:generate`. It records the
// size and modification time of every source it was built from; when one differs, the launcher
// runs the TypeScript through tsx instead, so an edit is never run stale.
//
// Each build goes to its own folder under .waypoint/cli and becomes current by an atomic rename of
// current.json, so a command starting meanwhile loads either the old bundle or the new one, never
// half of each. The previous build is kept for commands still loading chunks from it.
import fs from "node:fs";
import path from "node:path";

const BASE = ".waypoint/cli";
const CURRENT = "current.json";

const stamp = (root, input) => {
  const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
  return stat ? { path: input, size: stat.size, mtimeMs: stat.mtimeMs } : null;
};

function readCurrent(root, base) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, base, CURRENT), "utf8"));
  } catch {
    return null;
  }
}

/** Builds the bundle: ESM chunks (commands stay lazy), npm packages left as imports. */
export async function buildCliBundle(root, base = BASE) {
  const { build } = await import("esbuild");
  const previous = readCurrent(root, base);
  const dir = `${Date.now().toString(36)}-${process.pid}`;
  const started = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["lib/cli/main.ts"],
    outdir: path.join(base, dir),
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
  const inputs = [...Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("node_modules/")), "tsconfig.json"].map((input) =>
    stamp(root, input),
  );
  // A source saved while esbuild was reading it may or may not be in the bundle: not current.
  const ended = Date.now();
  if (inputs.some((input) => !input || (input.mtimeMs >= started && input.mtimeMs <= ended))) {
    throw new Error("A source file changed while the command line was being bundled; run `npm run build:cli` again.");
  }
  const pointer = path.join(root, base, CURRENT);
  fs.writeFileSync(`${pointer}.${process.pid}`, JSON.stringify({ dir, inputs }));
  fs.renameSync(`${pointer}.${process.pid}`, pointer);
  const keep = new Set([CURRENT, dir, previous?.dir]);
  for (const name of fs.readdirSync(path.join(root, base))) {
    if (!keep.has(name) && !name.startsWith(`${CURRENT}.`)) fs.rmSync(path.join(root, base, name), { recursive: true, force: true });
  }
  return { files: inputs.length, dir: path.join(root, base, dir), metafile: result.metafile };
}

/** The current bundle's entry file, or null when there is none or a source differs from when it was built. */
export function freshCliBundle(root, base = BASE) {
  const current = readCurrent(root, base);
  if (!current) return null;
  for (const input of current.inputs) {
    const now = stamp(root, input.path);
    if (!now || now.size !== input.size || now.mtimeMs !== input.mtimeMs) return null;
  }
  const entry = path.join(root, base, current.dir, "main.js");
  return fs.existsSync(entry) ? entry : null;
}
