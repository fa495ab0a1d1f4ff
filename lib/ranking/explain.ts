import { MODULE, ROUTE } from "./graph";
import type { PreparedRanking } from "./prepare";
import {
  blockerLine,
  complexityLabel,
  dependenciesLabel,
  longTailReason,
  MAX_BLOCKER_LINES,
  moreBlockersLine,
  PILOT_NO_TRAFFIC_REASON,
  PILOT_REASON,
  sizeLabel,
  testsLabel,
  trafficLabel,
  UNOWNED_REASON,
} from "./reasons";
import { F_COMPLEXITY, F_DEPENDENCIES, F_SIZE, F_TESTS, F_TRAFFIC, FACTOR_COUNT, scoreItem, type ScoreContext } from "./score";
import type { RankBlocker, RankedItem, RankFactor, RankFactorName, RankTier } from "./types";
import type { RankingWeights } from "./weights";

/** 0 pilot, 1 target, 2 unblocker, 3 long-tail, 4 blocked. */
export type TierCode = 0 | 1 | 2 | 3 | 4;
const TIER_NAMES: RankTier[] = ["pilot", "target", "unblocker", "long-tail", "blocked"];

/**
 * Builds the RankedItem of the first `limit` items of `order`: factors, reasons, blockers.
 * Their positions are `positions[p]` when given (a filtered list), else p + 1.
 *
 * Allocation is most of the cost of explaining 30,000 items, so what is equal is shared: the
 * complexity, tests, dependencies and unknown-size factors come from a per-call cache of frozen
 * objects, blocker entries are made once per blocker (frozen), and reason strings are cached in
 * reasons.ts. Only the traffic factor (and a known size) is made per item.
 */
export function explainRanking(
  prepared: PreparedRanking,
  ctx: ScoreContext,
  order: Int32Array,
  positions: Int32Array | null,
  tier: Uint8Array,
  limit: number,
): RankedItem[] {
  const { items, graph, traffic, totalTraffic } = prepared;
  const w = ctx.weights;
  const factorCache = new FactorCache(w);
  const normalized = new Float64Array(FACTOR_COUNT);
  const contribution = new Float64Array(FACTOR_COUNT);

  // A blocker holds back many items: its entry and its line are made once, kept in compact lists
  // (slot[b] is 1 + the place of blocker b in them) rather than in item-sized arrays.
  const slot = new Int32Array(items.length);
  const entries: RankBlocker[] = [];
  const lines: string[] = [];
  const slotOf = (b: number) => {
    let at = slot[b] - 1;
    if (at < 0) {
      const it = items[b];
      at = entries.length;
      slot[b] = at + 1;
      entries.push(Object.freeze({ id: it.id, kind: it.kind, key: it.key, status: it.status, readiness: it.readiness ?? null }));
      lines.push(blockerLine(it.kind, it.key, it.status, it.readiness ?? null));
    }
    return at;
  };
  // Blockers are listed by kind (route, module, dependency), then key, then id.
  const before = (a: number, b: number) => {
    const d = graph.kind[a] - graph.kind[b];
    if (d !== 0) return d < 0;
    const A = items[a];
    const B = items[b];
    return A.key !== B.key ? A.key < B.key : A.id < B.id;
  };
  let maxBlockers = 1;
  for (let p = 0; p < limit; p++) maxBlockers = Math.max(maxBlockers, graph.blockerCount[order[p]]);
  const sorted = new Int32Array(maxBlockers);

  const longTail: (string | undefined)[] = new Array(6); // by complexity: the threshold is the same for all
  const out: RankedItem[] = new Array(limit);
  for (let p = 0; p < limit; p++) {
    const i = order[p];
    const item = items[i];
    const t = tier[i];
    // The same arithmetic as the ranking pass, so score is exactly the sum of the contributions.
    const score = scoreItem(ctx, traffic[i], item.complexity, item.testCoverage, graph.blockerCount[i], item.size, normalized, contribution);
    const share = totalTraffic > 0 ? traffic[i] / totalTraffic : 0;
    const routes = graph.unblockRoutes[i];

    // Blockers, insertion-sorted (there are few), and counted by kind for the label.
    const nBlockers = graph.blockerCount[i];
    let onRoutes = 0;
    let onModules = 0;
    let onDependencies = 0;
    for (let k = 0, start = graph.blockerStart[i]; k < nBlockers; k++) {
      const b = graph.blockerList[start + k];
      const kb = graph.kind[b];
      if (kb === ROUTE) onRoutes++;
      else if (kb === MODULE) onModules++;
      else onDependencies++;
      let j = k;
      while (j > 0 && before(b, sorted[j - 1])) {
        sorted[j] = sorted[j - 1];
        j--;
      }
      sorted[j] = b;
    }

    const tLabel = trafficLabel(item.kind, share, traffic[i], routes);
    const factors: RankFactor[] = [
      { name: "traffic", raw: traffic[i], normalized: normalized[F_TRAFFIC], weight: w.traffic, contribution: contribution[F_TRAFFIC], label: tLabel },
      fromCodeLabel(factorCache.complexity(item.complexity, normalized[F_COMPLEXITY], contribution[F_COMPLEXITY]), item.fromCode?.complexity),
      fromCodeLabel(factorCache.tests(item.testCoverage, normalized[F_TESTS], contribution[F_TESTS]), item.fromCode?.tests),
      factorCache.dependencies(onRoutes, onModules, onDependencies, normalized[F_DEPENDENCIES], contribution[F_DEPENDENCIES]),
      factorCache.size(item.size, normalized[F_SIZE], contribution[F_SIZE]),
    ];

    // Reasons: why it is where it is first, then the factors in words. Sized exactly: a pushed-to
    // array reserves room for 17, and there are 30,000 of these.
    const unowned = item.ownerTeamId == null && item.ownerUserId == null;
    const shown = t === 4 ? Math.min(nBlockers, MAX_BLOCKER_LINES) : 0;
    const head = t === 0 ? (traffic[i] <= 0 ? 2 : 1) : t === 3 ? 1 : t === 4 ? 1 + shown + (nBlockers > shown ? 1 : 0) : 0;
    const reasons: string[] = new Array(head + 3 + (item.size != null ? 1 : 0) + (unowned ? 1 : 0));
    let r = 0;
    if (t === 0) {
      reasons[r++] = PILOT_REASON;
      if (traffic[i] <= 0) reasons[r++] = PILOT_NO_TRAFFIC_REASON;
    } else if (t === 3) {
      const c = item.complexity;
      reasons[r++] = Number.isInteger(c) && c >= 1 && c <= 5 ? (longTail[c] ??= longTailReason(w.longTailMaxShare, c)) : longTailReason(w.longTailMaxShare, c);
    } else if (t === 4) {
      reasons[r++] = factors[F_DEPENDENCIES].label;
      for (let k = 0; k < shown; k++) reasons[r++] = lines[slotOf(sorted[k])];
      if (nBlockers > shown) reasons[r++] = moreBlockersLine(nBlockers - shown);
    }
    reasons[r++] = tLabel;
    reasons[r++] = factors[F_COMPLEXITY].label;
    reasons[r++] = factors[F_TESTS].label;
    if (item.size != null) reasons[r++] = factors[F_SIZE].label;
    if (unowned) reasons[r++] = UNOWNED_REASON;

    const blockedBy: RankBlocker[] = new Array(nBlockers);
    for (let k = 0; k < nBlockers; k++) blockedBy[k] = entries[slotOf(sorted[k])];

    out[p] = {
      id: item.id,
      kind: item.kind,
      key: item.key,
      status: item.status,
      readiness: item.readiness ?? null,
      position: positions === null ? p + 1 : positions[p],
      tier: TIER_NAMES[t],
      score,
      factors,
      reasons,
      blockedBy,
      // Always present (undefined for routes): one object shape for all items.
      unblocks: graph.kind[i] === ROUTE ? undefined : { routes, trafficPerDay: traffic[i], share },
      unowned,
      trafficShare: share,
      claimedBy: item.claimedBy ?? null,
    };
  }
  return out;
}

/**
 * Factor objects that cannot differ between items are made once per call and shared (frozen):
 * every complexity-2 item has the same complexity term, every item with 40% coverage the same
 * tests term, every item with one unported module the same dependencies term. Looked up in
 * arrays by small integer keys (a Map lookup per factor per item was measurable).
 */
class FactorCache {
  private byComplexity: (RankFactor | undefined)[] = new Array(6);
  /** Index: coverage 0–100, or 101 for unknown. */
  private byCoverage: (RankFactor | undefined)[] = new Array(102);
  /** Index: routes·64 + modules·8 + dependencies, each below 4, 8, 8; rarer mixes in the Map. */
  private byBlockers: (RankFactor | undefined)[] = new Array(256);
  private byBlockersRare = new Map<string, RankFactor>();
  private unknownSize: RankFactor | null = null;

  constructor(private weights: RankingWeights) {}

  complexity(raw: number, normalized: number, contribution: number): RankFactor {
    const cacheable = Number.isInteger(raw) && raw >= 1 && raw <= 5;
    let f = cacheable ? this.byComplexity[raw] : undefined;
    if (f === undefined) {
      f = frozen("complexity", raw, normalized, this.weights.complexity, contribution, complexityLabel(raw));
      if (cacheable) this.byComplexity[raw] = f;
    }
    return f;
  }

  tests(raw: number | null, normalized: number, contribution: number): RankFactor {
    const slot = raw == null ? 101 : Number.isInteger(raw) && raw >= 0 && raw <= 100 ? raw : -1;
    let f = slot >= 0 ? this.byCoverage[slot] : undefined;
    if (f === undefined) {
      f = frozen("tests", raw ?? null, normalized, this.weights.tests, contribution, testsLabel(raw ?? null));
      if (slot >= 0) this.byCoverage[slot] = f;
    }
    return f;
  }

  /** Keyed by the blockers counted by kind, since the label names the kinds. */
  dependencies(routes: number, modules: number, dependencies: number, normalized: number, contribution: number): RankFactor {
    const slot = routes < 4 && modules < 8 && dependencies < 8 ? routes * 64 + modules * 8 + dependencies : -1;
    let f = slot >= 0 ? this.byBlockers[slot] : this.byBlockersRare.get(`${routes}:${modules}:${dependencies}`);
    if (f === undefined) {
      f = frozen(
        "dependencies",
        routes + modules + dependencies,
        normalized,
        this.weights.dependencies,
        contribution,
        dependenciesLabel(routes, modules, dependencies),
      );
      if (slot >= 0) this.byBlockers[slot] = f;
      else this.byBlockersRare.set(`${routes}:${modules}:${dependencies}`, f);
    }
    return f;
  }

  size(raw: number | null, normalized: number, contribution: number): RankFactor {
    if (raw == null) return (this.unknownSize ??= frozen("size", null, normalized, this.weights.size, contribution, sizeLabel(null)));
    return { name: "size", raw, normalized, weight: this.weights.size, contribution, label: sizeLabel(raw) };
  }
}

/** A factor whose input was read from the code (issue 22), not set by people: its label says so. */
function fromCodeLabel(f: RankFactor, fromCode: boolean | undefined): RankFactor {
  return fromCode ? { ...f, label: `${f.label} (from code)` } : f;
}

function frozen(name: RankFactorName, raw: number | null, normalized: number, weight: number, contribution: number, label: string): RankFactor {
  return Object.freeze({ name, raw, normalized, weight, contribution, label });
}
