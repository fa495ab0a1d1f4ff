import type { RankingWeights } from "./weights";

/**
 * The score of one item:
 *
 *   score = w_traffic·n_traffic − w_complexity·n_complexity − w_tests·n_tests
 *           − w_dependencies·n_dependencies − w_size·n_size
 *
 * with every n in [0, 1]:
 *   n_traffic      = ln(1 + traffic) / ln(1 + largest traffic among the candidates)
 *                    (traffic is the route's own, or for a module or dependency what it unblocks;
 *                    a log scale because real traffic is Zipf-skewed: linear shares would squash
 *                    all but the top few routes to 0)
 *   n_complexity   = (complexity − 1) / 4                                  (1–5 → 0–1)
 *   n_tests        = 1 − coverage / 100, or unknownCoverageRisk when unknown
 *   n_dependencies = min(1, blockers / dependencySaturation)               (not-ready items it uses)
 *   n_size         = ln(1 + size) / ln(1 + largest size among the candidates), 0 when unknown
 *
 * Kept as plain arithmetic over numbers so that the ranking can score 60,000 items in a few
 * milliseconds and the explanation can recompute the very same terms for the items it shows.
 */
export type ScoreContext = { logMaxTraffic: number; logMaxSize: number; weights: RankingWeights };

export const FACTOR_COUNT = 5;
export const F_TRAFFIC = 0;
export const F_COMPLEXITY = 1;
export const F_TESTS = 2;
export const F_DEPENDENCIES = 3;
export const F_SIZE = 4;

export const clampComplexity = (c: number) => (Number.isFinite(c) ? Math.min(5, Math.max(1, c)) : 3);

/** Non-negative finite number or 0: traffic and sizes from imports are not always clean. */
export const cleanCount = (v: number | null | undefined) => (typeof v === "number" && v > 0 && Number.isFinite(v) ? v : 0);

/** ln(1 + max) for the log-scaled factors; 0 when every value is 0. */
export const logScale = (max: number) => Math.log1p(max);

/**
 * Writes the five normalised values and the five signed contributions of one item into the
 * given arrays (length 5) and returns the score, their sum in factor order.
 */
export function scoreItem(
  ctx: ScoreContext,
  traffic: number,
  complexity: number,
  coverage: number | null,
  blockers: number,
  size: number | null,
  normalized: Float64Array,
  contribution: Float64Array,
): number {
  const w = ctx.weights;
  const nTraffic = ctx.logMaxTraffic > 0 ? Math.log1p(traffic) / ctx.logMaxTraffic : 0;
  const nComplexity = (clampComplexity(complexity) - 1) / 4;
  const nTests = coverage === null || !Number.isFinite(coverage) ? w.unknownCoverageRisk : 1 - Math.min(100, Math.max(0, coverage)) / 100;
  const nDependencies = blockers > 0 ? Math.min(1, blockers / Math.max(1, w.dependencySaturation)) : 0;
  const nSize = size == null || ctx.logMaxSize <= 0 ? 0 : Math.log1p(cleanCount(size)) / ctx.logMaxSize;
  normalized[F_TRAFFIC] = nTraffic;
  normalized[F_COMPLEXITY] = nComplexity;
  normalized[F_TESTS] = nTests;
  normalized[F_DEPENDENCIES] = nDependencies;
  normalized[F_SIZE] = nSize;
  // `0 − x` rather than `−x`: no −0 in the explanation when a term is zero.
  const c0 = w.traffic * nTraffic;
  const c1 = 0 - w.complexity * nComplexity;
  const c2 = 0 - w.tests * nTests;
  const c3 = 0 - w.dependencies * nDependencies;
  const c4 = 0 - w.size * nSize;
  contribution[F_TRAFFIC] = c0;
  contribution[F_COMPLEXITY] = c1;
  contribution[F_TESTS] = c2;
  contribution[F_DEPENDENCIES] = c3;
  contribution[F_SIZE] = c4;
  return c0 + c1 + c2 + c3 + c4;
}
