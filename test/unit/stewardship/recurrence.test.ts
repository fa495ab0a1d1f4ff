import { afterEach, describe, expect, test, vi } from "vitest";
import {
  officeHourSlotSchema,
  sessionsBetween,
  slotsOverlap,
  weeklyRuleSchema,
  zonedToUtc,
  type Exception,
  type WeeklyRule,
} from "@/lib/stewardship/recurrence";

/** The wall clock ("YYYY-MM-DD HH:MM") an instant shows in a zone, asked of Intl directly. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: Date, timeZone: string): string {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

function rule(overrides: Partial<WeeklyRule>): WeeklyRule {
  return { weekday: 0, startTime: "10:00", durationMinutes: 60, timeZone: "Europe/Berlin", startsOn: "2026-01-05", ...overrides };
}

/** Sessions as "date start→end" lines (UTC, minutes), with "cancelled"/"moved" flags: easy to read in a table. */
function lines(sessions: ReturnType<typeof sessionsBetween>): string[] {
  const hm = (d: Date) => d.toISOString().slice(0, 16);
  return sessions.map((s) => `${s.date} ${hm(s.start)}→${hm(s.end)}${s.cancelled ? " cancelled" : ""}${s.moved ? " moved" : ""}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("zonedToUtc", () => {
  test.each([
    // [case, date, time, zone, instant]
    ["UTC is itself", "2026-03-10", "10:00", "UTC", "2026-03-10T10:00:00Z"],
    ["Berlin in winter (CET, +01:00)", "2026-03-10", "10:00", "Europe/Berlin", "2026-03-10T09:00:00Z"],
    ["Berlin in summer (CEST, +02:00)", "2026-07-10", "10:00", "Europe/Berlin", "2026-07-10T08:00:00Z"],
    // Berlin 2026-03-29: 02:00 CET → 03:00 CEST at 01:00Z.
    ["Berlin spring forward: 01:59 is still CET", "2026-03-29", "01:59", "Europe/Berlin", "2026-03-29T00:59:00Z"],
    ["Berlin spring forward: 02:00 does not exist → 03:00 CEST", "2026-03-29", "02:00", "Europe/Berlin", "2026-03-29T01:00:00Z"],
    ["Berlin spring forward: 02:30 does not exist → 03:30 CEST", "2026-03-29", "02:30", "Europe/Berlin", "2026-03-29T01:30:00Z"],
    ["Berlin spring forward: 03:00 CEST", "2026-03-29", "03:00", "Europe/Berlin", "2026-03-29T01:00:00Z"],
    ["Berlin spring forward: 10:00 CEST", "2026-03-29", "10:00", "Europe/Berlin", "2026-03-29T08:00:00Z"],
    // Berlin 2026-10-25: 03:00 CEST → 02:00 CET at 01:00Z; 02:00–02:59 happen twice.
    ["Berlin fall back: 01:59 CEST", "2026-10-25", "01:59", "Europe/Berlin", "2026-10-24T23:59:00Z"],
    ["Berlin fall back: 02:00 twice → the first (CEST)", "2026-10-25", "02:00", "Europe/Berlin", "2026-10-25T00:00:00Z"],
    ["Berlin fall back: 02:30 twice → the first (CEST), not 01:30Z", "2026-10-25", "02:30", "Europe/Berlin", "2026-10-25T00:30:00Z"],
    ["Berlin fall back: 03:00 CET", "2026-10-25", "03:00", "Europe/Berlin", "2026-10-25T02:00:00Z"],
    ["Berlin fall back: 10:00 CET", "2026-10-25", "10:00", "Europe/Berlin", "2026-10-25T09:00:00Z"],
    // New York 2026-03-08: 02:00 EST → 03:00 EDT at 07:00Z; 2026-11-01: 02:00 EDT → 01:00 EST at 06:00Z.
    ["New York spring forward: 01:59 EST", "2026-03-08", "01:59", "America/New_York", "2026-03-08T06:59:00Z"],
    ["New York spring forward: 02:30 does not exist → 03:30 EDT", "2026-03-08", "02:30", "America/New_York", "2026-03-08T07:30:00Z"],
    ["New York spring forward: 10:00 EDT", "2026-03-08", "10:00", "America/New_York", "2026-03-08T14:00:00Z"],
    ["New York fall back: 00:59 EDT", "2026-11-01", "00:59", "America/New_York", "2026-11-01T04:59:00Z"],
    ["New York fall back: 01:30 twice → the first (EDT), not 06:30Z", "2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00Z"],
    ["New York fall back: 02:00 EST", "2026-11-01", "02:00", "America/New_York", "2026-11-01T07:00:00Z"],
    ["New York fall back: 10:00 EST", "2026-11-01", "10:00", "America/New_York", "2026-11-01T15:00:00Z"],
    // Half-hour zones: the offset is not a whole number of hours.
    ["Kolkata (+05:30)", "2026-03-10", "10:00", "Asia/Kolkata", "2026-03-10T04:30:00Z"],
    ["Kolkata midnight is the UTC day before", "2026-03-10", "00:00", "Asia/Kolkata", "2026-03-09T18:30:00Z"],
    ["Kathmandu (+05:45)", "2026-03-10", "10:00", "Asia/Kathmandu", "2026-03-10T04:15:00Z"],
    ["Adelaide in its summer (ACDT, +10:30)", "2026-01-15", "10:00", "Australia/Adelaide", "2026-01-14T23:30:00Z"],
    ["Adelaide in its winter (ACST, +09:30)", "2026-07-15", "10:00", "Australia/Adelaide", "2026-07-15T00:30:00Z"],
    ["Adelaide spring forward: 02:30 does not exist → 03:30 ACDT", "2026-10-04", "02:30", "Australia/Adelaide", "2026-10-03T17:00:00Z"],
    ["Adelaide fall back: 02:30 twice → the first (ACDT)", "2026-04-05", "02:30", "Australia/Adelaide", "2026-04-04T16:00:00Z"],
    // Gaps that are not one hour: shifted by the gap, whatever its length.
    ["Lord Howe skips half an hour: 02:15 → 02:45 (+11:00)", "2026-10-04", "02:15", "Australia/Lord_Howe", "2026-10-03T15:45:00Z"],
    ["Samoa skipped 2011-12-30 entirely: → 12-31 10:00 (+14:00)", "2011-12-30", "10:00", "Pacific/Apia", "2011-12-30T20:00:00Z"],
    ["São Paulo's DST began at midnight: 00:00 → 01:00 (−02:00)", "2018-11-04", "00:00", "America/Sao_Paulo", "2018-11-04T03:00:00Z"],
  ])("%s", (_case, date, time, zone, instant) => {
    expect(zonedToUtc(date, time, zone).toISOString()).toBe(new Date(instant).toISOString());
  });

  // Every wall-clock minute that exists maps back to itself, and to its first occurrence when it
  // exists twice: checked against Intl every 7 minutes over 3 days around each transition.
  test.each([
    ["Europe/Berlin", "2026-03-28T00:00:00Z"],
    ["Europe/Berlin", "2026-10-24T00:00:00Z"],
    ["America/New_York", "2026-03-07T00:00:00Z"],
    ["America/New_York", "2026-10-31T00:00:00Z"],
    ["Australia/Adelaide", "2026-04-04T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-02T00:00:00Z"],
    ["Asia/Kolkata", "2026-03-10T00:00:00Z"],
  ])("round-trips every 7 minutes over 3 days in %s from %s", (zone, start) => {
    const from = Date.parse(start);
    const wrong: string[] = [];
    for (let ms = from; ms < from + 3 * 86_400_000; ms += 7 * 60_000) {
      const at = new Date(ms);
      const [date, time] = wallClock(at, zone).split(" ");
      const back = zonedToUtc(date, time, zone);
      // Same wall clock, and never later than the instant it came from (earlier only in an overlap).
      if (wallClock(back, zone) !== `${date} ${time}` || back.getTime() > ms) wrong.push(`${at.toISOString()} → ${back.toISOString()}`);
    }
    expect(wrong).toEqual([]);
  });

  test.each([
    ["not a date", "2026-02-30", "10:00", "Europe/Berlin"],
    ["a date in another form", "10.03.2026", "10:00", "Europe/Berlin"],
    ["24:00", "2026-03-10", "24:00", "Europe/Berlin"],
    ["a time without a leading zero", "2026-03-10", "9:30", "Europe/Berlin"],
    ["an unknown zone", "2026-03-10", "10:00", "Mars/Olympus_Mons"],
  ])("throws a RangeError for %s", (_case, date, time, zone) => {
    expect(() => zonedToUtc(date, time, zone)).toThrow(RangeError);
  });
});

describe("sessionsBetween", () => {
  test.each([
    // [case, rule, from, to, sessions]
    [
      "Berlin, Sundays 10:00, over the spring-forward Sunday 2026-03-29: 09:00Z, then 08:00Z",
      rule({ weekday: 6, startsOn: "2026-03-01" }),
      "2026-03-15T00:00:00Z",
      "2026-04-13T00:00:00Z",
      [
        "2026-03-15 2026-03-15T09:00→2026-03-15T10:00",
        "2026-03-22 2026-03-22T09:00→2026-03-22T10:00",
        "2026-03-29 2026-03-29T08:00→2026-03-29T09:00",
        "2026-04-05 2026-04-05T08:00→2026-04-05T09:00",
        "2026-04-12 2026-04-12T08:00→2026-04-12T09:00",
      ],
    ],
    [
      "Berlin, Sundays 10:00, over the fall-back Sunday 2026-10-25: 08:00Z, then 09:00Z",
      rule({ weekday: 6 }),
      "2026-10-11T00:00:00Z",
      "2026-11-02T00:00:00Z",
      [
        "2026-10-11 2026-10-11T08:00→2026-10-11T09:00",
        "2026-10-18 2026-10-18T08:00→2026-10-18T09:00",
        "2026-10-25 2026-10-25T09:00→2026-10-25T10:00",
        "2026-11-01 2026-11-01T09:00→2026-11-01T10:00",
      ],
    ],
    [
      "New York, Sundays 10:00, over 2026-03-08: 15:00Z, then 14:00Z",
      rule({ weekday: 6, timeZone: "America/New_York" }),
      "2026-03-01T00:00:00Z",
      "2026-03-16T00:00:00Z",
      ["2026-03-01 2026-03-01T15:00→2026-03-01T16:00", "2026-03-08 2026-03-08T14:00→2026-03-08T15:00", "2026-03-15 2026-03-15T14:00→2026-03-15T15:00"],
    ],
    [
      "New York, Sundays 10:00, over 2026-11-01: 14:00Z, then 15:00Z",
      rule({ weekday: 6, timeZone: "America/New_York" }),
      "2026-10-25T00:00:00Z",
      "2026-11-09T00:00:00Z",
      ["2026-10-25 2026-10-25T14:00→2026-10-25T15:00", "2026-11-01 2026-11-01T15:00→2026-11-01T16:00", "2026-11-08 2026-11-08T15:00→2026-11-08T16:00"],
    ],
    [
      "Berlin, Sundays 02:30: on the spring-forward day it is 03:30 CEST, and still 60 minutes long",
      rule({ weekday: 6, startTime: "02:30" }),
      "2026-03-21T00:00:00Z",
      "2026-04-06T00:00:00Z",
      ["2026-03-22 2026-03-22T01:30→2026-03-22T02:30", "2026-03-29 2026-03-29T01:30→2026-03-29T02:30", "2026-04-05 2026-04-05T00:30→2026-04-05T01:30"],
    ],
    [
      "Berlin, Sundays 02:30: on the fall-back day it is the first 02:30 (CEST)",
      rule({ weekday: 6, startTime: "02:30" }),
      "2026-10-17T00:00:00Z",
      "2026-11-02T00:00:00Z",
      ["2026-10-18 2026-10-18T00:30→2026-10-18T01:30", "2026-10-25 2026-10-25T00:30→2026-10-25T01:30", "2026-11-01 2026-11-01T01:30→2026-11-01T02:30"],
    ],
    [
      "Kolkata, Wednesdays 18:00 (+05:30): 12:30Z, unmoved when Europe and America change clocks",
      rule({ weekday: 2, startTime: "18:00", durationMinutes: 45, timeZone: "Asia/Kolkata" }),
      "2026-03-02T00:00:00Z",
      "2026-04-02T00:00:00Z",
      [
        "2026-03-04 2026-03-04T12:30→2026-03-04T13:15",
        "2026-03-11 2026-03-11T12:30→2026-03-11T13:15",
        "2026-03-18 2026-03-18T12:30→2026-03-18T13:15",
        "2026-03-25 2026-03-25T12:30→2026-03-25T13:15",
        "2026-04-01 2026-04-01T12:30→2026-04-01T13:15",
      ],
    ],
    [
      "Kolkata, Mondays 00:30: starts on the Sunday in UTC, and is found by a window ending that Sunday",
      rule({ weekday: 0, startTime: "00:30", timeZone: "Asia/Kolkata" }),
      "2026-03-08T00:00:00Z",
      "2026-03-08T20:00:00Z",
      ["2026-03-09 2026-03-08T19:00→2026-03-08T20:00"],
    ],
    [
      "Honolulu, Sundays 20:00 (−10:00): starts on the Monday in UTC",
      rule({ weekday: 6, startTime: "20:00", timeZone: "Pacific/Honolulu" }),
      "2026-03-09T00:00:00Z",
      "2026-03-10T00:00:00Z",
      ["2026-03-08 2026-03-09T06:00→2026-03-09T07:00"],
    ],
    [
      "startsOn on a Wednesday: the first Monday after it",
      rule({ startsOn: "2026-03-04" }),
      "2026-03-01T00:00:00Z",
      "2026-03-17T00:00:00Z",
      ["2026-03-09 2026-03-09T09:00→2026-03-09T10:00", "2026-03-16 2026-03-16T09:00→2026-03-16T10:00"],
    ],
    [
      "endsOn on an occurrence day: that day is the last",
      rule({ startsOn: "2026-03-02", endsOn: "2026-03-16" }),
      "2026-01-01T00:00:00Z",
      "2026-12-31T00:00:00Z",
      ["2026-03-02 2026-03-02T09:00→2026-03-02T10:00", "2026-03-09 2026-03-09T09:00→2026-03-09T10:00", "2026-03-16 2026-03-16T09:00→2026-03-16T10:00"],
    ],
    [
      "endsOn on a Sunday: the Monday before is the last",
      rule({ startsOn: "2026-03-02", endsOn: "2026-03-15" }),
      "2026-01-01T00:00:00Z",
      "2026-12-31T00:00:00Z",
      ["2026-03-02 2026-03-02T09:00→2026-03-02T10:00", "2026-03-09 2026-03-09T09:00→2026-03-09T10:00"],
    ],
    [
      "half-open: a session starting at `from` is in, one starting at `to` is out",
      rule({}),
      "2026-03-09T09:00:00Z",
      "2026-03-16T09:00:00Z",
      ["2026-03-09 2026-03-09T09:00→2026-03-09T10:00"],
    ],
    ["a session that started before `from` is out, even while it runs", rule({}), "2026-03-09T09:30:00Z", "2026-03-16T08:59:00Z", []],
    ["a window before startsOn", rule({ startsOn: "2026-06-01" }), "2026-03-01T00:00:00Z", "2026-05-31T00:00:00Z", []],
    ["a window after endsOn", rule({ endsOn: "2026-02-28" }), "2026-03-01T00:00:00Z", "2026-05-31T00:00:00Z", []],
    ["an empty window (to = from)", rule({}), "2026-03-09T09:00:00Z", "2026-03-09T09:00:00Z", []],
    ["a reversed window", rule({}), "2026-03-16T00:00:00Z", "2026-03-01T00:00:00Z", []],
  ])("%s", (_case, r, from, to, expected) => {
    expect(lines(sessionsBetween(r, new Date(from), new Date(to)))).toEqual(expected);
  });

  const mondays = rule({ startsOn: "2026-03-02" }); // Mondays 10:00 Berlin (09:00Z in March)
  const march = [new Date("2026-03-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z")] as const;

  test.each<[string, Exception[], string[]]>([
    [
      "a cancelled session is kept, marked cancelled",
      [{ date: "2026-03-16", cancelled: true }],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-09 2026-03-09T09:00→2026-03-09T10:00",
        "2026-03-16 2026-03-16T09:00→2026-03-16T10:00 cancelled",
        "2026-03-23 2026-03-23T09:00→2026-03-23T10:00",
        "2026-03-30 2026-03-30T08:00→2026-03-30T09:00",
      ],
    ],
    [
      "a session moved to the Thursday is placed by its new start and keeps its date and duration",
      [{ date: "2026-03-16", movedTo: new Date("2026-03-19T14:00:00Z") }],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-09 2026-03-09T09:00→2026-03-09T10:00",
        "2026-03-16 2026-03-19T14:00→2026-03-19T15:00 moved",
        "2026-03-23 2026-03-23T09:00→2026-03-23T10:00",
        "2026-03-30 2026-03-30T08:00→2026-03-30T09:00",
      ],
    ],
    [
      "a session moved before the one of the week before is ordered by its new start",
      [{ date: "2026-03-16", movedTo: new Date("2026-03-06T12:00:00Z") }],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-16 2026-03-06T12:00→2026-03-06T13:00 moved",
        "2026-03-09 2026-03-09T09:00→2026-03-09T10:00",
        "2026-03-23 2026-03-23T09:00→2026-03-23T10:00",
        "2026-03-30 2026-03-30T08:00→2026-03-30T09:00",
      ],
    ],
    [
      "a session moved out of the window is gone from it",
      [{ date: "2026-03-30", movedTo: new Date("2026-04-02T09:00:00Z") }],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-09 2026-03-09T09:00→2026-03-09T10:00",
        "2026-03-16 2026-03-16T09:00→2026-03-16T10:00",
        "2026-03-23 2026-03-23T09:00→2026-03-23T10:00",
      ],
    ],
    [
      "a session moved into the window from outside it is in",
      [{ date: "2026-04-06", movedTo: new Date("2026-03-31T08:00:00Z") }],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-09 2026-03-09T09:00→2026-03-09T10:00",
        "2026-03-16 2026-03-16T09:00→2026-03-16T10:00",
        "2026-03-23 2026-03-23T09:00→2026-03-23T10:00",
        "2026-03-30 2026-03-30T08:00→2026-03-30T09:00",
        "2026-04-06 2026-03-31T08:00→2026-03-31T09:00 moved",
      ],
    ],
    [
      "moved and cancelled: placed by the new start, both flags set",
      [{ date: "2026-03-09", movedTo: new Date("2026-03-10T09:00:00Z"), cancelled: true }],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-09 2026-03-10T09:00→2026-03-10T10:00 cancelled moved",
        "2026-03-16 2026-03-16T09:00→2026-03-16T10:00",
        "2026-03-23 2026-03-23T09:00→2026-03-23T10:00",
        "2026-03-30 2026-03-30T08:00→2026-03-30T09:00",
      ],
    ],
    [
      "exceptions on days without an occurrence (a Tuesday, a Monday before startsOn) are ignored",
      [
        { date: "2026-03-10", cancelled: true },
        { date: "2026-03-10", movedTo: new Date("2026-03-12T09:00:00Z") },
        { date: "2026-02-23", movedTo: new Date("2026-03-12T09:00:00Z") },
      ],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-09 2026-03-09T09:00→2026-03-09T10:00",
        "2026-03-16 2026-03-16T09:00→2026-03-16T10:00",
        "2026-03-23 2026-03-23T09:00→2026-03-23T10:00",
        "2026-03-30 2026-03-30T08:00→2026-03-30T09:00",
      ],
    ],
    [
      "two exceptions for one date: the last counts",
      [
        { date: "2026-03-23", cancelled: true },
        { date: "2026-03-23", movedTo: new Date("2026-03-24T09:00:00Z") },
      ],
      [
        "2026-03-02 2026-03-02T09:00→2026-03-02T10:00",
        "2026-03-09 2026-03-09T09:00→2026-03-09T10:00",
        "2026-03-16 2026-03-16T09:00→2026-03-16T10:00",
        "2026-03-23 2026-03-24T09:00→2026-03-24T10:00 moved",
        "2026-03-30 2026-03-30T08:00→2026-03-30T09:00",
      ],
    ],
  ])("%s", (_case, exceptions, expected) => {
    expect(lines(sessionsBetween(mondays, march[0], march[1], exceptions))).toEqual(expected);
  });

  test("a year of weekly sessions: 52, each at 10:00 Berlin time, with few formatter calls", () => {
    // `format` is a getter returning a bound function: count the gets, one per formatting.
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: unknown }, "format", "get");
    const sessions = sessionsBetween(rule({ weekday: 1, startsOn: "2020-01-01" }), new Date("2027-01-01T00:00:00Z"), new Date("2028-01-01T00:00:00Z"));
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    expect(sessions).toHaveLength(52);
    expect(new Set(sessions.map((s) => wallClock(s.start, "Europe/Berlin").slice(11)))).toEqual(new Set(["10:00"]));
    expect(new Set(sessions.map((s) => s.start.getUTCHours()))).toEqual(new Set([8, 9]));
    // Two formats per session, two more for each of the two weeks with a clock change nearby.
    expect(calls).toBeLessThanOrEqual(52 * 2 + 2 * 2);
  });

  test("ten years of sessions in well under a second", () => {
    const started = performance.now();
    const sessions = sessionsBetween(rule({ timeZone: "America/New_York" }), new Date("2026-01-01T00:00:00Z"), new Date("2035-12-31T00:00:00Z"));
    expect(sessions).toHaveLength(521);
    expect(performance.now() - started).toBeLessThan(500);
  });

  test.each([
    ["weekday 7", rule({ weekday: 7 as never })],
    ["a start time of 25:00", rule({ startTime: "25:00" })],
    ["a zero duration", rule({ durationMinutes: 0 })],
    ["an unknown zone", rule({ timeZone: "Mars/Olympus_Mons" })],
    ["startsOn not a date", rule({ startsOn: "2026-02-30" })],
    ["endsOn not a date", rule({ endsOn: "someday" })],
  ])("throws a RangeError for a rule with %s", (_case, r) => {
    expect(() => sessionsBetween(r, march[0], march[1])).toThrow(RangeError);
  });

  test("throws a RangeError for an invalid window or one over ten years", () => {
    expect(() => sessionsBetween(mondays, new Date("nope"), march[1])).toThrow(RangeError);
    expect(() => sessionsBetween(mondays, march[0], new Date("2040-01-01T00:00:00Z"))).toThrow(RangeError);
  });
});

describe("slotsOverlap", () => {
  test.each<[string, Partial<WeeklyRule>, Partial<WeeklyRule>, boolean]>([
    ["same zone, same time", {}, {}, true],
    ["same zone, same day, one ending as the other starts", { startTime: "10:00", durationMinutes: 60 }, { startTime: "11:00", durationMinutes: 30 }, false],
    ["same zone, one minute of overlap", { startTime: "10:00", durationMinutes: 60 }, { startTime: "10:59", durationMinutes: 30 }, true],
    ["same zone, different weekdays", { weekday: 0 }, { weekday: 1 }, false],
    [
      "a late session running past midnight into the other's day",
      { weekday: 0, startTime: "23:00", durationMinutes: 120 },
      { weekday: 1, startTime: "00:30" },
      true,
    ],
    // Berlin and London change clocks on the same day: 10:00 Berlin is 09:00 London all year.
    ["different zones, the same instants all year", {}, { timeZone: "Europe/London", startTime: "09:00" }, true],
    // 10:00 Berlin is 09:00Z in winter, 08:00Z in summer.
    ["different zones, the same instants only in (Berlin's) summer", {}, { timeZone: "UTC", startTime: "08:00" }, true],
    ["different zones, the same instants only in winter", { startsOn: "2026-04-06" }, { timeZone: "UTC", startTime: "09:00", startsOn: "2026-04-06" }, true],
    // 11:00 New York vs 16:00 Berlin: 16:00Z / 15:00Z in winter, 15:00Z / 14:00Z in summer, and
    // 15:00Z / 15:00Z in the three weeks New York is on summer time and Berlin not yet (03-09…03-23).
    [
      "different zones, the same instants only in the weeks between the US and the EU clock changes",
      { timeZone: "America/New_York", startTime: "11:00" },
      { startTime: "16:00" },
      true,
    ],
    [
      "different zones, different weekdays that are the same instants (Auckland Tuesday 07:00 = Monday 18:00Z in summer)",
      { timeZone: "Pacific/Auckland", weekday: 1, startTime: "07:00" },
      { timeZone: "UTC", startTime: "18:00" },
      true,
    ],
    ["different zones, never: 10:00 Berlin is never 10:00Z", {}, { timeZone: "UTC", startTime: "10:00" }, false],
    [
      "half-hour zone, never: 14:30 Kolkata (09:00Z) vs 10:00 Berlin in summer only",
      { startsOn: "2026-04-06", endsOn: "2026-10-18" },
      { timeZone: "Asia/Kolkata", startTime: "14:30" },
      false,
    ],
    ["half-hour zone, in winter: 14:30 Kolkata is 10:00 Berlin (CET)", {}, { timeZone: "Asia/Kolkata", startTime: "14:30" }, true],
    ["same time, but one ends before the other starts", { endsOn: "2026-03-01" }, { startsOn: "2026-03-02" }, false],
    ["same time, one ends on the very Monday the other starts", { endsOn: "2026-03-02" }, { startsOn: "2026-03-02" }, true],
    // Auckland Monday 2026-03-02 07:00 (+13:00) is Sunday 2026-03-01 18:00Z: one session each, on
    // local dates that do not meet, at the same instant.
    [
      "one session each, on different local dates but at the same instant",
      { timeZone: "Pacific/Auckland", startTime: "07:00", startsOn: "2026-03-02", endsOn: "2026-03-02" },
      { timeZone: "UTC", weekday: 6, startTime: "18:00", startsOn: "2026-03-01", endsOn: "2026-03-01" },
      true,
    ],
    [
      "one session each, a week apart",
      { timeZone: "Pacific/Auckland", startTime: "07:00", startsOn: "2026-03-09", endsOn: "2026-03-09" },
      { timeZone: "UTC", weekday: 6, startTime: "18:00", startsOn: "2026-03-01", endsOn: "2026-03-01" },
      false,
    ],
  ])("%s", (_case, a, b, expected) => {
    expect(slotsOverlap(rule(a), rule(b))).toBe(expected);
    expect(slotsOverlap(rule(b), rule(a))).toBe(expected); // symmetric
  });

  test("the horizon counts from the later start: a clash only in March is missed by 20 weeks from April", () => {
    const a = rule({ timeZone: "America/New_York", startTime: "11:00", startsOn: "2026-04-06" });
    const b = rule({ startTime: "16:00", startsOn: "2026-04-06" });
    expect(slotsOverlap(a, b, 20)).toBe(false);
    expect(slotsOverlap(a, b)).toBe(true); // the 54-week default reaches March 2027
  });
});

describe("weeklyRuleSchema and officeHourSlotSchema", () => {
  const valid = {
    weekday: 1,
    startTime: "09:30",
    durationMinutes: 60,
    timeZone: "Europe/Berlin",
    startsOn: "2026-03-10",
    capacity: 12,
    location: "https://meet.example/office-hours",
    hosts: ["user_1", "user_2"],
  };

  test("a valid slot parses; a missing endsOn is null", () => {
    expect(officeHourSlotSchema.parse(valid)).toEqual({ ...valid, endsOn: null });
  });

  test("form strings are read: numbers, an empty endsOn, a single host, spaces around text", () => {
    const parsed = officeHourSlotSchema.parse({
      ...valid,
      weekday: "6",
      durationMinutes: "45",
      capacity: "500",
      endsOn: "",
      location: "  Room 4.12  ",
      hosts: "user_1",
    });
    expect(parsed).toMatchObject({ weekday: 6, durationMinutes: 45, capacity: 500, endsOn: null, location: "Room 4.12", hosts: ["user_1"] });
  });

  test("the rule schema takes the rule fields alone", () => {
    const { capacity: _c, location: _l, hosts: _h, ...ruleOnly } = valid;
    expect(weeklyRuleSchema.parse({ ...ruleOnly, endsOn: "2026-03-10" })).toEqual({ ...ruleOnly, endsOn: "2026-03-10" });
  });

  test.each([
    // [case, change, field, message]
    ["weekday 7", { weekday: 7 }, "weekday", "Choose a weekday from Monday (0) to Sunday (6)."],
    ["weekday −1", { weekday: -1 }, "weekday", "Choose a weekday from Monday (0) to Sunday (6)."],
    ["weekday 1.5", { weekday: 1.5 }, "weekday", "Enter a whole number."],
    ["no weekday", { weekday: undefined }, "weekday", "Choose a weekday."],
    ["start time 24:00", { startTime: "24:00" }, "startTime", "Use a 24-hour time from 00:00 to 23:59, like 09:30."],
    ["start time 9:30", { startTime: "9:30" }, "startTime", "Use a 24-hour time from 00:00 to 23:59, like 09:30."],
    ["start time 09:60", { startTime: "09:60" }, "startTime", "Use a 24-hour time from 00:00 to 23:59, like 09:30."],
    ["a 4-minute session", { durationMinutes: 4 }, "durationMinutes", "At least 5 minutes."],
    ["a 481-minute session", { durationMinutes: 481 }, "durationMinutes", "At most 480 minutes (8 hours)."],
    ["an empty duration", { durationMinutes: "" }, "durationMinutes", "Enter a duration in minutes."],
    ["an unknown zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone", "Not a time zone this server knows; use a name like Europe/Berlin."],
    ["an offset for a zone", { timeZone: "+05:00" }, "timeZone", "Not a time zone this server knows; use a name like Europe/Berlin."],
    ["no zone", { timeZone: "" }, "timeZone", "Choose a time zone."],
    ["startsOn 2026-02-30", { startsOn: "2026-02-30" }, "startsOn", "Not a real date."],
    ["startsOn 10.03.2026", { startsOn: "10.03.2026" }, "startsOn", "Use the form YYYY-MM-DD."],
    ["endsOn before startsOn", { endsOn: "2026-03-09" }, "endsOn", "The last day cannot be before the first day."],
    ["capacity 0", { capacity: 0 }, "capacity", "At least 1."],
    ["capacity 501", { capacity: 501 }, "capacity", "At most 500."],
    ["capacity 2.5", { capacity: 2.5 }, "capacity", "Enter a whole number."],
    ["an empty location", { location: "   " }, "location", "Enter a room or a link."],
    ["a 501-character location", { location: "x".repeat(501) }, "location", "Use at most 500 characters."],
    ["no hosts", { hosts: [] }, "hosts", "Choose at least one host."],
    ["11 hosts", { hosts: Array.from({ length: 11 }, (_, i) => `user_${i}`) }, "hosts", "Choose at most 10 hosts."],
    ["a host twice", { hosts: ["user_1", "user_1"] }, "hosts", "A host is listed twice."],
    ["a host id that is not an id", { hosts: ["user 1; DROP"] }, "hosts.0", "Not a valid id."],
  ])("refuses %s", (_case, change, field, message) => {
    const result = officeHourSlotSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([field, message]);
  });

  test("endsOn equal to startsOn is a single session, and allowed", () => {
    expect(officeHourSlotSchema.safeParse({ ...valid, endsOn: valid.startsOn }).success).toBe(true);
  });
});
