import { explainRanking, type TierCode } from "./explain";
import { ROUTE } from "./graph";
import { choosePilot } from "./pilot";
import { sortRanked } from "./order";
import { prepareRanking, type PreparedRanking } from "./prepare";
import { clampComplexity, FACTOR_COUNT, logScale, scoreItem, type ScoreContext } from "./score";
import type { RankingResult, RankItemInput, RankOptions, RankRelationInput, RankTier } from "./types";
import { mergeWeights, type RankingWeights } from "./weights";

// Tiers in output order; targets and unblockers share a group, so they interleave by score.
export const TIER_NAMES: RankTier[] = ["pilot", "target", "unblocker", "long-tail", "blocked"];
const PILOT: TierCode = 0;
const TARGET: TierCode = 1;
const UNBLOCKER: TierCode = 2;
const LONG_TAIL: TierCode = 3;
const BLOCKED: TierCode = 4;
const TIER_GROUP = [0, 1, 1, 2, 3];

/**
 * Ranks the open work of one project: the "next targets" list, each item with its score, the
 * factors that made it, and short reasons. Pure and deterministic: the same items and relations
 * give the same list in any input order.
 *
 * Order: the pilot (only while no route is ported); targets and unblockers by score; the long
 * tail; blocked items, most valuable first. Within a group: score desc, traffic desc, key asc,
 * id asc.
 *
 * `weights` are merged over DEFAULT_WEIGHTS. To re-rank one project under many weights (the
 * settings preview), prepareRanking once and call rankPrepared.
 */
export function rankItems(items: RankItemInput[], relations: RankRelationInput[], weights?: Partial<RankingWeights>, options?: RankOptions): RankingResult {
  return rankPrepared(prepareRanking(items, relations), weights, options);
}

/** The weight-dependent half of rankItems: scores, tiers, one sort, the explanations. */
export function rankPrepared(prepared: PreparedRanking, weights?: Partial<RankingWeights>, options?: RankOptions): RankingResult {
  const w = mergeWeights(weights);
  const { items, graph, traffic, totalTraffic } = prepared;
  const n = items.length;

  const ctx: ScoreContext = { logMaxTraffic: logScale(prepared.maxTraffic), logMaxSize: logScale(prepared.maxSize), weights: w };
  const normalized = new Float64Array(FACTOR_COUNT);
  const contribution = new Float64Array(FACTOR_COUNT);
  const score = new Float64Array(n);
  const tier = new Uint8Array(n);
  const group = new Uint8Array(n);
  let minScore = Infinity;
  let maxScore = -Infinity;
  for (const i of prepared.candidates) {
    const item = items[i];
    const s = scoreItem(ctx, traffic[i], item.complexity, item.testCoverage, graph.blockerCount[i], item.size, normalized, contribution);
    score[i] = s;
    if (s < minScore) minScore = s;
    if (s > maxScore) maxScore = s;
    const share = totalTraffic > 0 ? traffic[i] / totalTraffic : 0;
    let t: TierCode;
    if (graph.blockerCount[i] > 0) t = BLOCKED;
    else if (share < w.longTailMaxShare && clampComplexity(item.complexity) >= w.longTailMinComplexity) t = LONG_TAIL;
    else t = graph.kind[i] === ROUTE ? TARGET : UNBLOCKER;
    tier[i] = t;
    group[i] = TIER_GROUP[t];
  }

  const pilot = choosePilot(prepared, w.pilotTrafficQuantile);
  if (pilot !== -1) {
    tier[pilot] = PILOT;
    group[pilot] = TIER_GROUP[PILOT];
  }

  const order = sortRanked(prepared.candidates, group, score, traffic, items, minScore, maxScore);

  // A filter keeps the global positions: position p + 1 in `order` for what it keeps. Whatever
  // the filter keeps is also counted by whether it can start now: not blocked and not claimed.
  const include = options?.include;
  const startableOnly = options?.startableOnly ?? false;
  const viewerId = options?.viewerId ?? null;
  const availability = { startable: 0, blocked: 0, claimed: 0 };
  // Without a filter the order is shown as it is; the kept rows are collected only for one.
  const filtered = Boolean(include) || startableOnly;
  const kept = new Int32Array(filtered ? order.length : 0);
  const at = new Int32Array(filtered ? order.length : 0);
  let keptCount = 0;
  for (let p = 0; p < order.length; p++) {
    const i = order[p];
    if (include && !include(items[i])) continue;
    const blocked = tier[i] === BLOCKED;
    const claimed = !blocked && prepared.claimed[i] === 1 && !(viewerId && items[i].claimedById === viewerId);
    if (blocked) availability.blocked++;
    else if (claimed) availability.claimed++;
    else availability.startable++;
    if (!filtered || (startableOnly && (blocked || claimed))) continue;
    kept[keptCount] = i;
    at[keptCount] = p + 1;
    keptCount++;
  }
  const shown = filtered ? kept.subarray(0, keptCount) : order;
  const positions: Int32Array | null = filtered ? at.subarray(0, keptCount) : null;

  const tierCounts: Record<RankTier, number> = { pilot: 0, target: 0, unblocker: 0, "long-tail": 0, blocked: 0 };
  for (const i of shown) tierCounts[TIER_NAMES[tier[i]]]++;

  const limit = options?.limit === undefined ? shown.length : Math.max(0, Math.min(shown.length, Math.floor(options.limit)));
  return {
    items: explainRanking(prepared, ctx, shown, positions, tier, limit),
    total: shown.length,
    tierCounts,
    totalTraffic,
    hasPortedRoute: prepared.hasPortedRoute,
    availability,
    weights: w,
  };
}
