import { describe, expect, test } from "vitest";
import { activeFreeze, occurrenceAt, occurrencesBetween, parseCron, type FreezeRule } from "@/lib/cutover/freeze-rules";

const rule = (over: Partial<FreezeRule>): FreezeRule => ({
  id: "w",
  reason: "Black Friday week",
  timeZone: "UTC",
  startsAt: null,
  endsAt: null,
  cron: null,
  durationMinutes: null,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe("freeze windows", () => {
  test.each([
    ["before a one-off window", "2027-11-22T08:59:59Z", false],
    ["at its first instant", "2027-11-22T09:00:00Z", true],
    ["inside it", "2027-11-26T12:00:00Z", true],
    ["at its end (exclusive)", "2027-11-30T09:00:00Z", false],
  ])("%s: %s → %s", (_n, when, on) => {
    const w = rule({ startsAt: at("2027-11-22T09:00:00Z"), endsAt: at("2027-11-30T09:00:00Z") });
    expect(occurrenceAt(w, at(when)) !== null).toBe(on);
  });

  // Every Friday from 18:00 Berlin time, for 60 hours (the weekend). Berlin moves to summer time on
  // Sunday 2027-03-28 at 02:00: the window that began on Friday 26 March at 18:00 CET (17:00 UTC)
  // ends 60 hours later, and the next one begins on 2 April at 18:00 CEST (16:00 UTC).
  const weekend = rule({ cron: "0 18 * * 5", durationMinutes: 60 * 60, timeZone: "Europe/Berlin" });
  test.each([
    ["Friday 17:59 Berlin (CET)", "2027-03-26T16:59:00Z", false],
    ["Friday 18:00 Berlin (CET)", "2027-03-26T17:00:00Z", true],
    ["Sunday during the change to summer time", "2027-03-28T01:30:00Z", true],
    ["60 hours on, just before the end", "2027-03-29T04:59:59Z", true],
    ["60 hours on, the end", "2027-03-29T05:00:00Z", false],
    ["the next Friday 17:59 Berlin (CEST)", "2027-04-02T15:59:00Z", false],
    ["the next Friday 18:00 Berlin (CEST)", "2027-04-02T16:00:00Z", true],
  ])("a weekly window across DST: %s → %s", (_n, when, on) => {
    expect(occurrenceAt(weekend, at(when)) !== null).toBe(on);
  });

  test("of overlapping windows, the one ending last is in force", () => {
    const short = rule({ id: "short", startsAt: at("2027-01-01T00:00:00Z"), endsAt: at("2027-01-02T00:00:00Z") });
    const long = rule({ id: "long", startsAt: at("2027-01-01T12:00:00Z"), endsAt: at("2027-01-05T00:00:00Z") });
    expect(activeFreeze([short, long], at("2027-01-01T18:00:00Z"))?.windowId).toBe("long");
    expect(activeFreeze([short, long], at("2027-01-06T00:00:00Z"))).toBeNull();
  });

  test("upcoming occurrences are listed in order, recurring ones capped", () => {
    const list = occurrencesBetween(
      [weekend, rule({ id: "once", startsAt: at("2027-03-30T00:00:00Z"), endsAt: at("2027-03-31T00:00:00Z") })],
      at("2027-03-27T00:00:00Z"),
      at("2027-04-10T00:00:00Z"),
    );
    expect(list.map((o) => [o.windowId, o.start.toISOString()])).toEqual([
      ["w", "2027-03-26T17:00:00.000Z"],
      ["once", "2027-03-30T00:00:00.000Z"],
      ["w", "2027-04-02T16:00:00.000Z"],
      ["w", "2027-04-09T16:00:00.000Z"],
    ]);
  });

  test("a bad cron expression is named, not thrown", () => {
    expect(typeof parseCron("61 * * * *", "UTC")).toBe("string");
    expect(typeof parseCron("0 18 * * 5", "Europe/Berlin")).toBe("object");
    expect(occurrenceAt(rule({ cron: "nonsense", durationMinutes: 10 }), at("2027-01-01T00:00:00Z"))).toBeNull();
  });
});
