import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { rankingQuerySchema, type RankingQuery } from "./api-schemas";
import { preparedRankingFor } from "./prepared-cache";
import { rankPrepared } from "./rank";
import type { RankItemInput } from "./types";
import { mergeWeights, rankingWeightsPatchSchema, type RankingWeights } from "./weights";

/** The project's stored weights (a settings change writes no history, so they are read every time). */
export async function projectWeights(db: Db, ctx: OrgContext, projectId: string): Promise<Partial<RankingWeights>> {
  const project = await projectInScope(db, ctx, projectId);
  const row = await db.project.findFirstOrThrow({ where: { id: project.id, organizationId: project.organizationId }, select: { rankingWeights: true } });
  return storedWeights(row.rankingWeights);
}

/** The project's stored weights; anything unreadable falls back to the defaults. */
export function storedWeights(value: unknown): Partial<RankingWeights> {
  const parsed = rankingWeightsPatchSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Which items a query keeps: kind, owner, team (the team's own items and its members'). */
async function itemFilter(db: Db, ctx: OrgContext, query: RankingQuery): Promise<((item: RankItemInput) => boolean) | undefined> {
  const tests: ((item: RankItemInput) => boolean)[] = [];
  if (query.kind) tests.push((i) => i.kind === query.kind);
  if (query.owner === "none") tests.push((i) => !i.ownerTeamId && !i.ownerUserId);
  else if (query.owner?.startsWith("team:")) tests.push((i) => i.ownerTeamId === query.owner!.slice(5));
  else if (query.owner?.startsWith("user:")) tests.push((i) => i.ownerUserId === query.owner!.slice(5));
  if (query.team) {
    const team = await db.team.findFirst({
      where: { id: query.team, organizationId: ctx.organizationId },
      select: { id: true, members: { select: { userId: true } } },
    });
    if (!team) throw invalid("No such team in this organisation.", { team: ["No such team."] });
    const people = new Set(team.members.map((m) => m.userId));
    tests.push((i) => i.ownerTeamId === team.id || (i.ownerUserId !== null && people.has(i.ownerUserId)));
  }
  return tests.length ? (i) => tests.every((t) => t(i)) : undefined;
}

/**
 * The project's next targets: ranked over the whole project (positions are global), then
 * filtered, and the first `limit` explained. `weights` (a settings preview) replace the stored ones.
 */
export async function projectRanking(db: Db, ctx: OrgContext, projectId: string, rawQuery: unknown, options: { weights?: Partial<RankingWeights> } = {}) {
  assertCan(ctx.role, "project:view");
  const query = parseInput(rankingQuerySchema, rawQuery);
  const [prepared, stored, include] = await Promise.all([
    preparedRankingFor(db, ctx, projectId),
    projectWeights(db, ctx, projectId),
    itemFilter(db, ctx, query),
  ]);
  const weights = options.weights ?? stored;
  return {
    ...rankPrepared(prepared, weights, { limit: query.limit, include, startableOnly: query.view === "now", viewerId: ctx.userId }),
    query,
    customWeights: Object.keys(stored).length > 0,
    defaults: mergeWeights({}),
  };
}
