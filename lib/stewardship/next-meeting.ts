import { addDays, dayDiff, dayKey, weekStart } from "@/lib/time/days";
import type { DayKey } from "@/lib/progress/types";
import { zonedToUtc } from "./recurrence";

/**
 * The day of the project's next weekly meeting, for the "Plan this week's meeting" form. Pure:
 * the instant `now` and the project's settings in, a local date out; the server's own time zone
 * never leaks in.
 *
 * - `weekday` is 0 = Monday … 6 = Sunday (Project.meetingWeekday), `time` the local "HH:MM"
 *   (Project.meetingTime) in `timeZone` (Project.timeZone).
 * - Today counts while today's meeting is not over (`now` before its start plus `minutes`), so a
 *   steward planning it during the meeting still gets today; after that, next week's day.
 */
export function nextMeetingDay(options: { now: Date; weekday: number; time: string; timeZone: string; minutes?: number }): { date: DayKey; startsAt: Date } {
  const { now, weekday, time, timeZone, minutes = 0 } = options;
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) throw new RangeError(`weekday must be 0 (Monday) … 6 (Sunday), not ${weekday}`);
  const today = dayKey(now, timeZone);
  const todayWeekday = dayDiff(weekStart(today), today);
  let date = addDays(today, (weekday - todayWeekday + 7) % 7);
  let startsAt = zonedToUtc(date, time, timeZone);
  if (date === today && now.getTime() >= startsAt.getTime() + minutes * 60_000) {
    date = addDays(date, 7);
    startsAt = zonedToUtc(date, time, timeZone);
  }
  return { date, startsAt };
}
