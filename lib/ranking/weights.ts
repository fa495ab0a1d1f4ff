import { z } from "zod";

/**
 * The tunable part of the ranking, stored per project. The five factor weights scale the score
 * terms; the rest are thresholds that decide tiers and how unknowns count.
 */
export const rankingWeightsSchema = z
  .object({
    /** Benefit: how much traffic share (own, or unblocked) pulls an item up. */
    traffic: z.number().min(0).max(10),
    /** Risk: complexity 1–5. */
    complexity: z.number().min(0).max(10),
    /** Risk: weak or missing tests (what broke in every story was what had no tests). */
    tests: z.number().min(0).max(10),
    /** Risk: unported modules and unready dependencies the item needs. */
    dependencies: z.number().min(0).max(10),
    /** Risk: size (lines), on a log scale against the largest candidate. */
    size: z.number().min(0).max(10),
    /** Long tail: traffic share (0–1) below this… */
    longTailMaxShare: z.number().min(0).max(1),
    /** …and complexity at least this. */
    longTailMinComplexity: z.number().int().min(1).max(5),
    /** Pilot: "low traffic" means at most this quantile (0–1) of the non-zero route traffic. */
    pilotTrafficQuantile: z.number().min(0).max(1),
    /** Tests risk (0–1) of an item whose coverage is unknown; 1 would count it as untested. */
    unknownCoverageRisk: z.number().min(0).max(1),
    /** Number of blockers at which the dependencies risk is full (1). */
    dependencySaturation: z.number().int().min(1).max(50),
  })
  .strict();

export type RankingWeights = z.infer<typeof rankingWeightsSchema>;

/** What a settings form submits: any subset, merged over the defaults (unknown keys refused). */
export const rankingWeightsPatchSchema = rankingWeightsSchema.partial().strict();

export const DEFAULT_WEIGHTS: Readonly<RankingWeights> = Object.freeze({
  traffic: 4,
  complexity: 2,
  tests: 1.5,
  dependencies: 1,
  size: 0.5,
  longTailMaxShare: 0.001,
  longTailMinComplexity: 4,
  pilotTrafficQuantile: 0.25,
  unknownCoverageRisk: 0.75,
  dependencySaturation: 3,
});

const KEYS = Object.keys(DEFAULT_WEIGHTS) as (keyof RankingWeights)[];

/**
 * Defaults with the given finite numbers laid over them. Not a validation (that is the schema's
 * job at the edge): called on every live-preview keystroke, so it only skips what is absent or
 * not a finite number.
 */
export function mergeWeights(partial?: Partial<RankingWeights> | null): RankingWeights {
  const merged: RankingWeights = { ...DEFAULT_WEIGHTS };
  if (!partial) return merged;
  for (const k of KEYS) {
    const v = partial[k];
    if (typeof v === "number" && Number.isFinite(v)) merged[k] = v;
  }
  return merged;
}
