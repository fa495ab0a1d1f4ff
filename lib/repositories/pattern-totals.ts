/**
 * A pattern's count now: the sum, over the project's linked repositories, of each one's latest
 * point (PatternCount). A repository that was never counted adds nothing; a pattern no scan has
 * counted yet has no total (absent from the map).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string; projectId: string };

export type LatestPoint = { patternId: string; repositoryId: string; commit: string; total: number; modules: Record<string, number>; at: Date };

/** The latest point of each (pattern, linked repository). */
export async function latestPoints(db: Db | Tx, scope: Scope, patternIds: string[]): Promise<LatestPoint[]> {
  if (patternIds.length === 0) return [];
  const repositories = await db.repository.findMany({ where: { organizationId: scope.organizationId, projectId: scope.projectId }, select: { id: true } });
  if (repositories.length === 0) return [];
  // One indexed read per (pattern, repository): (patternId, at) finds the latest without reading the history.
  const out: LatestPoint[] = [];
  for (const patternId of patternIds)
    for (const repository of repositories) {
      const row = await db.patternCount.findFirst({
        where: { organizationId: scope.organizationId, projectId: scope.projectId, patternId, repositoryId: repository.id },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        select: { patternId: true, repositoryId: true, commit: true, total: true, modules: true, at: true },
      });
      if (row) out.push({ ...row, modules: (row.modules ?? {}) as Record<string, number> });
    }
  return out;
}

export async function currentTotals(db: Db | Tx, scope: Scope, patternIds: string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const p of await latestPoints(db, scope, patternIds)) totals.set(p.patternId, (totals.get(p.patternId) ?? 0) + p.total);
  return totals;
}

/** Where a pattern stands: not counted yet, above its target, at or below it, or back above after reaching it. */
export type PatternState = "not-counted" | "above-target" | "reached" | "drift";

export function patternState(pattern: { target: number; reachedAt: Date | null }, total: number | undefined): PatternState {
  if (total === undefined) return "not-counted";
  if (total <= pattern.target) return "reached";
  return pattern.reachedAt ? "drift" : "above-target";
}
