import { describe, expect, test } from "vitest";
import { addDays } from "@/lib/time/days";
import { RECENT_WEEKS, STUCK_WEEKS, teamTable, type OwnerFacts } from "@/lib/progress/teams";

// A fixed calendar day: the function is pure, it never reads a clock.
const TODAY = "2026-03-31";
const ago = (days: number) => addDays(TODAY, -days);

function facts(over: Partial<OwnerFacts> = {}): OwnerFacts {
  return { owner: "team:a", name: "Alpha", remaining: 5, staleClaims: 0, lastMovement: ago(1), doneByDay: [], blockers: [], ...over };
}

describe("stuck: work left and no movement for STUCK_WEEKS weeks", () => {
  test("the constants are the ones the screens name", () => {
    expect(STUCK_WEEKS).toBe(3);
    expect(RECENT_WEEKS).toBe(4);
  });

  test.each([
    { case: "moved today", remaining: 5, lastMovement: ago(0), stuck: false, days: 0 },
    { case: "moved a day short of three weeks ago", remaining: 5, lastMovement: ago(20), stuck: false, days: 20 },
    { case: "moved exactly three weeks ago", remaining: 5, lastMovement: ago(21), stuck: true, days: 21 },
    { case: "moved long ago", remaining: 1, lastMovement: ago(200), stuck: true, days: 200 },
    { case: "never moved, work left", remaining: 3, lastMovement: null, stuck: true, days: null },
    { case: "nothing left, idle for months", remaining: 0, lastMovement: ago(100), stuck: false, days: 100 },
    { case: "nothing left, never moved", remaining: 0, lastMovement: null, stuck: false, days: null },
    { case: "a movement dated after today counts as today", remaining: 2, lastMovement: addDays(TODAY, 1), stuck: false, days: 0 },
  ])("$case → stuck $stuck", ({ remaining, lastMovement, stuck, days }) => {
    const [row] = teamTable([facts({ remaining, lastMovement })], TODAY);
    expect(row.stuck).toBe(stuck);
    expect(row.daysSinceMovement).toBe(days);
  });

  test("another threshold can be asked for", () => {
    expect(teamTable([facts({ lastMovement: ago(8) })], TODAY, { stuckWeeks: 1 })[0].stuck).toBe(true);
    expect(teamTable([facts({ lastMovement: ago(8) })], TODAY, { stuckWeeks: 2 })[0].stuck).toBe(false);
  });
});

describe("done lately and velocity: the last four weeks, today included", () => {
  test.each([
    { case: "nothing done", doneByDay: [], done: 0, velocity: 0 },
    { case: "today counts", doneByDay: [{ day: ago(0), done: 2 }], done: 2, velocity: 0.5 },
    { case: "the window's first day counts", doneByDay: [{ day: ago(27), done: 4 }], done: 4, velocity: 1 },
    { case: "the day before the window does not", doneByDay: [{ day: ago(28), done: 4 }], done: 0, velocity: 0 },
    { case: "days after today do not", doneByDay: [{ day: addDays(TODAY, 1), done: 4 }], done: 0, velocity: 0 },
    {
      case: "a rollback counts against the pace",
      doneByDay: [
        { day: ago(3), done: 5 },
        { day: ago(2), done: -2 },
      ],
      done: 3,
      velocity: 0.8,
    },
    {
      case: "several days add up",
      doneByDay: [
        { day: ago(1), done: 3 },
        { day: ago(8), done: 3 },
        { day: ago(15), done: 3 },
        { day: ago(22), done: 1 },
      ],
      done: 10,
      velocity: 2.5,
    },
    { case: "more rolled back than done: negative, never -0", doneByDay: [{ day: ago(5), done: -2 }], done: -2, velocity: -0.5 },
  ])("$case → $done done, $velocity a week", ({ doneByDay, done, velocity }) => {
    const [row] = teamTable([facts({ doneByDay })], TODAY);
    expect(row.doneRecently).toBe(done);
    expect(row.velocity).toBe(velocity);
    expect(Object.is(row.velocity, -0)).toBe(false);
  });
});

describe("top blocker: the item blocking most of the owner's open work", () => {
  const b = (id: string, key: string, blocks: number) => ({ id, kind: "DEPENDENCY" as const, key, blocks });
  test.each([
    { case: "none", blockers: [], top: null },
    { case: "the one that blocks most", blockers: [b("1", "zlib", 2), b("2", "mysql", 5), b("3", "auth", 1)], top: "2" },
    { case: "a tie goes to the first key", blockers: [b("1", "zlib", 3), b("2", "auth", 3)], top: "2" },
    { case: "a tie of keys goes to the first id", blockers: [b("9", "auth", 3), b("4", "auth", 3)], top: "4" },
    { case: "an item blocking nothing is no blocker", blockers: [b("1", "zlib", 0)], top: null },
  ])("$case", ({ blockers, top }) => {
    expect(teamTable([facts({ blockers })], TODAY)[0].topBlocker?.id ?? null).toBe(top);
    // The input order never changes the answer.
    expect(teamTable([facts({ blockers: [...blockers].reverse() })], TODAY)[0].topBlocker?.id ?? null).toBe(top);
  });
});

test("rows are sorted as the owner bars are: most left first, then by name", () => {
  const rows = teamTable(
    [
      facts({ owner: "team:b", name: "Beta", remaining: 2 }),
      facts({ owner: "none", name: "Nobody", remaining: 9 }),
      facts({ owner: "team:a", name: "Alpha", remaining: 2 }),
      facts({ owner: "user:c", name: "Carol", remaining: 0 }),
    ],
    TODAY,
  );
  expect(rows.map((r) => r.owner)).toEqual(["none", "team:a", "team:b", "user:c"]);
});

test("stale claims and the owner's name pass through", () => {
  const [row] = teamTable([facts({ owner: "team:x", name: "Payments", staleClaims: 2 })], TODAY);
  expect(row).toMatchObject({ owner: "team:x", name: "Payments", staleClaims: 2, remaining: 5 });
});
