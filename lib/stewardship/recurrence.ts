import { z } from "zod";
import { addDays, dayDiff, isDayKey, isValidTimeZone, offsetAt, utcMsOfDay, weekStart, zoneFormat } from "@/lib/time/days";
import type { DayKey } from "@/lib/progress/types";
import { dayKeySchema, emptyToUndefined, idSchema } from "@/lib/validation/common";

/**
 * Weekly recurring slots (office hours) in a local time zone. A rule says "Tuesdays 10:00–11:00
 * Europe/Berlin": the wall-clock time is what stays fixed, so the UTC instant of a session moves
 * when the zone changes its offset (DST). Everything here is pure and works on instants (`Date`)
 * and "YYYY-MM-DD" day keys; the server's own time zone never leaks in.
 */

/** 0 = Monday … 6 = Sunday (ISO order, unlike `Date#getDay`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type WeeklyRule = {
  weekday: Weekday;
  /** Local wall-clock start, "HH:MM" (24-hour). */
  startTime: string;
  durationMinutes: number;
  /** IANA zone the wall-clock time is in ("Europe/Berlin"). */
  timeZone: string;
  /** First day an occurrence may fall on (local date); it need not be on `weekday`. */
  startsOn: DayKey;
  /** Last day an occurrence may fall on (local date, included); none = open-ended. */
  endsOn?: DayKey | null;
};

/** A change to one occurrence, named by the occurrence's original local date. */
export type Exception = {
  date: DayKey;
  cancelled?: boolean;
  /** The session's new start instant (any day); it keeps the rule's duration. */
  movedTo?: Date;
};

export type Session = {
  /** The occurrence's original local date: its identity, unchanged when it is moved. */
  date: DayKey;
  start: Date;
  end: Date;
  cancelled: boolean;
  moved: boolean;
};

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

// ---- wall-clock time → instant ------------------------------------------------------------------

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" → minutes after midnight; throws on anything outside 00:00–23:59. */
function minutesOfTime(time: string): number {
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`Not a time: ${JSON.stringify(time)} (expected HH:MM, 00:00–23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 *
 * - A time that does not exist (the hour skipped when clocks spring forward, e.g. 02:30 in Berlin on
 *   2026-03-29) is shifted forward by the length of the gap: 02:30 → 03:30 CEST. That is what a
 *   person whose meeting "is at 02:30" would do, and what Temporal's "compatible" choice and most
 *   calendar programs do.
 * - A time that happens twice (the hour repeated when clocks fall back, e.g. 02:30 in Berlin on
 *   2026-10-25) is the first, earlier one (02:30 CEST = 00:30Z, not 02:30 CET = 01:30Z).
 *
 * How: the wall clock as if it were UTC is `local`; the instant is `local − offset` for the offset in
 * force then. Any transition near it is bracketed by the offsets one day either side (tzdata never
 * puts two transitions within two days), and each of those two offsets is a real answer only if
 * the zone really has that offset at the instant it gives.
 */
export function zonedToUtc(date: DayKey, time: string, timeZone: string): Date {
  const local = utcMsOfDay(date) + minutesOfTime(time) * MS_PER_MINUTE;
  const format = zoneFormat(timeZone);
  const before = offsetAt(format, local - MS_PER_DAY);
  const after = offsetAt(format, local + MS_PER_DAY);
  if (before === after) return new Date(local - before); // the common case: no transition nearby
  const candidates = [local - before, local - after].filter((ms, i) => offsetAt(format, ms) === (i === 0 ? before : after));
  // Overlap: both are real, the earlier one wins. Gap: neither is; reading the wall clock with the
  // offset from before the gap lands `after − before` later than asked, past the gap.
  return new Date(candidates.length > 0 ? Math.min(...candidates) : local - before);
}

// ---- occurrences --------------------------------------------------------------------------------

/** Weekday of a day key, 0 = Monday … 6 = Sunday. */
function weekdayOf(day: DayKey): number {
  return dayDiff(weekStart(day), day);
}

/** The rule's start time in minutes and duration in ms, after checking what plain types cannot. */
function checkRule(rule: WeeklyRule): { durationMs: number } {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 0 || rule.weekday > 6) {
    throw new RangeError(`weekday must be 0 (Monday) … 6 (Sunday), not ${rule.weekday}`);
  }
  minutesOfTime(rule.startTime);
  if (!Number.isFinite(rule.durationMinutes) || rule.durationMinutes <= 0) {
    throw new RangeError(`durationMinutes must be positive, not ${rule.durationMinutes}`);
  }
  utcMsOfDay(rule.startsOn);
  if (rule.endsOn != null) utcMsOfDay(rule.endsOn);
  zoneFormat(rule.timeZone);
  return { durationMs: rule.durationMinutes * MS_PER_MINUTE };
}

/** Whether the rule has an occurrence on local date `day`. */
function isOccurrence(rule: WeeklyRule, day: DayKey): boolean {
  if (!isDayKey(day)) return false;
  // "YYYY-MM-DD" keys compare as strings in date order.
  if (day < rule.startsOn || (rule.endsOn != null && day > rule.endsOn)) return false;
  return weekdayOf(day) === rule.weekday;
}

function instantMs(at: Date, name: string): number {
  const ms = at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name}: invalid date`);
  return ms;
}

/**
 * A bound on one call's window: a request for "every session until 9999" would otherwise loop for
 * seconds. Ten years are 522 weekly sessions, a few milliseconds.
 */
export const MAX_WINDOW_DAYS = 3653;

/**
 * The rule's sessions whose start lies in [from, to), ordered by start (then by date), with the
 * exceptions applied:
 * - a cancelled session is kept, with `cancelled: true`, so a page can show it struck through; the
 *   caller filters it out where it should not appear (the calendar feed marks it STATUS:CANCELLED);
 * - a moved session is placed by its new start — it is in the result when `movedTo` lies in
 *   [from, to), whatever its original date — keeps the rule's duration and has `moved: true`;
 * - a session both moved and cancelled is placed by its new start, with both flags set;
 * - an exception for a date on which the rule has no occurrence is ignored, and when two name the
 *   same date the last one counts.
 *
 * Throws a RangeError for an invalid rule, an invalid `from`/`to`, or a window over MAX_WINDOW_DAYS.
 */
export function sessionsBetween(rule: WeeklyRule, from: Date, to: Date, exceptions: Exception[] = []): Session[] {
  const { durationMs } = checkRule(rule);
  const fromMs = instantMs(from, "from");
  const toMs = instantMs(to, "to");
  if (toMs <= fromMs) return [];
  if (toMs - fromMs > MAX_WINDOW_DAYS * MS_PER_DAY) {
    throw new RangeError(`sessionsBetween: a window of at most ${MAX_WINDOW_DAYS} days, please`);
  }

  const byDate = new Map<DayKey, Exception>();
  for (const exception of exceptions) byDate.set(exception.date, exception);

  const sessions: Session[] = [];
  const inWindow = (ms: number) => ms >= fromMs && ms < toMs;

  // A session on local date D starts on UTC date D − 1 … D + 1 (offsets are −12…+14 hours), D + 2
  // at most when a gap in the clock pushes it on (Samoa skipped a whole day). Scanning local dates
  // from two days before `from`'s UTC date to two days after `to`'s misses none; the instants decide.
  let first = addDays(new Date(fromMs).toISOString().slice(0, 10), -2);
  if (first < rule.startsOn) first = rule.startsOn;
  let last = addDays(new Date(toMs).toISOString().slice(0, 10), 2);
  if (rule.endsOn != null && rule.endsOn < last) last = rule.endsOn;
  for (let day = addDays(first, (rule.weekday - weekdayOf(first) + 7) % 7); day <= last; day = addDays(day, 7)) {
    const exception = byDate.get(day);
    if (exception?.movedTo) continue; // placed by its new start, below
    const start = zonedToUtc(day, rule.startTime, rule.timeZone).getTime();
    if (!inWindow(start)) continue;
    sessions.push({ date: day, start: new Date(start), end: new Date(start + durationMs), cancelled: exception?.cancelled === true, moved: false });
  }

  for (const exception of byDate.values()) {
    if (!exception.movedTo || !isOccurrence(rule, exception.date)) continue;
    const start = instantMs(exception.movedTo, `exception ${exception.date}: movedTo`);
    if (!inWindow(start)) continue;
    sessions.push({
      date: exception.date,
      start: new Date(start),
      end: new Date(start + durationMs),
      cancelled: exception.cancelled === true,
      moved: true,
    });
  }

  return sessions.sort((a, b) => a.start.getTime() - b.start.getTime() || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Whether any session of `a` overlaps any session of `b` in time (half-open: one ending at 11:00 and
 * one starting at 11:00 do not). Real instants are compared, so rules in different zones, or in
 * zones that change to summer time on different days, are right.
 *
 * Looked at: the weeks from the later `startsOn` on, `horizonWeeks` of them, cut off at the earlier
 * `endsOn`. 54 weeks is a full year of DST changes plus slack, and weekly rules repeat yearly, so a
 * clash that never shows there does not happen (unless a zone's law changes). Exceptions (moved
 * sessions) are not considered: this compares the rules.
 */
export function slotsOverlap(a: WeeklyRule, b: WeeklyRule, horizonWeeks = 54): boolean {
  checkRule(a);
  checkRule(b);
  if (!Number.isInteger(horizonWeeks) || horizonWeeks < 1) throw new RangeError(`horizonWeeks must be a positive whole number, not ${horizonWeeks}`);
  const startsOn = a.startsOn > b.startsOn ? a.startsOn : b.startsOn;
  const ends = [a.endsOn, b.endsOn].filter((d): d is DayKey => d != null);
  const endsOn = ends.length > 0 ? ends.reduce((x, y) => (x < y ? x : y)) : null;

  // The common period is one of instants, not of local dates: Monday 07:00 in Auckland is Sunday
  // 18:00Z, so a rule ending on a Sunday in UTC can clash with one starting on that Monday in
  // Auckland. The window therefore reaches two days either side of the local dates (a session's
  // start is within two days of its local date's UTC midnight), and each rule keeps its own bounds.
  const startMs = utcMsOfDay(startsOn) - 2 * MS_PER_DAY;
  let endMs = utcMsOfDay(startsOn) + (horizonWeeks * 7 + 2) * MS_PER_DAY;
  if (endsOn != null) endMs = Math.min(endMs, utcMsOfDay(endsOn) + 2 * MS_PER_DAY);
  if (endMs <= startMs) return false; // never both active
  if (endMs - startMs > MAX_WINDOW_DAYS * MS_PER_DAY) throw new RangeError(`slotsOverlap: a horizon of at most ${MAX_WINDOW_DAYS} days, please`);
  const sessionsA = sessionsBetween(a, new Date(startMs), new Date(endMs));
  const sessionsB = sessionsBetween(b, new Date(startMs), new Date(endMs));

  // Both lists are ordered by start; a session of `b` starting at or after `x` ends cannot overlap
  // `x`, so the inner loop stops there. At most ~56 × 56 comparisons.
  for (const x of sessionsA) {
    for (const y of sessionsB) {
      if (y.start.getTime() >= x.end.getTime()) break;
      if (y.end.getTime() > x.start.getTime()) return true;
    }
  }
  return false;
}

// ---- validation ---------------------------------------------------------------------------------

/** Form fields arrive as strings: "" is absent, "12" is 12; anything else is left for z.number to refuse. */
function toNumber(value: unknown): unknown {
  const v = emptyToUndefined(value);
  return typeof v === "string" && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
}

function wholeNumber(min: number, max: number, messages: { required: string; min: string; max: string }) {
  return z.preprocess(
    toNumber,
    z
      .number({ error: (issue) => (issue.input === undefined ? messages.required : "Enter a whole number.") })
      .int("Enter a whole number.")
      .min(min, messages.min)
      .max(max, messages.max),
  );
}

const dayString = dayKeySchema;

/** The fields of a rule, shared by the rule and the office-hour slot (zod 4 refuses to `.extend` a refined object). */
const weeklyRuleFields = {
  weekday: wholeNumber(0, 6, {
    required: "Choose a weekday.",
    min: "Choose a weekday from Monday (0) to Sunday (6).",
    max: "Choose a weekday from Monday (0) to Sunday (6).",
  }).transform((n) => n as Weekday),
  startTime: z
    .string({ error: (issue) => (issue.input === undefined ? "Enter a start time." : "Use a 24-hour time like 09:30.") })
    .trim()
    .regex(TIME, "Use a 24-hour time from 00:00 to 23:59, like 09:30."),
  durationMinutes: wholeNumber(5, 480, {
    required: "Enter a duration in minutes.",
    min: "At least 5 minutes.",
    max: "At most 480 minutes (8 hours).",
  }),
  timeZone: z
    .string({ error: "Choose a time zone." })
    .trim()
    .min(1, "Choose a time zone.")
    .refine(isValidTimeZone, "Not a time zone this server knows; use a name like Europe/Berlin."),
  startsOn: dayString,
  endsOn: z.preprocess((v) => emptyToUndefined(v) ?? null, dayString.nullable()),
};

/** `endsOn` (when given) must not be before `startsOn`; reported on `endsOn`. */
function endsOnNotBeforeStartsOn(value: { startsOn: string; endsOn: string | null }, ctx: z.RefinementCtx) {
  if (value.endsOn != null && value.endsOn < value.startsOn) {
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The last day cannot be before the first day." });
  }
}

export const weeklyRuleSchema = z.object(weeklyRuleFields).superRefine(endsOnNotBeforeStartsOn);

export const officeHourSlotSchema = z
  .object({
    ...weeklyRuleFields,
    capacity: wholeNumber(1, 500, { required: "Enter how many people can join.", min: "At least 1.", max: "At most 500." }),
    location: z.string({ error: "Enter a room or a link." }).trim().min(1, "Enter a room or a link.").max(500, "Use at most 500 characters."),
    hosts: z.preprocess(
      (v) => (typeof v === "string" ? [v] : v), // one host from a form arrives as a bare string
      z
        .array(idSchema, { error: "Choose at least one host." })
        .min(1, "Choose at least one host.")
        .max(10, "Choose at most 10 hosts.")
        .refine((ids) => new Set(ids).size === ids.length, "A host is listed twice."),
    ),
  })
  .superRefine(endsOnNotBeforeStartsOn);

export type WeeklyRuleInput = z.infer<typeof weeklyRuleSchema>;
export type OfficeHourSlotInput = z.infer<typeof officeHourSlotSchema>;
