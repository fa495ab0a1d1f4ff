import ical, { ICalEventStatus } from "ical-generator";
import { isValidTimeZone } from "@/lib/time/days";
import * as clock from "@/lib/time/clock";

/**
 * The iCalendar (RFC 5545) feed of office hours and meetings, written by ical-generator.
 *
 * Every DTSTART/DTEND is in UTC ("…Z"). Why not TZID: ical-generator writes a plain `Date` given a
 * zone in the *server process's* local time (a 09:00Z session becomes "TZID=Europe/Berlin:…T090000"
 * on a UTC server, 05:00 on a New York one), and a correct TZID also needs a VTIMEZONE block, i.e.
 * another package with its own copy of tzdata. UTC instants are exact, and calendar programs show
 * them in the reader's zone; the sessions were already placed right across DST by `sessionsBetween`.
 * `timeZone` only becomes the X-WR-TIMEZONE hint (the zone the calendar is "in" for programs that
 * show one). ical-generator writes such X- properties after the events; readers accept that.
 */

export type FeedEvent = {
  /** Stable across feed fetches (e.g. "office-hour-<slotId>-<date>"): becomes the UID "<id>@waypoint". */
  id: string;
  start: Date;
  end: Date;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  cancelled?: boolean;
};

export type FeedInput = {
  name: string;
  timeZone?: string;
  events: FeedEvent[];
  /** DTSTAMP of every event (when this copy of the feed was made); now when not given. */
  stamp?: Date;
};

/** What `uid` is built from an event id; exported so that links to one event can name it. */
export function eventUid(id: string): string {
  return `${id}@waypoint`;
}

/**
 * The feed as iCalendar text (CRLF lines, folded at 75 octets by the library).
 *
 * Cancelled events stay in the feed with STATUS:CANCELLED, so calendars that had them remove or
 * strike them; their SUMMARY also starts with "Cancelled: " because some programs (Google Calendar
 * among them, for subscribed feeds) ignore STATUS and would otherwise show the event as on.
 *
 * Throws a RangeError for an empty or duplicate id (two VEVENTs with one UID are one event to a
 * calendar program), an invalid date, an end before its start, or an unknown `timeZone`.
 */
export function calendarFeed(input: FeedInput): string {
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw new RangeError(`calendarFeed: unknown time zone ${JSON.stringify(input.timeZone)}`);
  }
  const stamp = input.stamp ?? clock.now();
  if (!Number.isFinite(stamp.getTime())) throw new RangeError("calendarFeed: invalid stamp");

  // No `timezone` on the calendar or the events: see above, it would make the times wrong.
  const calendar = ical({ name: input.name, prodId: { company: "Waypoint", product: "Waypoint", language: "EN" } });
  if (input.timeZone) calendar.x([["X-WR-TIMEZONE", input.timeZone]]);

  const seen = new Set<string>();
  for (const event of input.events) {
    if (!event.id.trim()) throw new RangeError("calendarFeed: an event without an id");
    if (seen.has(event.id)) throw new RangeError(`calendarFeed: two events with id ${JSON.stringify(event.id)}`);
    seen.add(event.id);
    const start = event.start.getTime();
    const end = event.end.getTime();
    if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`calendarFeed: event ${event.id} has an invalid date`);
    if (end < start) throw new RangeError(`calendarFeed: event ${event.id} ends before it starts`);

    calendar.createEvent({
      id: eventUid(event.id),
      start: event.start,
      end: event.end,
      stamp,
      summary: event.cancelled ? `Cancelled: ${event.title}` : event.title,
      description: event.description ?? null,
      location: event.location ?? null,
      url: event.url ?? null,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
