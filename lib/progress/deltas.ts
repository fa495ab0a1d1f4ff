import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import { dayKey } from "@/lib/time/days";
import { STATUS_FIELDS, STATUS_ORDER, type DayDelta, type DayKey, type ProgressEvent, type ProgressItem } from "@/lib/progress/types";

/**
 * Kinds in the order of the `ItemKind` enum. PostgreSQL sorts enum values by declaration order, so
 * sorting by this order (and by `STATUS_ORDER`, which is also the enum's order) gives the same row
 * order as the SQL version's `ORDER BY day, kind, status`.
 */
export const KIND_ORDER: ItemKind[] = ["ROUTE", "MODULE", "DEPENDENCY"];

const statusFields: ReadonlySet<string> = new Set(STATUS_FIELDS);
const statusRank = new Map<string, number>(STATUS_ORDER.map((s, i) => [s, i]));
const kindRank = new Map<string, number>(KIND_ORDER.map((k, i) => [k, i]));

function isPortStatus(value: string | null): value is PortStatus {
  return value !== null && statusRank.has(value);
}

/**
 * The net change per (day, kind, status) of the number of items and of their traffic, read from
 * the history rows. This is the reference implementation of the SQL in `deltas-sql.ts`:
 *
 *   SELECT day, kind, status, SUM(sign) count, SUM(sign * traffic) traffic
 *   … GROUP BY day, kind, status HAVING (count <> 0 OR traffic <> 0) ORDER BY day, kind, status
 *
 * Each row of a status field (see `STATUS_FIELDS`) is −1 at `fromValue` and +1 at `toValue`, on the
 * row's day in `timeZone`, and carries the item's current traffic with the same sign. Rows of
 * unknown items, of items the filter drops, and sides whose value is not a `PortStatus` (null, or
 * garbage from an old import) contribute nothing.
 */
export function dailyDeltas(
  events: ProgressEvent[],
  items: Map<string, ProgressItem> | ProgressItem[],
  timeZone: string,
  filter?: (item: ProgressItem) => boolean,
): DayDelta[] {
  const byId = items instanceof Map ? items : new Map(items.map((item) => [item.id, item]));
  const sums = new Map<string, DayDelta>();

  const add = (day: DayKey, item: ProgressItem, status: PortStatus, sign: 1 | -1) => {
    const key = `${day}|${item.kind}|${status}`;
    let delta = sums.get(key);
    if (!delta) {
      delta = { day, kind: item.kind, status, count: 0, traffic: 0 };
      sums.set(key, delta);
    }
    delta.count += sign;
    delta.traffic += sign * item.trafficPerDay;
  };

  for (const event of events) {
    if (!statusFields.has(event.field)) continue;
    const item = byId.get(event.itemId);
    if (!item || (filter && !filter(item))) continue;
    const from = isPortStatus(event.fromValue) ? event.fromValue : null;
    const to = isPortStatus(event.toValue) ? event.toValue : null;
    if (from === null && to === null) continue; // nothing to count: skip the time zone work
    const day = dayKey(event.at, timeZone);
    if (from !== null) add(day, item, from, -1);
    if (to !== null) add(day, item, to, 1);
  }

  return [...sums.values()].filter((d) => d.count !== 0 || d.traffic !== 0).sort(compareDeltas);
}

/** Day, then kind, then status, each in the enum order (see `KIND_ORDER`). */
export function compareDeltas(a: DayDelta, b: DayDelta): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  if (a.kind !== b.kind) return kindRank.get(a.kind)! - kindRank.get(b.kind)!;
  return statusRank.get(a.status)! - statusRank.get(b.status)!;
}
