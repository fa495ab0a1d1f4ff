import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";

/**
 * The progress charts are built from the item history (`ItemChange`). Four fields move an item
 * between statuses, and each row carries what it needs on its own:
 *   created   (from null)      → to   = the status it was created with      (+1 at `to`)
 *   status    (from → to)                                                  (−1 at `from`, +1 at `to`)
 *   deleted   (from = its status at deletion, to null)                     (−1 at `from`)
 *   restored  (from null, to = its status when restored, before any other change in the same write) (+1 at `to`)
 * Every other field is ignored. So a day's change of "how many items are in each status" is a sum
 * of ±1 per row, and the same sum is computed in SQL (`lib/progress/deltas-sql.ts`) for speed and in
 * TypeScript (`lib/progress/deltas.ts`) as the reference; a test checks both agree.
 */
export const STATUS_FIELDS = ["created", "status", "deleted", "restored"] as const;

/** One history row as the progress functions read it. */
export type ProgressEvent = {
  itemId: string;
  field: string;
  fromValue: string | null;
  toValue: string | null;
  at: Date;
};

/**
 * What the series need of an item: its kind, and its current traffic per day. Traffic shares
 * weigh each route by its current traffic (the latest import): "how much of today's traffic do
 * the routes ported by then carry".
 */
export type ProgressItem = { id: string; kind: ItemKind; trafficPerDay: number };

/** A calendar day in the project's time zone, "YYYY-MM-DD". */
import type { DayKey } from "@/lib/time/days";
export type { DayKey };

/** The net change on one day of the number of items of a kind in a status, and of their traffic. */
export type DayDelta = { day: DayKey; kind: ItemKind; status: PortStatus; count: number; traffic: number };

/** The net change on one day of route traffic ported-or-further and in scope (current traffic per route). */
export type TrafficDelta = { day: DayKey; done: number; scope: number };

export { STATUS_ORDER, DONE_STATUSES, VERIFIED_STATUSES } from "@/lib/inventory/item-state";

/** Counts per status on one day (end of day), for one kind or for all the kinds asked for. */
export type StatusCounts = Record<PortStatus, number>;

/** One point of the burn-up: end-of-day counts. Scope = items that exist, minus won't port. */
export type BurnUpPoint = { day: DayKey; scope: number; ported: number; verified: number };

/** One point of the traffic chart: the share (0–1) of route traffic on ported-or-further routes. */
export type TrafficPoint = { day: DayKey; share: number; countShare: number; trafficDone: number; trafficScope: number };

/** One point of the cumulative flow: items in each status at the end of the day. */
export type FlowPoint = { day: DayKey } & StatusCounts;

export type ProgressSeries = {
  /** Every day from `from` to `to`, inclusive. */
  days: DayKey[];
  burnUp: BurnUpPoint[];
  /** Routes only, whatever the kind filter. */
  traffic: TrafficPoint[];
  flow: FlowPoint[];
};

export type Forecast =
  | {
      kind: "date";
      /** Items still to port (scope − ported) on the last day. */
      remaining: number;
      /** Mean items ported per week over the window. */
      velocity: number;
      weeks: number;
      likely: DayKey;
      optimistic: DayKey;
      /** null when the slowest week ported nothing: no pessimistic date can be given. */
      pessimistic: DayKey | null;
      /** Compared with the project's target date; null without a target. */
      onTrack: boolean | null;
    }
  | { kind: "done"; remaining: 0 }
  | { kind: "unknown"; reason: string; remaining: number; velocity: number; weeks: number };
