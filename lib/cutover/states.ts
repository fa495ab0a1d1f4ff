import type { ServedBy } from "@/lib/generated/prisma/enums";
import type { RouteState } from "./routing/types";

/** A route's traffic state as stored: which backend, and for a canary the share sent to new. */
export type TrafficState = { servedBy: ServedBy; canaryPercent: number | null };

/** "legacy", "shadow", "new" or "canary:10": the state's name in history rows, `expected` and the API. Pure. */
export function stateLabel(s: TrafficState): string {
  return s.servedBy === "CANARY" ? `canary:${s.canaryPercent ?? 0}` : s.servedBy.toLowerCase();
}

/** In words, for pages: "Legacy", "Canary 10 %", … */
export function stateText(s: TrafficState): string {
  return s.servedBy === "CANARY" ? `Canary ${s.canaryPercent ?? 0} %` : s.servedBy.charAt(0) + s.servedBy.slice(1).toLowerCase();
}

/** The routing export's form of the state. */
export function routeState(s: TrafficState): RouteState {
  switch (s.servedBy) {
    case "NEW":
      return { kind: "new" };
    case "SHADOW":
      return { kind: "shadow" };
    case "CANARY":
      return { kind: "canary", percent: Math.min(99, Math.max(1, s.canaryPercent ?? 1)) };
    default:
      return { kind: "legacy" };
  }
}
