import { describe, expect, test } from "vitest";
import { prng } from "@/lib/demo/synthetic";
import { addDays, daysBetween } from "@/lib/time/days";
import { dailyDeltas } from "@/lib/progress/deltas";
import { progressSeries, seriesFromHistory } from "@/lib/progress/series";
import { STATUS_ORDER, type DayDelta, type ProgressEvent, type ProgressItem, type ProgressSeries } from "@/lib/progress/types";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";

// ---- fixtures ---------------------------------------------------------------------------------

const route = (id: string, trafficPerDay = 0): ProgressItem => ({ id, kind: "ROUTE", trafficPerDay });
const mod = (id: string, trafficPerDay = 0): ProgressItem => ({ id, kind: "MODULE", trafficPerDay });
const dep = (id: string): ProgressItem => ({ id, kind: "DEPENDENCY", trafficPerDay: 0 });

const ev = (itemId: string, field: string, fromValue: string | null, toValue: string | null, at: string): ProgressEvent => ({
  itemId,
  field,
  fromValue,
  toValue,
  at: new Date(at),
});
const created = (id: string, to: PortStatus, at: string) => ev(id, "created", null, to, at);
const moved = (id: string, from: PortStatus, to: PortStatus, at: string) => ev(id, "status", from, to, at);
const deleted = (id: string, from: PortStatus, at: string) => ev(id, "deleted", from, null, at);
const restored = (id: string, to: PortStatus, at: string) => ev(id, "restored", null, to, at);

// Column views of a series: one array per line of a chart, so each case reads as the chart does.
const scope = (s: ProgressSeries) => s.burnUp.map((p) => p.scope);
const portedLine = (s: ProgressSeries) => s.burnUp.map((p) => p.ported);
const verifiedLine = (s: ProgressSeries) => s.burnUp.map((p) => p.verified);
const flowOf = (s: ProgressSeries, status: PortStatus) => s.flow.map((p) => p[status]);

const utc = (events: ProgressEvent[], items: ProgressItem[], from: string, to: string, kinds?: ItemKind[]) =>
  seriesFromHistory(events, items, { from, to, timeZone: "UTC", kinds });

// ---- the cases the issue asks for --------------------------------------------------------------

describe("progressSeries: the burn-up", () => {
  test("items added late: the scope line grows", () => {
    const s = utc(
      [
        created("a", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        created("b", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        moved("a", "NOT_STARTED", "PORTED", "2026-03-02T09:00:00Z"),
        created("c", "NOT_STARTED", "2026-03-03T09:00:00Z"),
        created("m", "IN_PROGRESS", "2026-03-03T10:00:00Z"),
      ],
      [route("a"), route("b"), route("c"), mod("m")],
      "2026-03-01",
      "2026-03-04",
    );
    expect(s.days).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]);
    expect(s.burnUp).toEqual([
      { day: "2026-03-01", scope: 2, ported: 0, verified: 0 },
      { day: "2026-03-02", scope: 2, ported: 1, verified: 0 },
      { day: "2026-03-03", scope: 4, ported: 1, verified: 0 },
      { day: "2026-03-04", scope: 4, ported: 1, verified: 0 },
    ]);
  });

  test("a rollback: ported → in progress lowers ported", () => {
    const s = utc(
      [
        created("a", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        moved("a", "NOT_STARTED", "PORTED", "2026-03-02T09:00:00Z"),
        moved("a", "PORTED", "IN_PROGRESS", "2026-03-03T09:00:00Z"),
      ],
      [route("a")],
      "2026-03-01",
      "2026-03-03",
    );
    expect(portedLine(s)).toEqual([0, 1, 0]);
    expect(scope(s)).toEqual([1, 1, 1]);
    expect(flowOf(s, "IN_PROGRESS")).toEqual([0, 0, 1]);
  });

  test("a rollback from verified lowers verified and ported", () => {
    const s = utc(
      [created("a", "VERIFIED", "2026-03-01T09:00:00Z"), moved("a", "VERIFIED", "NOT_STARTED", "2026-03-02T09:00:00Z")],
      [route("a")],
      "2026-03-01",
      "2026-03-02",
    );
    expect(verifiedLine(s)).toEqual([1, 0]);
    expect(portedLine(s)).toEqual([1, 0]);
  });

  test("deleted items leave the scope; a restored one comes back in the status it was deleted with", () => {
    const s = utc(
      [
        created("a", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        created("b", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        moved("a", "NOT_STARTED", "PORTED", "2026-03-02T09:00:00Z"),
        deleted("a", "PORTED", "2026-03-03T09:00:00Z"),
        deleted("b", "NOT_STARTED", "2026-03-04T09:00:00Z"),
        restored("a", "PORTED", "2026-03-05T09:00:00Z"),
      ],
      [route("a"), route("b")],
      "2026-03-01",
      "2026-03-05",
    );
    expect(scope(s)).toEqual([2, 2, 1, 0, 1]);
    expect(portedLine(s)).toEqual([0, 1, 0, 0, 1]);
    expect(flowOf(s, "PORTED")).toEqual([0, 1, 0, 0, 1]);
    expect(flowOf(s, "NOT_STARTED")).toEqual([2, 1, 1, 0, 0]);
  });

  test("several changes in one day: only the end-of-day state counts", () => {
    const s = utc(
      [
        created("a", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        created("b", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        // a goes all the way to verified in one day…
        moved("a", "NOT_STARTED", "IN_PROGRESS", "2026-03-02T09:00:00Z"),
        moved("a", "IN_PROGRESS", "PORTED", "2026-03-02T12:00:00Z"),
        moved("a", "PORTED", "VERIFIED", "2026-03-02T17:00:00Z"),
        // …b is ported and rolled back the same day: no trace at the end of it.
        moved("b", "NOT_STARTED", "PORTED", "2026-03-02T10:00:00Z"),
        moved("b", "PORTED", "NOT_STARTED", "2026-03-02T16:00:00Z"),
      ],
      [route("a"), route("b")],
      "2026-03-01",
      "2026-03-02",
    );
    expect(s.flow[1]).toEqual({ day: "2026-03-02", NOT_STARTED: 1, IN_PROGRESS: 0, PORTED: 0, VERIFIED: 1, RETIRED: 0, WONT_PORT: 0 });
    expect(s.burnUp[1]).toEqual({ day: "2026-03-02", scope: 2, ported: 1, verified: 1 });
  });

  test("won't port leaves the scope, and coming back from it re-enters", () => {
    const s = utc(
      [
        created("a", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        created("b", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        created("c", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        moved("a", "NOT_STARTED", "WONT_PORT", "2026-03-02T09:00:00Z"),
        moved("b", "NOT_STARTED", "PORTED", "2026-03-03T09:00:00Z"),
        moved("a", "WONT_PORT", "NOT_STARTED", "2026-03-04T09:00:00Z"),
      ],
      [route("a"), route("b"), route("c")],
      "2026-03-01",
      "2026-03-04",
    );
    expect(scope(s)).toEqual([3, 2, 2, 3]);
    expect(portedLine(s)).toEqual([0, 0, 1, 1]);
    expect(flowOf(s, "WONT_PORT")).toEqual([0, 1, 1, 0]);
    expect(s.traffic.map((p) => p.countShare)).toEqual([0, 0, 0.5, 1 / 3]);
  });

  test("retired counts as ported and verified", () => {
    const s = utc(
      [created("a", "RETIRED", "2026-03-01T09:00:00Z"), created("b", "NOT_STARTED", "2026-03-01T09:00:00Z")],
      [route("a"), route("b")],
      "2026-03-01",
      "2026-03-01",
    );
    expect(s.burnUp).toEqual([{ day: "2026-03-01", scope: 2, ported: 1, verified: 1 }]);
  });
});

describe("progressSeries: the project's time zone", () => {
  // One route, ported at `instant`; the series covers 03-10 and 03-11.
  test.each([
    ["23:30 in Berlin (22:30Z) belongs to 03-10", "Europe/Berlin", "2026-03-10T22:30:00Z", [1, 1]],
    ["the same instant in UTC is 03-10 too", "UTC", "2026-03-10T22:30:00Z", [1, 1]],
    ["00:30 in Berlin (23:30Z) belongs to 03-11", "Europe/Berlin", "2026-03-10T23:30:00Z", [0, 1]],
    ["23:30 EDT in New York (03:30Z on 03-11) belongs to 03-10 in New York", "America/New_York", "2026-03-11T03:30:00Z", [1, 1]],
    ["the same instant belongs to 03-11 in UTC", "UTC", "2026-03-11T03:30:00Z", [0, 1]],
    ["Kolkata: 23:59 (18:29Z) is 03-10", "Asia/Kolkata", "2026-03-10T18:29:00Z", [1, 1]],
    ["Kolkata: midnight (18:30Z) is 03-11", "Asia/Kolkata", "2026-03-10T18:30:00Z", [0, 1]],
  ])("%s", (_case, timeZone, instant, expected) => {
    const s = seriesFromHistory([created("a", "NOT_STARTED", "2026-03-01T12:00:00Z"), moved("a", "NOT_STARTED", "PORTED", instant)], [route("a")], {
      from: "2026-03-10",
      to: "2026-03-11",
      timeZone,
    });
    expect(portedLine(s)).toEqual(expected);
    expect(scope(s)).toEqual([1, 1]);
  });

  // Four routes, ported at the edges of a DST day; the series covers the day before, it, and the day after.
  test.each([
    [
      "New York, 2026-03-08 (23 hours)",
      "America/New_York",
      ["2026-03-08T04:59:00Z", "2026-03-08T05:00:00Z", "2026-03-09T03:59:00Z", "2026-03-09T04:00:00Z"], // 23:59 EST, 00:00 EST, 23:59 EDT, 00:00 EDT
      ["2026-03-07", "2026-03-09"],
      [1, 3, 4],
    ],
    [
      "Berlin, 2026-10-25 (25 hours)",
      "Europe/Berlin",
      ["2026-10-24T21:59:00Z", "2026-10-24T22:00:00Z", "2026-10-25T22:59:00Z", "2026-10-25T23:00:00Z"], // 23:59 CEST, 00:00 CEST, 23:59 CET, 00:00 CET
      ["2026-10-24", "2026-10-26"],
      [1, 3, 4],
    ],
    [
      "the Berlin instants seen in UTC fall differently",
      "UTC",
      ["2026-10-24T21:59:00Z", "2026-10-24T22:00:00Z", "2026-10-25T22:59:00Z", "2026-10-25T23:00:00Z"],
      ["2026-10-24", "2026-10-26"],
      [2, 4, 4],
    ],
  ])("a DST change day: %s", (_case, timeZone, instants, [from, to], expected) => {
    const ids = ["a", "b", "c", "d"];
    const events = ids.flatMap((id, k) => [created(id, "IN_PROGRESS", "2026-01-01T12:00:00Z"), moved(id, "IN_PROGRESS", "PORTED", instants[k])]);
    const s = seriesFromHistory(
      events,
      ids.map((id) => route(id)),
      { from, to, timeZone },
    );
    expect(s.days).toHaveLength(3);
    expect(portedLine(s)).toEqual(expected);
    expect(flowOf(s, "IN_PROGRESS")).toEqual(expected.map((n) => 4 - n));
  });
});

describe("progressSeries: traffic", () => {
  const items = [route("big", 900), route("small", 100), route("none", 0), mod("m", 5_000)];
  const start = ["big", "small", "none"].map((id) => created(id, "NOT_STARTED", "2026-03-01T09:00:00Z"));

  test("the share is weighted by traffic; the count share is not", () => {
    const s = utc(
      [
        ...start,
        created("m", "NOT_STARTED", "2026-03-01T09:00:00Z"),
        moved("small", "NOT_STARTED", "PORTED", "2026-03-02T09:00:00Z"),
        moved("m", "NOT_STARTED", "PORTED", "2026-03-02T09:00:00Z"), // a module's traffic never counts
        moved("big", "NOT_STARTED", "VERIFIED", "2026-03-03T09:00:00Z"),
      ],
      items,
      "2026-03-01",
      "2026-03-03",
    );
    expect(s.traffic).toEqual([
      { day: "2026-03-01", share: 0, countShare: 0, trafficDone: 0, trafficScope: 1000 },
      { day: "2026-03-02", share: 0.1, countShare: 1 / 3, trafficDone: 100, trafficScope: 1000 },
      { day: "2026-03-03", share: 1, countShare: 2 / 3, trafficDone: 1000, trafficScope: 1000 },
    ]);
  });

  test("a won't-port route's traffic leaves the traffic scope", () => {
    const s = utc(
      [...start, moved("big", "NOT_STARTED", "WONT_PORT", "2026-03-02T09:00:00Z"), moved("small", "NOT_STARTED", "PORTED", "2026-03-02T10:00:00Z")],
      items,
      "2026-03-02",
      "2026-03-02",
    );
    expect(s.traffic).toEqual([{ day: "2026-03-02", share: 1, countShare: 0.5, trafficDone: 100, trafficScope: 100 }]);
  });

  test("no traffic at all: share 0, not NaN; no routes: count share 0", () => {
    const quiet = utc([created("q", "PORTED", "2026-03-01T09:00:00Z")], [route("q", 0)], "2026-03-01", "2026-03-01");
    expect(quiet.traffic).toEqual([{ day: "2026-03-01", share: 0, countShare: 1, trafficDone: 0, trafficScope: 0 }]);
    const noRoutes = utc([created("m", "PORTED", "2026-03-01T09:00:00Z")], [mod("m", 10)], "2026-03-01", "2026-03-01");
    expect(noRoutes.traffic).toEqual([{ day: "2026-03-01", share: 0, countShare: 0, trafficDone: 0, trafficScope: 0 }]);
  });
});

describe("progressSeries: range and kinds", () => {
  const items = [route("r1"), route("r2"), mod("m1"), mod("m2"), dep("d1")];
  const events = [
    created("r1", "NOT_STARTED", "2026-02-01T09:00:00Z"),
    created("r2", "NOT_STARTED", "2026-02-01T09:00:00Z"),
    created("m1", "NOT_STARTED", "2026-02-01T09:00:00Z"),
    created("m2", "NOT_STARTED", "2026-02-01T09:00:00Z"),
    created("d1", "NOT_STARTED", "2026-02-01T09:00:00Z"),
    moved("r1", "NOT_STARTED", "PORTED", "2026-02-10T09:00:00Z"),
    moved("m1", "NOT_STARTED", "VERIFIED", "2026-02-20T09:00:00Z"),
    moved("d1", "NOT_STARTED", "WONT_PORT", "2026-02-25T09:00:00Z"),
    moved("r2", "NOT_STARTED", "IN_PROGRESS", "2026-03-02T09:00:00Z"),
    moved("m2", "NOT_STARTED", "PORTED", "2026-03-05T09:00:00Z"), // after the range: ignored
  ];

  test("a range that starts after the first events carries their state in as the baseline", () => {
    const s = utc(events, items, "2026-03-01", "2026-03-03");
    expect(s.burnUp).toEqual([
      { day: "2026-03-01", scope: 4, ported: 2, verified: 1 },
      { day: "2026-03-02", scope: 4, ported: 2, verified: 1 },
      { day: "2026-03-03", scope: 4, ported: 2, verified: 1 },
    ]);
    expect(s.flow[0]).toEqual({ day: "2026-03-01", NOT_STARTED: 2, IN_PROGRESS: 0, PORTED: 1, VERIFIED: 1, RETIRED: 0, WONT_PORT: 1 });
    expect(s.flow[1]).toEqual({ day: "2026-03-02", NOT_STARTED: 1, IN_PROGRESS: 1, PORTED: 1, VERIFIED: 1, RETIRED: 0, WONT_PORT: 1 });
  });

  test("deltas after the range are ignored", () => {
    const s = utc(events, items, "2026-03-01", "2026-03-04");
    expect(portedLine(s)).toEqual([2, 2, 2, 2]);
    expect(portedLine(utc(events, items, "2026-03-01", "2026-03-05"))).toEqual([2, 2, 2, 2, 3]);
  });

  test.each<[string, ItemKind[] | undefined, { scope: number; ported: number; verified: number }, number]>([
    ["all kinds by default", undefined, { scope: 4, ported: 2, verified: 1 }, 1],
    ["routes only", ["ROUTE"], { scope: 2, ported: 1, verified: 0 }, 0],
    ["modules only", ["MODULE"], { scope: 2, ported: 1, verified: 1 }, 0],
    ["dependencies only (the one is won't port)", ["DEPENDENCY"], { scope: 0, ported: 0, verified: 0 }, 1],
    ["routes and dependencies", ["ROUTE", "DEPENDENCY"], { scope: 2, ported: 1, verified: 0 }, 1],
    ["an empty list counts nothing", [], { scope: 0, ported: 0, verified: 0 }, 0],
  ])("kinds filter: %s", (_case, kinds, point, wontPort) => {
    const s = utc(events, items, "2026-03-01", "2026-03-01", kinds);
    expect(s.burnUp).toEqual([{ day: "2026-03-01", ...point }]);
    expect(s.flow[0].WONT_PORT).toBe(wontPort);
    // The traffic chart is routes only, whatever the filter: 1 of 2 routes ported.
    expect(s.traffic[0].countShare).toBe(0.5);
  });

  test("a range of one day has one point; a reversed range has none", () => {
    expect(utc(events, items, "2026-03-02", "2026-03-02").days).toEqual(["2026-03-02"]);
    const empty = utc(events, items, "2026-03-03", "2026-03-02");
    expect(empty).toEqual({ days: [], burnUp: [], traffic: [], flow: [] });
  });

  test("the filter of seriesFromHistory drops items before anything is counted", () => {
    const s = seriesFromHistory(events, items, { from: "2026-03-01", to: "2026-03-01", timeZone: "UTC", filter: (item) => item.id !== "r1" });
    expect(s.burnUp).toEqual([{ day: "2026-03-01", scope: 3, ported: 1, verified: 1 }]);
    expect(s.traffic[0].countShare).toBe(0);
  });
});

describe("progressSeries: against a naive running sum", () => {
  // The reference: for each day, sum every delta up to that day. O(days × deltas), obviously right.
  function naive(deltas: DayDelta[], from: string, to: string) {
    return daysBetween(from, to).map((day) => {
      const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<PortStatus, number>;
      for (const d of deltas) if (d.day <= day) counts[d.status] += d.count;
      return { day, ...counts };
    });
  }

  test("random history, unsorted deltas, range inside the history", () => {
    const rand = prng(7);
    const items: ProgressItem[] = Array.from({ length: 300 }, (_, k) => ({
      id: `i${k}`,
      kind: (["ROUTE", "MODULE", "DEPENDENCY"] as const)[k % 3],
      trafficPerDay: k * 10,
    }));
    const current = new Map<string, PortStatus | null>();
    const events: ProgressEvent[] = [];
    for (let n = 0; n < 3_000; n++) {
      const item = items[Math.floor(rand() * items.length)];
      const at = new Date(Date.parse("2026-01-01T00:00:00Z") + Math.floor(rand() * 90 * 86_400_000));
      const was = current.get(item.id);
      const next = STATUS_ORDER[Math.floor(rand() * STATUS_ORDER.length)];
      if (was === undefined) events.push(created(item.id, next, at.toISOString()));
      else if (was === null) events.push(restored(item.id, next, at.toISOString()));
      else if (rand() < 0.1) events.push(deleted(item.id, was, at.toISOString()));
      else events.push(moved(item.id, was, next, at.toISOString()));
      current.set(item.id, events.at(-1)!.field === "deleted" ? null : next);
    }
    const deltas = dailyDeltas(events, items, "Europe/Berlin");
    const shuffled = deltas.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(shuffled).not.toEqual(deltas);
    const s = progressSeries(shuffled, { from: "2026-01-20", to: addDays("2026-01-20", 59) });
    expect(s.flow).toHaveLength(60);
    expect(s.flow).toEqual(naive(deltas, "2026-01-20", addDays("2026-01-20", 59)));
  });

  test("730 days and 20,000 deltas", () => {
    const rand = prng(11);
    const statuses = STATUS_ORDER;
    const deltas: DayDelta[] = Array.from({ length: 20_000 }, () => ({
      day: addDays("2025-01-01", Math.floor(rand() * 730)),
      kind: "ROUTE" as const,
      status: statuses[Math.floor(rand() * statuses.length)],
      count: 1,
      traffic: 10,
    }));
    const t0 = performance.now();
    const s = progressSeries(deltas, { from: "2025-01-01", to: addDays("2025-01-01", 729) });
    const ms = performance.now() - t0;
    expect(s.days).toHaveLength(730);
    const last = s.flow.at(-1)!;
    expect(STATUS_ORDER.reduce((total, status) => total + last[status], 0)).toBe(20_000);
    expect(s.traffic.at(-1)!.trafficScope).toBe(10 * (20_000 - last.WONT_PORT));
    // Linear work takes a few milliseconds; a per-day rescan of the deltas would take seconds.
    expect(ms).toBeLessThan(1_000);
  });
});
