import { Cron } from "croner";

/**
 * When a freeze window is on. A one-off window is an interval of instants; a recurring one is a
 * cron expression read in its time zone (croner: daylight-saving changes handled by the zone
 * rules, not by hand), each occurrence lasting `durationMinutes`. Pure.
 */
export type FreezeRule = {
  id: string;
  reason: string;
  timeZone: string;
  startsAt: Date | null;
  endsAt: Date | null;
  cron: string | null;
  durationMinutes: number | null;
};

export type FreezeOccurrence = { windowId: string; reason: string; start: Date; end: Date };

const MINUTE = 60_000;

/** A cron schedule in a zone, or the reason it is not one. */
export function parseCron(expression: string, timeZone: string): Cron | string {
  try {
    return new Cron(expression, { timezone: timeZone, paused: true });
  } catch (error) {
    return (error as Error).message;
  }
}

/** The occurrence of the window that covers `at`, if any. */
export function occurrenceAt(rule: FreezeRule, at: Date): FreezeOccurrence | null {
  if (rule.startsAt && rule.endsAt) {
    return rule.startsAt <= at && at < rule.endsAt ? { windowId: rule.id, reason: rule.reason, start: rule.startsAt, end: rule.endsAt } : null;
  }
  if (!rule.cron || !rule.durationMinutes) return null;
  const cron = parseCron(rule.cron, rule.timeZone);
  if (typeof cron === "string") return null;
  // The first occurrence after (at − duration), if it starts by `at`, is one `at` falls in.
  const length = rule.durationMinutes * MINUTE;
  const start = cron.nextRun(new Date(at.getTime() - length));
  return start && start <= at ? { windowId: rule.id, reason: rule.reason, start, end: new Date(start.getTime() + length) } : null;
}

/** The window in force at `at` (the one ending last, when several overlap), or null. */
export function activeFreeze(rules: FreezeRule[], at: Date): FreezeOccurrence | null {
  let found: FreezeOccurrence | null = null;
  for (const rule of rules) {
    const o = occurrenceAt(rule, at);
    if (o && (!found || o.end > found.end)) found = o;
  }
  return found;
}

/** The occurrences that start, or are on, between `from` and `to`, in time order (for the Cutover page and the calendar). */
export function occurrencesBetween(rules: FreezeRule[], from: Date, to: Date, limitPerRule = 20): FreezeOccurrence[] {
  const out: FreezeOccurrence[] = [];
  for (const rule of rules) {
    if (rule.startsAt && rule.endsAt) {
      if (rule.endsAt > from && rule.startsAt < to) out.push({ windowId: rule.id, reason: rule.reason, start: rule.startsAt, end: rule.endsAt });
      continue;
    }
    if (!rule.cron || !rule.durationMinutes) continue;
    const cron = parseCron(rule.cron, rule.timeZone);
    if (typeof cron === "string") continue;
    const length = rule.durationMinutes * MINUTE;
    let cursor = new Date(from.getTime() - length);
    for (let i = 0; i < limitPerRule; i++) {
      const start = cron.nextRun(cursor);
      if (!start || start >= to) break;
      out.push({ windowId: rule.id, reason: rule.reason, start, end: new Date(start.getTime() + length) });
      cursor = start;
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.windowId.localeCompare(b.windowId));
}
