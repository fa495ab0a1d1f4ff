import { describe, expect, test } from "vitest";
import { dailyDeltas } from "@/lib/progress/deltas";
import type { DayDelta, ProgressEvent, ProgressItem } from "@/lib/progress/types";

// ---- fixtures ---------------------------------------------------------------------------------

const items: ProgressItem[] = [
  { id: "r1", kind: "ROUTE", trafficPerDay: 100 },
  { id: "r2", kind: "ROUTE", trafficPerDay: 50 },
  { id: "m1", kind: "MODULE", trafficPerDay: 0 },
  { id: "d1", kind: "DEPENDENCY", trafficPerDay: 0 },
];

const ev = (itemId: string, field: string, fromValue: string | null, toValue: string | null, at: string): ProgressEvent => ({
  itemId,
  field,
  fromValue,
  toValue,
  at: new Date(at),
});
const created = (id: string, status: string, at: string) => ev(id, "created", null, status, at);
const status = (id: string, from: string, to: string, at: string) => ev(id, "status", from, to, at);

type Row = [DayDelta["day"], DayDelta["kind"], DayDelta["status"], number, number];
/** Compact expected rows: [day, kind, status, count, traffic]. */
const rows = (...list: Row[]): DayDelta[] => list.map(([day, kind, status, count, traffic]) => ({ day, kind, status, count, traffic }));

// ---- the rules per field ------------------------------------------------------------------------

describe("dailyDeltas", () => {
  test.each<[string, ProgressEvent[], DayDelta[]]>([
    [
      "created: +1 at the status it was created with",
      [created("r1", "NOT_STARTED", "2026-03-10T09:00:00Z")],
      rows(["2026-03-10", "ROUTE", "NOT_STARTED", 1, 100]),
    ],
    [
      "status: −1 at from, +1 at to",
      [status("r1", "IN_PROGRESS", "PORTED", "2026-03-10T09:00:00Z")],
      rows(["2026-03-10", "ROUTE", "IN_PROGRESS", -1, -100], ["2026-03-10", "ROUTE", "PORTED", 1, 100]),
    ],
    [
      "deleted: −1 at the status it was deleted with",
      [ev("r2", "deleted", "PORTED", null, "2026-03-10T09:00:00Z")],
      rows(["2026-03-10", "ROUTE", "PORTED", -1, -50]),
    ],
    [
      "restored: +1 at the status it comes back in",
      [ev("r2", "restored", null, "PORTED", "2026-03-10T09:00:00Z")],
      rows(["2026-03-10", "ROUTE", "PORTED", 1, 50]),
    ],
    [
      "other fields are ignored",
      [
        ev("r1", "trafficPerDay", "10", "100", "2026-03-10T09:00:00Z"),
        ev("r1", "ownerTeamId", null, "team-a", "2026-03-10T09:00:00Z"),
        ev("r1", "servedBy", "LEGACY", "NEW", "2026-03-10T09:00:00Z"),
      ],
      [],
    ],
    ["events of unknown items are ignored", [created("ghost", "PORTED", "2026-03-10T09:00:00Z")], []],
    [
      "a side that is not a PortStatus counts nothing; the other side still counts",
      [status("r1", "DONE", "PORTED", "2026-03-10T09:00:00Z"), status("r2", "IN_PROGRESS", "", "2026-03-10T09:00:00Z")],
      rows(["2026-03-10", "ROUTE", "IN_PROGRESS", -1, -50], ["2026-03-10", "ROUTE", "PORTED", 1, 100]),
    ],
    ["a status row from a status to itself nets to nothing", [status("r1", "PORTED", "PORTED", "2026-03-10T09:00:00Z")], []],
    [
      "several changes in one day: what passes through nets to zero and is dropped",
      [
        status("r1", "NOT_STARTED", "IN_PROGRESS", "2026-03-10T09:00:00Z"),
        status("r1", "IN_PROGRESS", "PORTED", "2026-03-10T12:00:00Z"),
        status("r1", "PORTED", "VERIFIED", "2026-03-10T17:00:00Z"),
      ],
      rows(["2026-03-10", "ROUTE", "NOT_STARTED", -1, -100], ["2026-03-10", "ROUTE", "VERIFIED", 1, 100]),
    ],
    [
      "count 0 but traffic not: kept (one route leaves a status, a lighter one enters it)",
      [status("r1", "IN_PROGRESS", "PORTED", "2026-03-10T09:00:00Z"), status("r2", "NOT_STARTED", "IN_PROGRESS", "2026-03-10T10:00:00Z")],
      rows(["2026-03-10", "ROUTE", "NOT_STARTED", -1, -50], ["2026-03-10", "ROUTE", "IN_PROGRESS", 0, -50], ["2026-03-10", "ROUTE", "PORTED", 1, 100]),
    ],
    ["traffic 0 but count not: kept", [created("m1", "NOT_STARTED", "2026-03-10T09:00:00Z")], rows(["2026-03-10", "MODULE", "NOT_STARTED", 1, 0])],
    [
      "the same change on two days stays two rows",
      [created("r1", "NOT_STARTED", "2026-03-10T09:00:00Z"), created("r2", "NOT_STARTED", "2026-03-11T09:00:00Z")],
      rows(["2026-03-10", "ROUTE", "NOT_STARTED", 1, 100], ["2026-03-11", "ROUTE", "NOT_STARTED", 1, 50]),
    ],
  ])("%s", (_case, events, expected) => {
    expect(dailyDeltas(events, items, "UTC")).toEqual(expected);
  });

  test("sorted by day, then kind (ROUTE, MODULE, DEPENDENCY), then status along the port, whatever the input order", () => {
    const events = [
      created("d1", "WONT_PORT", "2026-03-11T09:00:00Z"),
      created("m1", "PORTED", "2026-03-10T09:00:00Z"),
      created("r2", "VERIFIED", "2026-03-10T09:00:00Z"),
      created("d1", "IN_PROGRESS", "2026-03-10T09:00:00Z"),
      created("r1", "NOT_STARTED", "2026-03-10T09:00:00Z"),
      created("m1", "IN_PROGRESS", "2026-03-09T09:00:00Z"),
    ];
    expect(dailyDeltas(events, items, "UTC").map((d) => `${d.day} ${d.kind} ${d.status}`)).toEqual([
      "2026-03-09 MODULE IN_PROGRESS",
      "2026-03-10 ROUTE NOT_STARTED",
      "2026-03-10 ROUTE VERIFIED",
      "2026-03-10 MODULE PORTED",
      "2026-03-10 DEPENDENCY IN_PROGRESS",
      "2026-03-11 DEPENDENCY WONT_PORT",
    ]);
  });

  test.each([
    // [case, zone, instant, day]
    ["23:30 in Berlin (22:30Z) counts on 03-10", "Europe/Berlin", "2026-03-10T22:30:00Z", "2026-03-10"],
    ["00:30 in Berlin (23:30Z) counts on 03-11", "Europe/Berlin", "2026-03-10T23:30:00Z", "2026-03-11"],
    ["23:30 EDT in New York (03:30Z on 03-11) counts on 03-10 there", "America/New_York", "2026-03-11T03:30:00Z", "2026-03-10"],
    ["the same instant counts on 03-11 in UTC", "UTC", "2026-03-11T03:30:00Z", "2026-03-11"],
    ["Kolkata's midnight is 18:30Z", "Asia/Kolkata", "2026-03-10T18:30:00Z", "2026-03-11"],
  ])("the day is the project's: %s", (_case, zone, instant, day) => {
    expect(dailyDeltas([status("r1", "IN_PROGRESS", "PORTED", instant)], items, zone)).toEqual(
      rows([day, "ROUTE", "IN_PROGRESS", -1, -100], [day, "ROUTE", "PORTED", 1, 100]),
    );
  });

  test("traffic is the item's current traffic, with the sign of the row", () => {
    const heavier: ProgressItem[] = [{ id: "r1", kind: "ROUTE", trafficPerDay: 12_345 }];
    expect(dailyDeltas([ev("r1", "deleted", "PORTED", null, "2026-03-10T09:00:00Z")], heavier, "UTC")).toEqual(
      rows(["2026-03-10", "ROUTE", "PORTED", -1, -12_345]),
    );
  });

  test("items as a Map give the same as items as an array", () => {
    const events = [
      created("r1", "NOT_STARTED", "2026-03-10T09:00:00Z"),
      status("r1", "NOT_STARTED", "PORTED", "2026-03-11T09:00:00Z"),
      created("m1", "IN_PROGRESS", "2026-03-11T09:00:00Z"),
    ];
    const asMap = new Map(items.map((i) => [i.id, i]));
    const fromArray = dailyDeltas(events, items, "Europe/Berlin");
    expect(fromArray).toHaveLength(4);
    expect(dailyDeltas(events, asMap, "Europe/Berlin")).toEqual(fromArray);
  });

  test("the filter drops the items it rejects before anything is counted", () => {
    const events = [
      created("r1", "NOT_STARTED", "2026-03-10T09:00:00Z"),
      created("m1", "NOT_STARTED", "2026-03-10T09:00:00Z"),
      created("d1", "NOT_STARTED", "2026-03-10T09:00:00Z"),
    ];
    expect(dailyDeltas(events, items, "UTC", (item) => item.kind !== "ROUTE")).toEqual(
      rows(["2026-03-10", "MODULE", "NOT_STARTED", 1, 0], ["2026-03-10", "DEPENDENCY", "NOT_STARTED", 1, 0]),
    );
  });

  test("no events, no deltas", () => {
    expect(dailyDeltas([], items, "UTC")).toEqual([]);
  });
});
