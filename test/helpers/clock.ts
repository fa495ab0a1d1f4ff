import { vi } from "vitest";

/**
 * The instant every test file starts at. `WAYPOINT_TEST_NOW` overrides it: `npm run test:clock`
 * runs the suite at instants chosen to break naive date code (DST changes, a leap day, New Year's
 * Eve, a minute before midnight), in process time zones that differ from UTC.
 */
export const TEST_START = new Date(process.env.WAYPOINT_TEST_NOW ?? "2026-06-10T12:00:00Z");
if (Number.isNaN(TEST_START.getTime())) throw new Error(`WAYPOINT_TEST_NOW is not an instant: ${process.env.WAYPOINT_TEST_NOW}`);

export const DAY_MS = 86_400_000;

/**
 * Pins the process clock at `at`; it then advances with real time (a millisecond at a time), so
 * rows written one after another keep their order. `Date` is faked for everything in the test
 * process — our clock (`lib/time/clock.ts`), Prisma's `@default(now())`, PGlite's `now()` — so they
 * all agree. Timers are left real.
 */
export function pinClock(at: Date | string | number = TEST_START): Date {
  const start = new Date(at);
  vi.useFakeTimers({ toFake: ["Date"], now: start, shouldAdvanceTime: true, advanceTimeDelta: 1 });
  return start;
}

/** `days` whole days from the pinned clock's current instant. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);
