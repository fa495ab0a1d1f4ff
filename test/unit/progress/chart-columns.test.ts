import { describe, expect, test } from "vitest";
import { csvTable, displayTable, QUADRANT_COLUMNS, TRAFFIC_COLUMNS } from "@/lib/progress/chart-columns";

describe("one column definition per chart, for its table and its CSV", () => {
  const traffic = [{ day: "2026-06-01", share: 0.123456, countShare: 0.5, trafficDone: 12_345, trafficScope: 100_000 }];

  test("the CSV writes raw figures (shares to four decimals) under machine names", () => {
    expect(csvTable(TRAFFIC_COLUMNS, traffic)).toEqual({
      header: ["day", "traffic_share_on_new_stack", "route_count_share", "traffic_ported_per_day", "traffic_in_scope_per_day"],
      rows: [["2026-06-01", 0.1235, 0.5, 12345, 100000]],
    });
  });

  test("the table shows the same columns, formatted, under people's names", () => {
    expect(displayTable(TRAFFIC_COLUMNS, traffic)).toEqual({
      header: ["Day", "By traffic", "By count", "Ported traffic/day", "Traffic in scope/day"],
      rows: [["2026-06-01", "12.3%", "50%", "12,345", "100,000"]],
    });
  });

  test('a grouped dot: no route in the CSV, "(group)" in the table', () => {
    const dot = { key: null, status: "NOT_STARTED", complexity: 3, trafficMin: 10, trafficMax: 90, count: 4 } as unknown as Parameters<
      (typeof QUADRANT_COLUMNS)[number]["value"]
    >[0];
    expect(csvTable(QUADRANT_COLUMNS, [dot]).rows).toEqual([["", "Not started", 3, 10, 90, 4]]);
    expect(displayTable(QUADRANT_COLUMNS, [dot]).rows).toEqual([["(group)", "Not started", "3", "10", "90", "4"]]);
  });
});
