// Runs the test suite against a real PostgreSQL server: TEST_DATABASE_URL, or the local one.
// Each test file gets its own database, copied from a template migrated once.
import { spawnSync } from "node:child_process";

const url = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
console.log(`Running the suite on PostgreSQL at ${url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@")}`);
const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(result.status ?? 1);
