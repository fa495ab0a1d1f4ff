import { describe, expect, test } from "vitest";
import { describeForecast, MAX_TEXT, renderProjectWeek } from "@/lib/reports/render";
import type { ProjectWeek } from "@/lib/reports/weekly-project";
import type { Forecast } from "@/lib/progress/types";

describe("the weekly report's writing", () => {
  test.each([
    [{ kind: "done", remaining: 0 }, "done"],
    [
      { kind: "date", remaining: 10, velocity: 2, weeks: 6, likely: "2026-08-01", optimistic: "2026-07-20", pessimistic: "2026-09-01" },
      "likely 2026-08-01 (between 2026-07-20 and 2026-09-01)",
    ],
    [
      { kind: "date", remaining: 10, velocity: 2, weeks: 6, likely: "2026-08-01", optimistic: "2026-07-20", pessimistic: null },
      "likely 2026-08-01 (between 2026-07-20 and an open end)",
    ],
    [{ kind: "unknown", reason: "Not enough history yet", remaining: 0, velocity: 0, weeks: 0 }, "no forecast yet"],
  ])("forecast %j → %s", (forecast, text) => {
    expect(describeForecast(forecast as unknown as Forecast)).toBe(text);
  });
});

describe("a long week still fits one message", () => {
  const week = (planned: number, reasonChars: number) =>
    ({
      project: { id: "p", name: "Shop", timeZone: "UTC", path: "/orgs/o/projects/shop" },
      week: { from: "2026-06-07", to: "2026-06-14" },
      progress: {
        items: { now: { done: 1, scope: 3 }, weekAgo: { done: 0, scope: 3 } },
        routes: { now: { done: 1, scope: 3 }, weekAgo: { done: 0, scope: 3 } },
        trafficShare: { now: 0.5, weekAgo: 0.25 },
      },
      forecast: { now: { kind: "done", remaining: 0 }, weekAgo: { kind: "done", remaining: 0 }, target: { date: null, passed: false, late: null } },
      stuckTeams: [],
      switches: { count: 0, rollbacks: [] },
      ahead: {
        planned: Array.from({ length: planned }, (_, i) => ({ key: `GET /r${i}`, to: "new", day: "2026-06-15", reason: "x".repeat(reasonChars) })),
        freezes: [],
        overdueActions: [],
        staleClaims: 0,
        topBlocker: null,
      },
    }) as unknown as ProjectWeek;
  test.each([
    [3, 10, 3, false],
    [12, 10, 5, true],
  ])("%i planned switches: %i listed, 'and more': %s", (planned, chars, listed, more) => {
    const { text } = renderProjectWeek(week(planned, chars), "https://w.example");
    expect(text.split("\n").filter((l) => l.startsWith("- 2026-06-15: GET /r"))).toHaveLength(listed);
    expect(text.includes(`… and ${planned - 5} more`)).toBe(more);
    expect(text.endsWith("https://w.example/orgs/o/projects/shop")).toBe(true);
  });
  test("reasons long enough to pass the limit are cut at a line, and the link is kept", () => {
    const { text } = renderProjectWeek(week(5, 450), "https://w.example");
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(text.endsWith("… the rest in Waypoint: https://w.example/orgs/o/projects/shop")).toBe(true);
  });
});
