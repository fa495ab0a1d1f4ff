/** Formatting shared by the office-hours pages (server-safe, no client code). */

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const partsFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat) {
  let format = map.get(timeZone);
  if (!format) {
    format = make();
    map.set(timeZone, format);
  }
  return format;
}

/** "Tue 1 Dec" in the zone. */
export const formatSessionDay = (at: Date, timeZone: string) =>
  cached(dayFormats, timeZone, () => new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone })).format(at);

/** "10:00" in the zone. */
export const formatClock = (at: Date, timeZone: string) =>
  cached(timeFormats, timeZone, () => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone })).format(at);

/** "Tue 1 Dec, 10:00–11:00 Europe/Berlin" (an end on another day gets its own day). */
export function formatSession(start: Date, end: Date, timeZone: string): string {
  const startDay = formatSessionDay(start, timeZone);
  const endDay = formatSessionDay(end, timeZone);
  const endText = endDay === startDay ? formatClock(end, timeZone) : `${endDay}, ${formatClock(end, timeZone)}`;
  return `${startDay}, ${formatClock(start, timeZone)}–${endText} ${timeZone}`;
}

/** The value of a datetime-local input ("2026-12-01T10:00") showing `at` on the zone's wall clock. */
export function localInputValue(at: Date, timeZone: string): string {
  const parts = cached(
    partsFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }),
  ).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export { plural };

/** A location that is a web address becomes a link (opened in a new tab); anything else is text. */
export function Location({ value }: { value: string }) {
  let url: URL | null = null;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === "https:" || parsed.protocol === "http:") url = parsed;
  } catch {
    url = null;
  }
  return url ? (
    <a href={url.href} target="_blank" rel="noopener noreferrer" className="break-all">
      {value}
    </a>
  ) : (
    <span className="break-words">{value}</span>
  );
}

/** Every IANA zone the runtime knows, with UTC (which `supportedValuesOf` may leave out). */
export function timeZoneNames(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}
