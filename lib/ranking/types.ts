import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import type { RankingWeights } from "./weights";

export type { RankingWeights };

/**
 * One inventory item as the ranking sees it: only the fields it scores or explains. The caller
 * loads these (non-deleted items of one project); the ranking itself never touches the database.
 */
export type RankItemInput = {
  id: string;
  kind: ItemKind;
  key: string;
  status: PortStatus;
  /** Dependencies only; null counts as UNKNOWN (not ready). */
  readiness: Readiness | null;
  trafficPerDay: number;
  /** 1 (trivial) to 5 (hard). */
  complexity: number;
  /** Lines of code or another size measure; null when unknown. */
  size: number | null;
  /** 0–100; null when unknown. */
  testCoverage: number | null;
  ownerTeamId: string | null;
  ownerUserId: string | null;
  /** Complexity or coverage read from the legacy code (issue 22) because people have not set them: the explanation says so. */
  fromCode?: { complexity: boolean; tests: boolean } | null;
  /** Who holds the active claim; shown, never ranked on. */
  claimedBy?: string | null;
  /** The holder's user id (for "can start now": one's own claims stay in it); never ranked on. */
  claimedById?: string | null;
  /** Deleted items are neither ranked nor blocking; callers normally leave them out already. */
  deletedAt?: Date | string | null;
};

/** "from uses to": a route uses a module, a module (or a route) needs a dependency. */
export type RankRelationInput = { fromId: string; toId: string };

export type RankTier = "pilot" | "target" | "unblocker" | "long-tail" | "blocked";

export type RankFactorName = "traffic" | "complexity" | "tests" | "dependencies" | "size";

/**
 * One term of the score. `normalized` is in [0, 1]; `contribution` is signed: weight × normalized
 * for traffic (the benefit), −weight × normalized for the four risks. score = Σ contributions.
 */
export type RankFactor = {
  name: RankFactorName;
  /** The input value: traffic per day, complexity 1–5, coverage %, number of blockers, size; null when unknown. */
  raw: number | null;
  normalized: number;
  weight: number;
  contribution: number;
  /** Short human wording of the raw value: "carries 4.2% of traffic", "complexity 2/5". */
  label: string;
};

export type RankBlocker = { id: string; kind: ItemKind; key: string; status: PortStatus; readiness: Readiness | null };

export type RankUnblocks = {
  /** Not-done routes held back by this item, directly or through unported modules. */
  routes: number;
  /** Their summed traffic per day. */
  trafficPerDay: number;
  /** That traffic as a share (0–1) of the project's route traffic. */
  share: number;
};

export type RankedItem = {
  id: string;
  kind: ItemKind;
  key: string;
  status: PortStatus;
  readiness: Readiness | null;
  /** 1-based place in the whole list. */
  position: number;
  tier: RankTier;
  score: number;
  /** Always the five factors, in the order traffic, complexity, tests, dependencies, size. */
  factors: RankFactor[];
  reasons: string[];
  /** The related items that hold this one back, sorted by kind then key; empty unless tier is "blocked". */
  blockedBy: RankBlocker[];
  /** Modules and dependencies only. */
  unblocks?: RankUnblocks;
  unowned: boolean;
  /** Share (0–1) of project traffic: the route's own, or for a module or dependency the traffic it unblocks. */
  trafficShare: number;
  claimedBy: string | null;
};

export type RankOptions = {
  /**
   * Explain only the first `limit` items (all are still scored and ordered, so positions, total
   * and tierCounts are those of the whole list). For a page or a settings preview.
   */
  limit?: number;
  /**
   * Keep only the items this accepts (a filter by kind, owner, team…). The ranking is still
   * made over the whole project, so `position` stays the place in the whole list; items, total
   * and tierCounts then describe the kept items.
   */
  include?: (item: RankItemInput) => boolean;
  /**
   * Keep only what can start now: not blocked and not claimed by anyone (open, as every ranked
   * item is). Positions stay the places in the whole list.
   */
  startableOnly?: boolean;
  /** Whose view it is: items this user holds count as startable (they can start them), not as claimed. */
  viewerId?: string | null;
};

export type RankingResult = {
  /** In rank order; all of them, or the first `limit`. */
  items: RankedItem[];
  /** How many items are ranked in all, or kept by `include` (items.length unless a limit cut the list). */
  total: number;
  tierCounts: Record<RankTier, number>;
  /** Summed traffic per day of every (non-deleted) route of the project, ported or not. */
  totalTraffic: number;
  /** Whether any route is PORTED, VERIFIED or RETIRED; while not, the list opens with a pilot. */
  hasPortedRoute: boolean;
  /**
   * The items `include` keeps (all, without it), by whether they can start now: `startable` (not
   * blocked, not claimed — or claimed by the viewer), `blocked` (waiting on unfinished items,
   * claimed or not), `claimed` (someone else holds it). Counted before `startableOnly` drops any.
   */
  availability: { startable: number; blocked: number; claimed: number };
  /** The weights used: defaults with the caller's partial weights merged over them. */
  weights: RankingWeights;
};
