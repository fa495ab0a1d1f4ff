/**
 * The one source of "now" for the application: domain code asks `now()` instead of `new Date()`.
 *
 * By default it reads the process clock, which is also what Prisma uses for `@default(now())` and
 * `@updatedAt` and what PGlite uses for SQL's `now()`, so timestamps written by the database layer
 * and instants compared in code always agree. Tests therefore pin the process clock itself
 * (`test/helpers/clock.ts`: Vitest's fake `Date` in the test process, `faketime` for child
 * processes and the browser tests' server); `setClock` replaces the source for code run outside
 * such a harness.
 *
 * The state lives on `globalThis`: the Next.js bundle holds its own copy of this module beside the
 * custom server's, and both must read the same clock.
 */

export type Clock = () => Date;

type ClockState = { clock: Clock };
const systemClock: Clock = () => new Date();
const state: ClockState = ((globalThis as { __waypointClock?: ClockState }).__waypointClock ??= { clock: systemClock });

/** The current instant. */
export function now(): Date {
  return state.clock();
}

/** The current instant in milliseconds since the epoch. */
export function nowMs(): number {
  return state.clock().getTime();
}

/** Replaces the source of "now"; `null` goes back to the process clock. */
export function setClock(clock: Clock | null): void {
  state.clock = clock ?? systemClock;
}
