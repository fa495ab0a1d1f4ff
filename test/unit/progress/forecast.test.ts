import { describe, expect, test } from "vitest";
import { addDays } from "@/lib/time/days";
import { forecast } from "@/lib/progress/forecast";
import type { BurnUpPoint, DayKey } from "@/lib/progress/types";

// ---- fixtures ---------------------------------------------------------------------------------

const LAST = "2026-03-31";

/**
 * A burn-up ending on `last` with `ported` items ported out of `scope`, where `weekly[i]` items were
 * ported in week i counted back from `last` (0 = the most recent: days last−6 … last). Each week's
 * progress lands on its last day, so the point 7i days before `last` is a week boundary.
 */
function burnUp(weekly: number[], { scope = 100, ported = 65, last = LAST, extraDaysBefore = 0 } = {}): BurnUpPoint[] {
  const atBoundary = [ported];
  for (const w of weekly) atBoundary.push(atBoundary.at(-1)! - w);
  const points: BurnUpPoint[] = [];
  for (let back = 7 * weekly.length + extraDaysBefore; back >= 0; back--) {
    const q = Math.floor(back / 7);
    const value = back % 7 === 0 ? atBoundary[Math.min(q, weekly.length)] : atBoundary[Math.min(q + 1, weekly.length)];
    points.push({ day: addDays(last, -back), scope, ported: value, verified: 0 });
  }
  return points;
}

const noTarget = { weeks: 4, targetDate: null };

// ---- the fixture itself -------------------------------------------------------------------------

test("the fixture puts each week's progress on its last day", () => {
  const points = burnUp([10, 6], { ported: 20 });
  expect(points).toHaveLength(15);
  expect(points[0]).toEqual({ day: "2026-03-17", scope: 100, ported: 4, verified: 0 });
  expect(points[7]).toEqual({ day: "2026-03-24", scope: 100, ported: 10, verified: 0 });
  expect(points[8].ported).toBe(10);
  expect(points[14]).toEqual({ day: LAST, scope: 100, ported: 20, verified: 0 });
});

// ---- forecast ---------------------------------------------------------------------------------

describe("forecast", () => {
  test("a normal case: dates from the mean, best and worst of the last 4 weeks", () => {
    // Weeks back from 03-31: +10, +6, +8, +4 (mean 7); an older week of +30 is outside the window.
    // 35 remaining: likely 35 days, optimistic ⌈35/10×7⌉ = 25, pessimistic ⌈35/4×7⌉ = 62.
    expect(forecast(burnUp([10, 6, 8, 4, 30]), noTarget)).toEqual({
      kind: "date",
      remaining: 35,
      velocity: 7,
      weeks: 4,
      likely: "2026-05-05",
      optimistic: "2026-04-25",
      pessimistic: "2026-06-01",
      onTrack: null,
    });
  });

  test("the window size matters: 5 weeks take the older fast week in", () => {
    // Mean 58/5 = 11.6; likely ⌈35 × 7 × 5 / 58⌉ = ⌈21.1⌉ = 22 days.
    expect(forecast(burnUp([10, 6, 8, 4, 30]), { weeks: 5, targetDate: null })).toMatchObject({
      kind: "date",
      velocity: 11.6,
      weeks: 5,
      likely: "2026-04-22",
      optimistic: "2026-04-09", // ⌈35 × 7 / 30⌉ = 9
      pessimistic: "2026-06-01",
    });
  });

  test("whole numbers divide exactly: remaining 29 at a mean of 7 is 29 days, not 30", () => {
    // 29 / (21/3) × 7 in floating point is 29.000000000000004.
    expect(forecast(burnUp([1, 8, 12], { ported: 71 }), { weeks: 3, targetDate: null })).toEqual({
      kind: "date",
      remaining: 29,
      velocity: 7,
      weeks: 3,
      likely: "2026-04-29",
      optimistic: "2026-04-17", // ⌈203/12⌉ = 17
      pessimistic: "2026-10-20", // 203 days at 1 a week
      onTrack: null,
    });
  });

  test.each([
    ["3.33… rounds to 3.3", [3, 3, 4], 3.3],
    ["2.66… rounds to 2.7", [2, 3, 3], 2.7],
    ["3.5 stays 3.5", [3, 4, 3, 4], 3.5],
  ])("velocity to one decimal: %s", (_case, weekly, velocity) => {
    const result = forecast(burnUp(weekly, { ported: 50 }), { weeks: weekly.length, targetDate: null });
    expect(result).toMatchObject({ kind: "date", velocity, weeks: weekly.length });
  });

  test.each<[string, DayKey | null, boolean | null]>([
    ["no target: no verdict", null, null],
    ["target after the likely date: on track", "2026-05-06", true],
    ["target on the likely date: on track", "2026-05-05", true],
    ["target the day before: late", "2026-05-04", false],
    ["target long past: late", "2026-01-01", false],
  ])("on track against a target: %s", (_case, targetDate, onTrack) => {
    const result = forecast(burnUp([10, 6, 8, 4]), { weeks: 4, targetDate });
    expect(result).toMatchObject({ kind: "date", likely: "2026-05-05", onTrack });
  });

  test("pessimistic is null when a week ported nothing", () => {
    // Mean 22/4 = 5.5: likely ⌈35 × 7 × 4 / 22⌉ = ⌈44.5⌉ = 45 days.
    expect(forecast(burnUp([10, 0, 8, 4]), noTarget)).toEqual({
      kind: "date",
      remaining: 35,
      velocity: 5.5,
      weeks: 4,
      likely: "2026-05-15",
      optimistic: "2026-04-25",
      pessimistic: null,
      onTrack: null,
    });
  });

  test("a rollback week counts against the velocity and leaves no pessimistic date", () => {
    // +12 then −2: mean 5, likely 35/5 × 7 = 49 days.
    expect(forecast(burnUp([12, -2]), { weeks: 2, targetDate: "2026-06-30" })).toEqual({
      kind: "date",
      remaining: 35,
      velocity: 5,
      weeks: 2,
      likely: "2026-05-19",
      optimistic: "2026-04-21", // ⌈35 × 7 / 12⌉ = 21
      pessimistic: null,
      onTrack: true,
    });
  });

  test("done: nothing remains, whatever the history", () => {
    expect(forecast([{ day: LAST, scope: 10, ported: 10, verified: 3 }], noTarget)).toEqual({ kind: "done", remaining: 0 });
    expect(forecast(burnUp([0, 0, 0, 0], { scope: 40, ported: 40 }), noTarget)).toEqual({ kind: "done", remaining: 0 });
  });

  test("an empty inventory is not done: nothing to forecast", () => {
    expect(forecast(burnUp([0, 0, 0], { scope: 0, ported: 0 }), noTarget)).toMatchObject({
      kind: "unknown",
      reason: expect.stringMatching(/nothing is in scope/i),
      remaining: 0,
    });
  });

  test.each([
    ["no points at all", [] as BurnUpPoint[], 0, 0],
    ["one day", burnUp([], { ported: 20 }), 80, 0],
    ["one week and a day", burnUp([5], { ported: 20, extraDaysBefore: 1 }), 80, 1],
    ["one day short of two full weeks (14 points)", burnUp([5, 5], { ported: 20 }).slice(1), 80, 1],
  ])("not enough history: %s", (_case, points, remaining, weeks) => {
    expect(points.length).toBeLessThan(15);
    expect(forecast(points, noTarget)).toEqual({
      kind: "unknown",
      reason: "Not enough history yet: the forecast needs at least 2 full weeks of progress.",
      remaining,
      velocity: 0,
      weeks,
    });
  });

  test("exactly two full weeks (15 points) are enough, and fewer weeks than asked are used", () => {
    const points = burnUp([5, 3], { ported: 20 });
    expect(points).toHaveLength(15);
    // Mean 4: likely 80/4 × 7 = 140 days.
    expect(forecast(points, { weeks: 8, targetDate: null })).toMatchObject({ kind: "date", weeks: 2, velocity: 4, likely: addDays(LAST, 140) });
  });

  test("weeks = 1 still needs two weeks of data, then uses the last one only", () => {
    expect(forecast(burnUp([5], { ported: 20 }), { weeks: 1, targetDate: null })).toMatchObject({ kind: "unknown", weeks: 1 });
    expect(forecast(burnUp([5, 100], { ported: 120, scope: 200 }), { weeks: 1, targetDate: null })).toMatchObject({
      kind: "date",
      weeks: 1,
      velocity: 5,
      likely: addDays(LAST, 112),
    });
  });

  test("zero velocity: nothing ported in the window", () => {
    expect(forecast(burnUp([0, 0, 0, 0, 25]), noTarget)).toEqual({
      kind: "unknown",
      reason: "Nothing was ported in the last 4 weeks: no finish date can be forecast.",
      remaining: 35,
      velocity: 0,
      weeks: 4,
    });
  });

  test("net negative velocity (more rolled back than ported) is unknown too", () => {
    expect(forecast(burnUp([-3, 2]), { weeks: 2, targetDate: "2026-12-31" })).toEqual({
      kind: "unknown",
      reason: "Nothing was ported in the last 2 weeks: no finish date can be forecast.",
      remaining: 35,
      velocity: -0.5,
      weeks: 2,
    });
  });

  test("a gap in the burn-up at a week boundary ends the window there", () => {
    const points = burnUp([10, 6, 8, 4]).filter((p) => p.day !== addDays(LAST, -21));
    expect(forecast(points, noTarget)).toMatchObject({ kind: "date", weeks: 2, velocity: 8 });
  });
});
