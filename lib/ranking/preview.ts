import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/errors";
import { projectWeights } from "./project-ranking";
import { preparedRankingFor } from "./prepared-cache";
import { rankPrepared } from "./rank";
import { rankingWeightsSchema } from "./weights";

export type PreviewRow = { id: string; key: string; tier: string; score: number; position: number; was: number | null };

/**
 * The first 15 items under the given weights, each with its place under the saved weights, so
 * the settings page shows what a change would move. Nothing is stored.
 */
export async function previewRankingWeights(db: Db, ctx: OrgContext, projectId: string, weights: unknown): Promise<PreviewRow[]> {
  assertCan(ctx.role, "ranking:tune");
  const candidate = parseInput(rankingWeightsSchema, weights);
  // Prepared once per project version (cached); ranking twice under different weights is a few milliseconds.
  const [prepared, storedWeights] = await Promise.all([preparedRankingFor(db, ctx, projectId), projectWeights(db, ctx, projectId)]);
  const next = rankPrepared(prepared, candidate, { limit: 15 });
  const saved = rankPrepared(prepared, storedWeights, { limit: 500 });
  const before = new Map(saved.items.map((i) => [i.id, i.position]));
  return next.items.map((i) => ({ id: i.id, key: i.key, tier: i.tier, score: i.score, position: i.position, was: before.get(i.id) ?? null }));
}
