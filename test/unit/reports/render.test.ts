import { describe, expect, test } from "vitest";
import { describeForecast } from "@/lib/reports/render";
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
