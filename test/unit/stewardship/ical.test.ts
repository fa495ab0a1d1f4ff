import { afterEach, describe, expect, test } from "vitest";
import { calendarFeed, eventUid, type FeedEvent } from "@/lib/stewardship/ical";
import { sessionsBetween } from "@/lib/stewardship/recurrence";

const stamp = new Date("2026-03-01T12:00:00Z");

const officeHour: FeedEvent = {
  id: "office-hour-s1-2026-03-10",
  start: new Date("2026-03-10T09:00:00Z"),
  end: new Date("2026-03-10T10:00:00Z"),
  title: "Office hours",
  description: "Bring your blocked routes.",
  location: "Room 4.12",
  url: "https://waypoint.test/p/demo/office-hours",
};
const cancelledMeeting: FeedEvent = {
  id: "meeting-m7",
  start: new Date("2026-03-31T15:00:00Z"),
  end: new Date("2026-03-31T15:45:00Z"),
  title: "Weekly migration sync",
  cancelled: true,
};

/**
 * The feed as content lines: CRLF-separated, folded lines (CRLF + one space) joined back, as every
 * iCalendar reader does (RFC 5545 §3.1). Fails on a bare LF, which strict readers refuse.
 */
function contentLines(feed: string): string[] {
  expect(feed.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  return feed
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((line) => line !== "");
}

/** The VEVENT blocks, each as its content lines without BEGIN/END. */
function vevents(feed: string): string[][] {
  const events: string[][] = [];
  let current: string[] | null = null;
  for (const line of contentLines(feed)) {
    if (line === "BEGIN:VEVENT") current = [];
    else if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
    } else current?.push(line);
  }
  expect(current).toBeNull(); // every VEVENT closed
  return events;
}

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe("calendarFeed", () => {
  test("a calendar with one VEVENT per event, in order, ending the text", () => {
    const feed = calendarFeed({ name: "Demo: office hours", events: [officeHour, cancelledMeeting], stamp });
    const lines = contentLines(feed);
    expect(lines.slice(0, 3)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Waypoint//Waypoint//EN"]);
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toContain("X-WR-CALNAME:Demo: office hours");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(2);
    expect(vevents(feed).map((e) => e.find((l) => l.startsWith("UID:")))).toEqual(["UID:office-hour-s1-2026-03-10@waypoint", "UID:meeting-m7@waypoint"]);
  });

  test("an event's lines: UTC times, escaped text, CONFIRMED", () => {
    const [event] = vevents(calendarFeed({ name: "Demo", events: [officeHour], stamp }));
    expect(event).toEqual(
      expect.arrayContaining([
        "UID:office-hour-s1-2026-03-10@waypoint",
        "DTSTAMP:20260301T120000Z",
        "DTSTART:20260310T090000Z",
        "DTEND:20260310T100000Z",
        "SUMMARY:Office hours",
        "DESCRIPTION:Bring your blocked routes.",
        "LOCATION:Room 4.12",
        "URL;VALUE=URI:https://waypoint.test/p/demo/office-hours",
        "STATUS:CONFIRMED",
      ]),
    );
    // Nothing but UTC: no TZID, no floating (zone-less, Z-less) time.
    expect(event.filter((l) => /^DT(START|END)/.test(l))).toEqual(["DTSTART:20260310T090000Z", "DTEND:20260310T100000Z"]);
  });

  test("a cancelled event: STATUS:CANCELLED and a SUMMARY that says so", () => {
    const [event] = vevents(calendarFeed({ name: "Demo", events: [cancelledMeeting], stamp }));
    expect(event).toContain("STATUS:CANCELLED");
    expect(event).toContain("SUMMARY:Cancelled: Weekly migration sync");
    expect(event).toContain("DTSTART:20260331T150000Z");
    expect(event).not.toContain("STATUS:CONFIRMED");
  });

  test("the same input gives the same text: UIDs and everything else are stable across fetches", () => {
    const input = { name: "Demo", events: [officeHour, cancelledMeeting], stamp };
    expect(calendarFeed(input)).toBe(calendarFeed({ ...input, events: [{ ...officeHour }, { ...cancelledMeeting }] }));
    expect(eventUid("meeting-m7")).toBe("meeting-m7@waypoint");
  });

  test("the server's own time zone does not change a single byte", () => {
    const input = { name: "Demo", timeZone: "Europe/Berlin", events: [officeHour, cancelledMeeting], stamp };
    process.env.TZ = "UTC";
    const inUtc = calendarFeed(input);
    process.env.TZ = "America/New_York";
    expect(new Date("2026-03-10T09:00:00Z").getHours()).toBe(5); // the change took effect
    expect(calendarFeed(input)).toBe(inUtc);
  });

  test("the time zone is a hint (X-WR-TIMEZONE), the times stay UTC", () => {
    const feed = calendarFeed({ name: "Demo", timeZone: "Europe/Berlin", events: [officeHour], stamp });
    expect(contentLines(feed)).toContain("X-WR-TIMEZONE:Europe/Berlin");
    expect(vevents(feed)[0]).toContain("DTSTART:20260310T090000Z");
    expect(feed).not.toContain("TZID");
    expect(contentLines(calendarFeed({ name: "Demo", events: [officeHour], stamp })).some((l) => l.startsWith("X-WR-TIMEZONE"))).toBe(false);
  });

  test("text with commas, semicolons and newlines is escaped; long lines are folded and unfold intact", () => {
    const description = `Agenda; blockers, then demos\nSecond line. ${"Long text ".repeat(20).trim()}`;
    const feed = calendarFeed({ name: "Demo", events: [{ ...officeHour, description }], stamp });
    expect(feed.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const expected = `DESCRIPTION:${description.replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n")}`;
    expect(vevents(feed)[0]).toContain(expected);
  });

  test("an empty calendar is still a calendar", () => {
    const lines = contentLines(calendarFeed({ name: "Nothing yet", events: [], stamp }));
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).not.toContain("BEGIN:VEVENT");
  });

  test("sessions across the Berlin DST change keep 10:00 local: 09:00Z, then 08:00Z", () => {
    const sessions = sessionsBetween(
      { weekday: 0, startTime: "10:00", durationMinutes: 60, timeZone: "Europe/Berlin", startsOn: "2026-03-01" },
      new Date("2026-03-23T00:00:00Z"),
      new Date("2026-04-01T00:00:00Z"),
      [{ date: "2026-03-30", cancelled: true }],
    );
    const feed = calendarFeed({
      name: "Demo",
      timeZone: "Europe/Berlin",
      events: sessions.map((s) => ({ id: `office-hour-s1-${s.date}`, start: s.start, end: s.end, title: "Office hours", cancelled: s.cancelled })),
      stamp,
    });
    expect(vevents(feed).map((e) => e.filter((l) => /^(UID|DTSTART|STATUS):/.test(l)))).toEqual([
      ["UID:office-hour-s1-2026-03-23@waypoint", "DTSTART:20260323T090000Z", "STATUS:CONFIRMED"],
      ["UID:office-hour-s1-2026-03-30@waypoint", "DTSTART:20260330T080000Z", "STATUS:CANCELLED"],
    ]);
  });

  test.each<[string, Partial<FeedEvent>[], string | undefined]>([
    ["two events with one id", [{ id: "a" }, { id: "a" }], undefined],
    ["an empty id", [{ id: " " }], undefined],
    ["an invalid start", [{ start: new Date("nope") }], undefined],
    ["an end before the start", [{ end: new Date("2026-03-10T08:59:00Z") }], undefined],
    ["an unknown time zone", [{}], "Mars/Olympus_Mons"],
  ])("throws a RangeError for %s", (_case, changes, timeZone) => {
    const events = changes.map((change) => ({ ...officeHour, ...change }));
    expect(() => calendarFeed({ name: "Demo", timeZone, events, stamp })).toThrow(RangeError);
  });

  test("without a stamp, DTSTAMP is now", () => {
    const before = Date.now();
    const [event] = vevents(calendarFeed({ name: "Demo", events: [officeHour] }));
    const dtstamp = event.find((l) => l.startsWith("DTSTAMP:"))!.slice("DTSTAMP:".length);
    const at = Date.parse(dtstamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});
