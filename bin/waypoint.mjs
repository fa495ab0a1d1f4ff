#!/usr/bin/env node
// The operators' command line (`npx waypoint …`). The commands are TypeScript in lib/cli,
// loaded through tsx so that they share the app's code and the generated Prisma client.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.WAYPOINT_ROOT ??= root;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "lib/cli/main.ts")).href);
const code = await main(process.argv.slice(2));
// Commands end the process themselves: the schema engine leaves a timer behind that would
// otherwise keep it alive for ten seconds. `serve` answers null and keeps running.
if (code !== null) process.exit(code);
