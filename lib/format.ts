const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** Server-rendered times are shown in UTC, labelled, so that they never disagree with the client. */
export const formatDateTime = (d: Date) => `${dateTime.format(d)} UTC`;
export const formatDate = (d: Date) => date.format(d);

const longDate = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
/** "Tue, 3 Mar 2026" for a @db.Date column. */
export const formatDay = (d: Date) => longDate.format(d);

/** "10:00" of an instant, in the given zone (a project's). */
export function formatTimeIn(at: Date, timeZone: string) {
  return zoneTime(timeZone).format(at);
}

const zoneTimes = new Map<string, Intl.DateTimeFormat>();
function zoneTime(timeZone: string): Intl.DateTimeFormat {
  let format = zoneTimes.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
    zoneTimes.set(timeZone, format);
  }
  return format;
}

/** "Decided 3 Mar 2026", "Rejected …", or "Proposed …" (its recording day) for a decision. */
export function decisionDateLabel(d: { status: string; decidedOn: Date | null; createdAt: Date }) {
  if (d.status === "PROPOSED" || !d.decidedOn) return `Proposed ${formatDay(d.createdAt)}`;
  return `${d.status === "REJECTED" ? "Rejected" : "Decided"} ${formatDay(d.decidedOn)}`;
}

/** "1 route", "2 routes", "1,204 routes". */
export const countOf = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
