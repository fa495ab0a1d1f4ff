#!/usr/bin/env node
// The operators' command line (`npx waypoint …`). The commands are TypeScript in lib/cli; they run
// from the bundle scripts/cli-bundle.mjs builds when it is up to date, else through tsx.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshCliBundle } from "../scripts/cli-bundle.mjs";
import { exitWhenWritten } from "./exit-when-written.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.WAYPOINT_ROOT ??= root;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

let main = null;
const bundle = freshCliBundle(root);
if (bundle) {
  try {
    ({ main } = await import(pathToFileURL(bundle).href));
  } catch (error) {
    // Removed under us (a second rebuild, `git clean`): the sources still work.
    if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
  }
}
if (!main) {
  if (fs.existsSync(path.join(root, ".waypoint"))) {
    console.error("waypoint: the code changed since the command line was bundled; running it through tsx (`npm run build:cli` rebuilds the bundle).");
  }
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  ({ main } = await import(pathToFileURL(path.join(root, "lib/cli/main.ts")).href));
}
const code = await main(process.argv.slice(2));
// Commands end the process themselves: the schema engine leaves a timer behind that would
// otherwise keep it alive for ten seconds. `serve` answers null and keeps running.
if (code !== null) await exitWhenWritten(code);
