import { describe, expect, test } from "vitest";
import { nextMeetingDay } from "@/lib/stewardship/next-meeting";

// 2026-03-02 is a Monday.
describe("nextMeetingDay", () => {
  test.each([
    // now (UTC)                 weekday time     zone                 minutes expected
    ["2026-03-02T08:00:00Z", 1, "10:00", "UTC", 0, "2026-03-03"], // Monday → the Tuesday after
    ["2026-03-03T09:59:00Z", 1, "10:00", "UTC", 0, "2026-03-03"], // Tuesday before the meeting: today
    ["2026-03-03T10:00:00Z", 1, "10:00", "UTC", 0, "2026-03-10"], // it has started (no length): next week
    ["2026-03-03T10:20:00Z", 1, "10:00", "UTC", 30, "2026-03-03"], // still going on: today
    ["2026-03-03T10:30:00Z", 1, "10:00", "UTC", 30, "2026-03-10"], // over: next week
    ["2026-03-04T08:00:00Z", 1, "10:00", "UTC", 0, "2026-03-10"], // Wednesday: next Tuesday
    ["2026-03-08T23:00:00Z", 0, "09:00", "UTC", 0, "2026-03-09"], // Sunday night → Monday
    ["2026-03-07T12:00:00Z", 6, "09:00", "UTC", 0, "2026-03-08"], // Saturday → Sunday
    ["2026-03-08T08:00:00Z", 6, "09:00", "UTC", 0, "2026-03-08"], // Sunday morning, meeting on Sundays: today
    ["2026-03-02T10:00:00Z", 0, "10:00", "UTC", 0, "2026-03-09"], // exactly at the start, Monday
    ["2026-12-29T12:00:00Z", 4, "10:00", "UTC", 0, "2027-01-01"], // across the year's end
    ["2028-02-27T12:00:00Z", 1, "10:00", "UTC", 0, "2028-02-29"], // leap day
  ])("%s, weekday %i at %s %s (%i min) → %s", (now, weekday, time, timeZone, minutes, expected) => {
    expect(nextMeetingDay({ now: new Date(now), weekday, time, timeZone, minutes }).date).toBe(expected);
  });

  test("today is the project's day, not the server's: late Monday in UTC is already Tuesday in Auckland", () => {
    // 2026-03-02T20:00Z is Tuesday 09:00 in Auckland (UTC+13 in March).
    const now = new Date("2026-03-02T20:00:00Z");
    expect(nextMeetingDay({ now, weekday: 1, time: "10:00", timeZone: "Pacific/Auckland" }).date).toBe("2026-03-03");
    expect(nextMeetingDay({ now, weekday: 1, time: "10:00", timeZone: "UTC" }).date).toBe("2026-03-03");
    // Auckland Tuesday 10:00 has passed at 21:30Z; UTC Tuesday 10:00 has not.
    const later = new Date("2026-03-02T21:30:00Z");
    expect(nextMeetingDay({ now: later, weekday: 1, time: "10:00", timeZone: "Pacific/Auckland" }).date).toBe("2026-03-10");
  });

  test("early Tuesday in UTC is still Monday in Los Angeles", () => {
    const now = new Date("2026-03-03T03:00:00Z"); // Monday 19:00 PST
    expect(nextMeetingDay({ now, weekday: 0, time: "18:00", timeZone: "America/Los_Angeles" }).date).toBe("2026-03-09");
    expect(nextMeetingDay({ now, weekday: 0, time: "20:00", timeZone: "America/Los_Angeles" }).date).toBe("2026-03-02");
    expect(nextMeetingDay({ now, weekday: 1, time: "09:00", timeZone: "America/Los_Angeles" }).date).toBe("2026-03-03");
  });

  test("the start instant follows the zone's summer time", () => {
    // Berlin goes to summer time on 2026-03-29: a Tuesday 10:00 meeting moves from 09:00Z to 08:00Z.
    const before = nextMeetingDay({ now: new Date("2026-03-23T12:00:00Z"), weekday: 1, time: "10:00", timeZone: "Europe/Berlin" });
    expect(before).toEqual({ date: "2026-03-24", startsAt: new Date("2026-03-24T09:00:00Z") });
    const after = nextMeetingDay({ now: new Date("2026-03-30T12:00:00Z"), weekday: 1, time: "10:00", timeZone: "Europe/Berlin" });
    expect(after).toEqual({ date: "2026-03-31", startsAt: new Date("2026-03-31T08:00:00Z") });
  });

  test("a weekday outside 0–6 is refused", () => {
    expect(() => nextMeetingDay({ now: new Date(), weekday: 7, time: "10:00", timeZone: "UTC" })).toThrow(RangeError);
    expect(() => nextMeetingDay({ now: new Date(), weekday: -1, time: "10:00", timeZone: "UTC" })).toThrow(RangeError);
  });
});
