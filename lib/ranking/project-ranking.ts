import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/inventory/items";
import { rankingQuerySchema, type RankingQuery } from "./api-schemas";
import { prepareRanking } from "./prepare";
import { rankPrepared } from "./rank";
import type { RankItemInput, RankRelationInput } from "./types";
import { mergeWeights, rankingWeightsPatchSchema, type RankingWeights } from "./weights";

type ItemRowSql = {
  id: string; kind: ItemKind; key: string; status: PortStatus; readiness: Readiness | null; trafficPerDay: number; complexity: number;
  size: number | null; testCoverage: number | null; ownerTeamId: string | null; ownerUserId: string | null; holder: string | null;
};

/**
 * Everything the ranking reads for one project, in three queries: its live items (with the
 * holder of any active claim), their relations, and its stored weights. Raw SQL with only the
 * needed columns: at 60,000 items this is most of the cost of a ranking.
 */
export async function loadRankingInputs(db: Db, ctx: OrgContext, projectId: string) {
  const project = await projectInScope(db, ctx, projectId);
  const [items, relations, settings] = await Promise.all([
    db.$queryRaw<ItemRowSql[]>`
      SELECT i.id, i.kind, i.key, i.status, i.readiness, i."trafficPerDay", i.complexity, i.size, i."testCoverage",
             i."ownerTeamId", i."ownerUserId", u.name AS holder
      FROM "Item" i
      LEFT JOIN "Claim" c ON c."activeItemId" = i.id
      LEFT JOIN "User" u ON u.id = c."holderId"
      WHERE i."projectId" = ${projectId} AND i."organizationId" = ${project.organizationId} AND i."deletedAt" IS NULL`,
    db.$queryRaw<RankRelationInput[]>`
      SELECT "fromId", "toId" FROM "ItemRelation" WHERE "projectId" = ${projectId} AND "organizationId" = ${project.organizationId}`,
    db.project.findFirstOrThrow({ where: { id: projectId, organizationId: project.organizationId }, select: { rankingWeights: true } }),
  ]);
  const inputs: RankItemInput[] = items.map(({ holder, ...i }) => ({ ...i, claimedBy: holder }));
  return { inputs, relations, storedWeights: storedWeights(settings.rankingWeights) };
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
    const team = await db.team.findFirst({ where: { id: query.team, organizationId: ctx.organizationId }, select: { id: true, members: { select: { userId: true } } } });
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
  const { inputs, relations, storedWeights } = await loadRankingInputs(db, ctx, projectId);
  const include = await itemFilter(db, ctx, query);
  const prepared = prepareRanking(inputs, relations);
  const weights = options.weights ?? storedWeights;
  return { ...rankPrepared(prepared, weights, { limit: query.limit, include }), query, customWeights: Object.keys(storedWeights).length > 0, defaults: mergeWeights({}) };
}
