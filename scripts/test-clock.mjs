// Runs the Vitest suite on PGlite under clocks and process time zones that break naive date code.
// Each run pins the test clock (WAYPOINT_TEST_NOW, read by test/helpers/clock.ts) and, with Debian's
// faketime (libfaketime), the clock of every process the suite starts, at the same instant.
//
//   npm run test:clock                    every clock below, the whole suite
//   npm run test:clock -- --only leap     the clocks whose name contains "leap"
//   npm run test:clock -- test/unit       extra arguments go to vitest (files, filters)
import { spawnSync } from "node:child_process";

/** Instants in UTC; each runs in the process time zone given. */
export const CLOCKS = [
  { name: "23:55 UTC, a minute before midnight", at: "2027-06-30T23:55:00Z", tz: "UTC" },
  { name: "EU spring-forward hour (Berlin)", at: "2027-03-28T00:55:00Z", tz: "Europe/Berlin" },
  { name: "US spring-forward (New York)", at: "2027-03-14T06:59:00Z", tz: "America/New_York" },
  { name: "southern-hemisphere fall-back (Auckland, 02:30 NZDT)", at: "2027-04-03T13:30:00Z", tz: "Pacific/Auckland" },
  { name: "leap day (Kolkata, a half-hour zone)", at: "2028-02-29T18:20:00Z", tz: "Asia/Kolkata" },
  { name: "New Year's Eve 23:50 (Los Angeles)", at: "2028-01-01T07:50:00Z", tz: "America/Los_Angeles" },
];

const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const clocks = CLOCKS.filter((c) => !only || c.name.toLowerCase().includes(only.toLowerCase()));
if (!clocks.length) {
  console.error(`No clock matches "${only}". Clocks: ${CLOCKS.map((c) => c.name).join("; ")}`);
  process.exit(2);
}

const faketime = spawnSync("faketime", ["-f", "+0", "true"]);
if (faketime.error || faketime.status !== 0) {
  console.error("faketime is not installed: apt-get install -y faketime (Debian's libfaketime).");
  process.exit(2);
}

const results = [];
for (const clock of clocks) {
  const epoch = Math.floor(Date.parse(clock.at) / 1000);
  console.log(`\n== ${clock.name}: ${clock.at}, TZ=${clock.tz}`);
  const started = Date.now();
  const env = { ...process.env, TZ: clock.tz, WAYPOINT_TEST_NOW: clock.at, FAKETIME_FMT: "%s" };
  delete env.TEST_DATABASE_URL; // the embedded database: the clock of the test process is the database's clock
  const run = spawnSync("faketime", ["-f", `@${epoch}`, "npx", "vitest", "run", ...args], { stdio: "inherit", env });
  results.push({ ...clock, status: run.status ?? 1, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log("\nclock                                                   | TZ                  | result | time");
for (const r of results) console.log(`${r.name.padEnd(55)} | ${r.tz.padEnd(19)} | ${r.status === 0 ? "pass  " : "FAIL  "} | ${r.seconds} s`);
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
