import fs from "node:fs";

/**
 * The instant the browser tests run at: the server and Chromium both start their clocks there
 * (Debian's libfaketime, preloaded), so no browser test depends on the day or the hour it is run.
 * `WAYPOINT_E2E_NOW` picks another instant.
 */
export const E2E_NOW = new Date(process.env.WAYPOINT_E2E_NOW ?? "2026-06-10T10:00:00Z");
if (Number.isNaN(E2E_NOW.getTime())) throw new Error(`WAYPOINT_E2E_NOW is not an instant: ${process.env.WAYPOINT_E2E_NOW}`);

const LIBRARY = ["x86_64-linux-gnu", "aarch64-linux-gnu"].map((arch) => `/usr/lib/${arch}/faketime/libfaketime.so.1`).find((file) => fs.existsSync(file));

/** Environment variables that start a process's clock at `E2E_NOW` (with DONT_FAKE_MONOTONIC Chromium crawls: 44 s for five page loads). */
export function pinnedClockEnv(): Record<string, string> {
  if (!LIBRARY) throw new Error("The browser tests pin the clock with libfaketime: apt-get install -y faketime");
  return { LD_PRELOAD: LIBRARY, FAKETIME: `@${Math.floor(E2E_NOW.getTime() / 1000)}`, FAKETIME_FMT: "%s" };
}

/** The calendar day (UTC) `offset` days from the pinned instant. */
export const e2eDay = (offset: number) => new Date(E2E_NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
