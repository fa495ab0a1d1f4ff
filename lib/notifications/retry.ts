/**
 * When a failed delivery is tried again: the Standard Webhooks schedule (after the first try:
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight tries over about a day and a half), for every
 * channel. WAYPOINT_NOTIFY_RETRY_SECONDS (comma-separated seconds) replaces it.
 */
export const STANDARD_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000];

export function retrySchedule(env: Record<string, string | undefined> = process.env): number[] {
  const raw = env.WAYPOINT_NOTIFY_RETRY_SECONDS?.trim();
  if (!raw) return STANDARD_SCHEDULE;
  const list = raw.split(",").map((s) => Number(s.trim()));
  return list.every((n) => Number.isInteger(n) && n >= 0) ? list : STANDARD_SCHEDULE;
}

/** Seconds before try `number + 1` after try `number` failed; null: no more tries. */
export function delayAfter(number: number, schedule = retrySchedule()): number | null {
  return number >= 1 && number <= schedule.length ? schedule[number - 1] : null;
}
