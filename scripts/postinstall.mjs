// `npm install` leaves a working app: the Prisma client generated, the command line bundled, and
// the embedded database (./data, or WAYPOINT_DATA_DIR) migrated with the demo project in it.
import { spawnSync } from "node:child_process";

const run = (args) => spawnSync(process.execPath, args, { stdio: "inherit", env: process.env }).status;

if (run(["scripts/prisma-generate.mjs"]) !== 0) {
  console.error("waypoint: generating the Prisma client failed (see above).");
  process.exit(1);
}
// The command line's bundle (scripts/cli-bundle.mjs); without it the commands run through tsx.
if (run(["scripts/build-cli.mjs"]) !== 0) console.warn("waypoint: bundling the command line failed; it runs through tsx instead.");
if (process.env.WAYPOINT_SKIP_PREPARE === "1") process.exit(0);
if (run(["bin/waypoint.mjs", "prepare"]) !== 0) {
  // A server already running on ./data holds it; it migrates on start anyway, so this is no failure.
  console.warn("waypoint: the embedded database was not prepared now; `npm run dev` prepares it on start.");
}
