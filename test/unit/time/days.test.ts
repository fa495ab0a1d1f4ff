import { dayKeySchema } from "@/lib/validation/common";
import { afterEach, describe, expect, test, vi } from "vitest";
import { addDays, dayDiff, dayKey, daysBetween, isDayKey, isValidTimeZone, weekStart } from "@/lib/time/days";

/** The day by asking Intl directly, without any caching: what `dayKey` must always agree with. */
function slowDayKey(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("dayKey", () => {
  test.each([
    // [case, instant, zone, day]
    ["23:30 in Berlin (22:30Z) is still that day", "2026-03-10T22:30:00Z", "Europe/Berlin", "2026-03-10"],
    ["00:30 in Berlin (23:30Z) is the next day, though UTC says 03-10", "2026-03-10T23:30:00Z", "Europe/Berlin", "2026-03-11"],
    ["the same instant in UTC", "2026-03-10T23:30:00Z", "UTC", "2026-03-10"],
    // New York is on EDT (−04:00) from 2026-03-08, so 23:30 on 03-10 is 03:30Z on 03-11.
    ["23:30 EDT in New York is 03-10 there…", "2026-03-11T03:30:00Z", "America/New_York", "2026-03-10"],
    ["…and 03-11 in UTC", "2026-03-11T03:30:00Z", "UTC", "2026-03-11"],
    ["23:30 EST (−05:00) in New York in winter", "2026-02-11T04:30:00Z", "America/New_York", "2026-02-10"],
    ["the same winter instant in UTC", "2026-02-11T04:30:00Z", "UTC", "2026-02-11"],
    // Half-hour and quarter-hour zones: the day changes in the middle of a UTC hour.
    ["Kolkata (+05:30) one second before midnight", "2026-03-10T18:29:59Z", "Asia/Kolkata", "2026-03-10"],
    ["Kolkata (+05:30) at midnight", "2026-03-10T18:30:00Z", "Asia/Kolkata", "2026-03-11"],
    ["Kathmandu (+05:45) one millisecond before midnight", "2026-03-10T18:14:59.999Z", "Asia/Kathmandu", "2026-03-10"],
    ["Kathmandu (+05:45) at midnight", "2026-03-10T18:15:00Z", "Asia/Kathmandu", "2026-03-11"],
    ["a negative half-hour zone (St John's, −02:30 in summer)", "2026-07-01T02:29:00Z", "America/St_Johns", "2026-06-30"],
    // DST days: New York 2026-03-08 has 23 hours, Berlin 2026-10-25 has 25.
    ["New York: last second of 03-07 (EST)", "2026-03-08T04:59:59Z", "America/New_York", "2026-03-07"],
    ["New York: first second of the DST day", "2026-03-08T05:00:00Z", "America/New_York", "2026-03-08"],
    ["New York: last second of the DST day (EDT)", "2026-03-09T03:59:59Z", "America/New_York", "2026-03-08"],
    ["New York: first second after the DST day", "2026-03-09T04:00:00Z", "America/New_York", "2026-03-09"],
    ["Berlin: last second of 10-24 (CEST)", "2026-10-24T21:59:59Z", "Europe/Berlin", "2026-10-24"],
    ["Berlin: first second of the DST day", "2026-10-24T22:00:00Z", "Europe/Berlin", "2026-10-25"],
    ["Berlin: 02:30 happens twice; the second one (CET)", "2026-10-25T01:30:00Z", "Europe/Berlin", "2026-10-25"],
    ["Berlin: last second of the DST day (CET)", "2026-10-25T22:59:59Z", "Europe/Berlin", "2026-10-25"],
    ["Berlin: first second after the DST day", "2026-10-25T23:00:00Z", "Europe/Berlin", "2026-10-26"],
    ["before 1970", "1969-12-31T23:30:00Z", "Europe/Berlin", "1970-01-01"],
  ])("%s", (_case, instant, zone, day) => {
    expect(dayKey(new Date(instant), zone)).toBe(day);
  });

  // Tehran switched to DST at 00:00 local (+03:30) = 20:30Z: the offset changes in the middle of a
  // UTC hour, exactly at midnight. Asking for the later half first must not poison the earlier half.
  test("an offset change in the middle of a UTC hour, at midnight (Tehran 2021-03-22)", () => {
    expect(dayKey(new Date("2021-03-21T20:45:00Z"), "Asia/Tehran")).toBe("2021-03-22"); // 01:15 +04:30
    expect(dayKey(new Date("2021-03-21T20:15:00Z"), "Asia/Tehran")).toBe("2021-03-21"); // 23:45 +03:30
    expect(dayKey(new Date("2021-03-21T20:29:59Z"), "Asia/Tehran")).toBe("2021-03-21");
    expect(dayKey(new Date("2021-03-21T20:30:00Z"), "Asia/Tehran")).toBe("2021-03-22"); // 01:00 +04:30
  });

  // And back at 00:00 (+04:30) = 19:30Z to 23:00 (+03:30): the offset at the start of that UTC hour
  // would put 19:45Z on the next day.
  test("clocks going back at midnight in the middle of a UTC hour (Tehran 2021-09-22)", () => {
    expect(dayKey(new Date("2021-09-21T19:29:59Z"), "Asia/Tehran")).toBe("2021-09-21"); // 23:59:59 +04:30
    expect(dayKey(new Date("2021-09-21T19:45:00Z"), "Asia/Tehran")).toBe("2021-09-21"); // 23:15 +03:30
    expect(dayKey(new Date("2021-09-21T20:30:00Z"), "Asia/Tehran")).toBe("2021-09-22"); // 00:00 +03:30
  });

  test.each([
    ["America/New_York", "2026-03-07T00:00:00Z"],
    ["Europe/Berlin", "2026-10-24T00:00:00Z"],
    ["Asia/Kolkata", "2026-03-10T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-10-02T00:00:00Z"], // DST +10:30 → +11:00 at 15:30Z, a half hour
    ["Australia/Lord_Howe", "2026-04-03T00:00:00Z"],
    ["Asia/Tehran", "2021-09-20T00:00:00Z"], // clocks back from 00:00 to 23:00: the day repeats an hour
    ["Pacific/Chatham", "2026-04-04T00:00:00Z"], // +13:45 / +12:45
    ["America/Sao_Paulo", "2018-11-03T00:00:00Z"], // DST started at midnight: 00:00 → 01:00
  ])("agrees with Intl every 7 minutes over 3 days around a transition in %s from %s", (zone, start) => {
    const from = Date.parse(start);
    const mismatches: string[] = [];
    let checked = 0;
    for (let ms = from; ms < from + 3 * 86_400_000; ms += 7 * 60_000) {
      const at = new Date(ms);
      if (dayKey(at, zone) !== slowDayKey(at, zone)) mismatches.push(at.toISOString());
      checked++;
    }
    expect(checked).toBe(618);
    expect(mismatches).toEqual([]);
  });

  test("500,000 calls reuse the cached offsets instead of formatting every instant", () => {
    // `format` is a getter returning a bound function: count the gets, one per formatting.
    // TypeScript declares it as a method, hence the cast.
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: unknown }, "format", "get");
    const start = Date.parse("2026-01-01T00:00:00Z");
    const span = 30 * 86_400_000; // 720 hours
    const seen = new Set<string>();
    for (let i = 0; i < 500_000; i++) seen.add(dayKey(new Date(start + ((i * 7_919_333) % span)), "Pacific/Auckland"));
    expect(seen.size).toBe(31); // 30 UTC days seen from +13:00: the first and last spill over
    // One format per UTC hour start (721 of them); without the cache, 500,000.
    expect(spy).toHaveBeenCalled();
    expect(spy.mock.calls.length).toBeLessThanOrEqual(721);
  });

  test("an unknown zone throws", () => {
    expect(() => dayKey(new Date("2026-03-10T00:00:00Z"), "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  test("an invalid date throws", () => {
    expect(() => dayKey(new Date("not a date"), "UTC")).toThrow(RangeError);
  });
});

describe("addDays", () => {
  test.each([
    ["zero", "2026-03-10", 0, "2026-03-10"],
    ["one", "2026-03-10", 1, "2026-03-11"],
    ["over the New York DST day (no local time involved)", "2026-03-07", 2, "2026-03-09"],
    ["end of a 31-day month", "2026-01-31", 1, "2026-02-01"],
    ["end of February, common year", "2026-02-28", 1, "2026-03-01"],
    ["end of February, leap year", "2028-02-28", 1, "2028-02-29"],
    ["year end", "2026-12-31", 1, "2027-01-01"],
    ["backwards over a year start", "2027-01-01", -1, "2026-12-31"],
    ["backwards into a leap day", "2028-03-01", -1, "2028-02-29"],
    ["a year forward", "2026-03-10", 365, "2027-03-10"],
    ["two years back", "2026-03-10", -730, "2024-03-10"], // 2024 is a leap year, but its leap day is before 03-10
  ])("%s: %s %+d → %s", (_case, day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  test.each(["2026-02-30", "2026-3-10", "2026-13-01", "20260310", "", "2026-03-10T00:00"])("rejects %j", (day) => {
    expect(() => addDays(day, 1)).toThrow(RangeError);
  });

  test("rejects a fractional number of days", () => {
    expect(() => addDays("2026-03-10", 0.5)).toThrow(RangeError);
  });
});

describe("daysBetween and dayDiff", () => {
  test.each([
    ["one day", "2026-03-10", "2026-03-10", ["2026-03-10"]],
    ["over a month end", "2026-02-27", "2026-03-02", ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]],
    ["over the Berlin DST day", "2026-10-24", "2026-10-26", ["2026-10-24", "2026-10-25", "2026-10-26"]],
    ["reversed: empty", "2026-03-11", "2026-03-10", []],
  ])("%s", (_case, from, to, expected) => {
    expect(daysBetween(from, to)).toEqual(expected);
  });

  test("two years are 731 days with a leap day", () => {
    const days = daysBetween("2027-03-01", "2029-02-28");
    expect(days).toHaveLength(731);
    expect(days).toContain("2028-02-29");
    expect(new Set(days).size).toBe(731);
  });

  test.each([
    ["2026-03-10", "2026-03-10", 0],
    ["2026-03-10", "2026-03-17", 7],
    ["2026-03-17", "2026-03-10", -7],
    ["2028-01-01", "2029-01-01", 366],
  ])("dayDiff(%s, %s) = %d", (from, to, expected) => {
    expect(dayDiff(from, to)).toBe(expected);
  });
});

describe("weekStart", () => {
  test.each([
    ["a Monday is its own week start", "2026-03-09", "2026-03-09"],
    ["a Wednesday", "2026-03-11", "2026-03-09"],
    ["a Sunday belongs to the week before", "2026-03-08", "2026-03-02"],
    ["over a year start (2027-01-01 is a Friday)", "2027-01-01", "2026-12-28"],
    ["over a leap day (2028-03-01 is a Wednesday)", "2028-03-01", "2028-02-28"],
  ])("%s: %s → %s", (_case, day, expected) => {
    expect(weekStart(day)).toBe(expected);
  });
});

describe("isValidTimeZone", () => {
  test.each([
    ["Europe/Berlin", true],
    ["America/New_York", true],
    ["Asia/Kolkata", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
    ["   ", false],
    ["Europe/Berlin; DROP TABLE", false],
    ["+05:00", false], // PostgreSQL would read it as UTC−5
    ["-03:00", false],
  ])("%j → %s", (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });
});

describe("a real calendar day: the one check every form and rule uses", () => {
  test.each([
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2026-02-31", false],
    ["2026-13-01", false],
    ["2026-6-1", false],
    ["2026-06-01T00:00", false],
    ["", false],
    [20260601, false],
  ])("%s → %s", (day, real) => {
    expect(isDayKey(day)).toBe(real);
    expect(dayKeySchema.safeParse(day).success).toBe(real);
  });
});
