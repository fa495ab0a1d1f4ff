import type { ServedBy } from "@/lib/generated/prisma/enums";

/**
 * Plain-language words for the status page (people outside engineering): no route patterns beyond
 * a path, no states' internal names, dates in the project's zone. Pure.
 */

/** "/users/<int:id>" → "/users/…": a path as a reader recognises it (parameters are "any value"). */
export function placeOf(path: string | null, key: string): string {
  const raw = path ?? key.replace(/^[A-Z]+\s+/, "");
  const plain = raw.replace(/<[^>]*>|\{[^}]*\}/g, "…").replace(/…+/g, "…");
  return plain || "/";
}

/** In alphabetical order: "/a", "/a and /b", "/a, /b and /c", "/a, /b, /c and 4 more pages". */
export function placesText(places: readonly string[], max = 3): string {
  const unique = [...new Set(places)].sort((a, b) => a.localeCompare(b));
  if (unique.length === 0) return "no pages";
  if (unique.length === 1) return unique[0];
  if (unique.length <= max) return `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
  const rest = unique.length - max;
  return `${unique.slice(0, max).join(", ")} and ${rest} more page${rest === 1 ? "" : "s"}`;
}

/** A share (0–1) as a whole percentage a reader can trust: never "100 %" or "0 %" unless exact. */
export function percentText(share: number): string {
  if (!(share > 0)) return "0 %";
  if (share >= 1) return "100 %";
  const pct = share * 100;
  if (pct < 1) return "less than 1 %";
  if (pct > 99) return "more than 99 %";
  return `${Math.round(pct)} %`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = map.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    map.set(timeZone, format);
  }
  return format;
}

/** "Wednesday 3 June 2026": the instant's calendar day in the zone. */
export function dayText(at: Date, timeZone: string): string {
  const parts = cached(dayFormats, timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
}

/** "Wednesday 3 June 2026 at 14:00 (Europe/Berlin time)". */
export function momentText(at: Date, timeZone: string): string {
  const time = cached(timeFormats, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return `${dayText(at, timeZone)} at ${time} (${timeZone} time)`;
}

export type Target = { servedBy: ServedBy; canaryPercent: number | null };

/** What a switch did, as a sentence about the places: past ("moved") or ahead ("moves"). */
export function changeSentence(places: string, from: Target | null, to: Target, tense: "past" | "ahead"): string {
  const past = tense === "past";
  switch (to.servedBy) {
    case "NEW":
      return `${places} ${past ? "moved" : "moves"} to the new system.`;
    case "CANARY":
      return past
        ? `${places}: ${to.canaryPercent ?? 0} % of visitors now use the new system (a trial; the others stay on the old one).`
        : `${places}: from then, ${to.canaryPercent ?? 0} % of visitors will use the new system (a trial; the others stay on the old one).`;
    case "SHADOW":
      return `${places}: the new system ${past ? "started" : "starts"} being tested with a copy of the real traffic; visitors still use the old system.`;
    default:
      return past && (!from || from.servedBy !== "LEGACY")
        ? `${places} went back to the old system.`
        : `${places} ${past ? "stayed on" : "goes back to"} the old system.`;
  }
}

/** A switch back to the old system from one that served visitors (or a kill switch): an incident. */
export function isRollback(kind: string, from: Target, to: Target): boolean {
  return to.servedBy === "LEGACY" && (from.servedBy !== "LEGACY" || kind === "rollback" || kind === "kill-switch");
}
