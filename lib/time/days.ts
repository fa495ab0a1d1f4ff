/**
 * The one home of calendar days and zones: instant → day in a zone, arithmetic on day keys, the
 * test of a real calendar day and of a zone name. A `DayKey` is "YYYY-MM-DD"; all arithmetic on
 * keys is done on the date parts with UTC `Date` math, so the server's own time zone never leaks in.
 */

/** A calendar day, "YYYY-MM-DD". */
export type DayKey = string;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

// ---- instant → day in a zone ------------------------------------------------------------------

/**
 * Per zone: a formatter (building one costs far more than using it), the zone's UTC offset at the
 * start of each UTC hour asked about, and per hour the offset that holds for all of it — or `null`
 * when it changes within the hour.
 *
 * Why cache by hour: the day of an instant is the UTC date of (instant + offset), and the offset only
 * changes at transitions (DST, law changes), which tzdata never places twice within one hour. So if
 * the offsets at the start of hour h and of hour h + 1 agree, no transition lies in (h, h + 1] and
 * the offset holds for all of [h, h + 1). Each hour start is formatted once and shared by the two
 * hours it bounds. Transitions are usually on whole UTC hours, but not always (Australia/Lord_Howe
 * switches at xx:30 UTC, Asia/Tehran did at 20:30 UTC, old local mean times at odd seconds): such
 * hours, and the hour just before an on-the-hour transition, are marked `null` and each instant in
 * them is formatted exactly. Half-hour zones (Asia/Kolkata) need nothing special because the offset,
 * not the day, is cached: the day can change within an hour, the offset cannot.
 */
type ZoneCache = { format: Intl.DateTimeFormat; offsetAtHourStart: Map<number, number>; offsetByHour: Map<number, number | null> };

const zones = new Map<string, ZoneCache>();
/** A bound on the memory a long-running server spends per zone (a bit over two years of hours). */
const MAX_HOURS_PER_ZONE = 20_000;

/**
 * A formatter of the zone's wall clock, read by `offsetAt`. Throws a RangeError for an unknown
 * zone, which is what a caller passing one deserves. Building one costs far more than using it.
 */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
}

/** The zone's wall-clock formatter, built once per zone (for `offsetAt`). */
export function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  return zoneCache(timeZone).format;
}

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (!cache) {
    const format = wallClockFormat(timeZone);
    cache = { format, offsetAtHourStart: new Map(), offsetByHour: new Map() };
    zones.set(timeZone, cache);
  }
  return cache;
}

/**
 * The zone's offset from UTC in ms at instant `ms` (whole seconds: that is all tzdata has).
 * `format` + reading the digits is about 4× faster than `formatToParts`; with `en-US` and h23 the
 * text is "M/D/YYYY, HH:MM:SS", whatever the separators.
 */
export function offsetAt(format: Intl.DateTimeFormat, ms: number): number {
  const digits = format.format(ms).match(/\d+/g);
  if (!digits || digits.length !== 6) throw new Error(`Unexpected date format: ${format.format(ms)}`);
  const [month, day, year, hour, minute, second] = digits.map(Number);
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return wallClock - wholeSeconds;
}

function offsetAtHourStart(cache: ZoneCache, hour: number): number {
  let offset = cache.offsetAtHourStart.get(hour);
  if (offset === undefined) {
    offset = offsetAt(cache.format, hour * MS_PER_HOUR);
    if (cache.offsetAtHourStart.size >= MAX_HOURS_PER_ZONE) cache.offsetAtHourStart.clear();
    cache.offsetAtHourStart.set(hour, offset);
  }
  return offset;
}

function hourOffset(cache: ZoneCache, hour: number): number | null {
  const cached = cache.offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const first = offsetAtHourStart(cache, hour);
  const offset = first === offsetAtHourStart(cache, hour + 1) ? first : null;
  if (cache.offsetByHour.size >= MAX_HOURS_PER_ZONE) cache.offsetByHour.clear();
  cache.offsetByHour.set(hour, offset);
  return offset;
}

/** The calendar day ("YYYY-MM-DD") that instant `at` falls on in the IANA zone `timeZone`. */
export function dayKey(at: Date, timeZone: string): DayKey {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("dayKey: invalid date");
  const cache = zoneCache(timeZone);
  const offset = hourOffset(cache, Math.floor(ms / MS_PER_HOUR)) ?? offsetAt(cache.format, ms);
  return keyOfDayNumber(Math.floor((ms + offset) / MS_PER_DAY));
}

/** Day number (days since 1970-01-01) → key: building the string costs more than everything else. */
const keysByDayNumber = new Map<number, DayKey>();
const MAX_CACHED_DAYS = 10_000;
function keyOfDayNumber(n: number): DayKey {
  let key = keysByDayNumber.get(n);
  if (key === undefined) {
    key = keyOfUtcMs(n * MS_PER_DAY);
    if (keysByDayNumber.size >= MAX_CACHED_DAYS) keysByDayNumber.clear();
    keysByDayNumber.set(n, key);
  }
  return key;
}

// ---- arithmetic on DayKeys ----------------------------------------------------------------------

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of the day, in ms. Throws on anything that is not a real "YYYY-MM-DD" date. */
export function utcMsOfDay(day: DayKey): number {
  const match = DAY_KEY.exec(day);
  if (!match) throw new RangeError(`Not a day: ${JSON.stringify(day)} (expected YYYY-MM-DD)`);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 02-30 over to 03-02; a key that does not round-trip is not a real day.
  if (keyOfUtcMs(ms) !== day) throw new RangeError(`Not a day: ${JSON.stringify(day)}`);
  return ms;
}

function keyOfUtcMs(ms: number): DayKey {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${dd < 10 ? "0" : ""}${dd}`;
}

/** The day of a `@db.Date` column (PostgreSQL `date`, which Prisma gives as UTC midnight). */
export function dateColumnDay(d: Date): DayKey {
  return d.toISOString().slice(0, 10);
}

/** Whether `day` is a real calendar day written "YYYY-MM-DD" ("2026-02-31" is not). */
export function isDayKey(day: unknown): day is DayKey {
  if (typeof day !== "string" || !DAY_KEY.test(day)) return false;
  try {
    utcMsOfDay(day);
    return true;
  } catch {
    return false;
  }
}

/** The day `n` days after `day` (before it when `n` is negative). */
export function addDays(day: DayKey, n: number): DayKey {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: ${n} is not a whole number of days`);
  return keyOfUtcMs(utcMsOfDay(day) + n * MS_PER_DAY);
}

/** The number of days from `from` to `to` (negative when `to` is earlier). */
export function dayDiff(from: DayKey, to: DayKey): number {
  return Math.round((utcMsOfDay(to) - utcMsOfDay(from)) / MS_PER_DAY);
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function daysBetween(from: DayKey, to: DayKey): DayKey[] {
  const start = utcMsOfDay(from);
  const end = utcMsOfDay(to);
  const days: DayKey[] = [];
  for (let ms = start; ms <= end; ms += MS_PER_DAY) days.push(keyOfUtcMs(ms));
  return days;
}

/** The Monday of the ISO week `day` is in. */
export function weekStart(day: DayKey): DayKey {
  const ms = utcMsOfDay(day);
  const weekday = new Date(ms).getUTCDay(); // 0 = Sunday … 6 = Saturday
  const sinceMonday = (weekday + 6) % 7;
  return keyOfUtcMs(ms - sinceMonday * MS_PER_DAY);
}

/**
 * Whether `tz` names a time zone this runtime knows ("Europe/Berlin", "UTC"). Offsets ("+05:00") are
 * refused even where the runtime accepts them (newer V8 does): PostgreSQL reads such a string as a
 * POSIX zone with the sign inverted, so the SQL deltas would land on other days than these.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== "string" || !/^[A-Za-z]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
