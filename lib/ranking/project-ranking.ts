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

// Field and record separators of the aggregated text: control characters no imported or typed
// text contains (the import refuses them; so does the item form).
const US = "\u001f";
const RS = "\u001e";
const nullable = (v: string) => (v === "" ? null : v);
const nullableInt = (v: string) => (v === "" ? null : Number(v));

/**
 * Everything the ranking reads for one project, in three queries: its live items (with the
 * holder of any active claim), their relations, and its stored weights. At 62,000 items and
 * 115,000 relations, rows through the driver cost ~5 µs each (0.7 s on PostgreSQL), and json_agg
 * costs the database 230 ms; so each set comes back as one delimited text (90 ms), split here.
 */
export async function loadRankingInputs(db: Db, ctx: OrgContext, projectId: string) {
  const project = await projectInScope(db, ctx, projectId);
  const [[items], [relations], settings] = await Promise.all([
    db.$queryRaw<{ text: string | null }[]>`
      SELECT string_agg(concat_ws(${US}, i.id, i.kind, i.key, i.status, COALESCE(i.readiness::text, ''), i."trafficPerDay", i.complexity,
             COALESCE(i.size::text, ''), COALESCE(i."testCoverage"::text, ''), COALESCE(i."ownerTeamId", ''), COALESCE(i."ownerUserId", ''), COALESCE(u.name, '')), ${RS}) AS text
      FROM "Item" i
      LEFT JOIN "Claim" c ON c."activeItemId" = i.id
      LEFT JOIN "User" u ON u.id = c."holderId"
      WHERE i."projectId" = ${projectId} AND i."organizationId" = ${project.organizationId} AND i."deletedAt" IS NULL`,
    db.$queryRaw<{ text: string | null }[]>`
      SELECT string_agg("fromId" || ' ' || "toId", ' ') AS text
      FROM "ItemRelation" WHERE "projectId" = ${projectId} AND "organizationId" = ${project.organizationId}`,
    db.project.findFirstOrThrow({ where: { id: projectId, organizationId: project.organizationId }, select: { rankingWeights: true } }),
  ]);
  const inputs: RankItemInput[] = items.text
    ? items.text.split(RS).map((line) => {
        const [id, kind, key, status, readiness, traffic, complexity, size, coverage, team, user, holder] = line.split(US);
        return {
          id, kind: kind as ItemKind, key, status: status as PortStatus, readiness: nullable(readiness) as Readiness | null,
          trafficPerDay: Number(traffic), complexity: Number(complexity), size: nullableInt(size), testCoverage: nullableInt(coverage),
          ownerTeamId: nullable(team), ownerUserId: nullable(user), claimedBy: nullable(holder),
        };
      })
    : [];
  const ids = relations.text ? relations.text.split(" ") : [];
  const pairs: RankRelationInput[] = [];
  for (let k = 0; k + 1 < ids.length; k += 2) pairs.push({ fromId: ids[k], toId: ids[k + 1] });
  return { inputs, relations: pairs, storedWeights: storedWeights(settings.rankingWeights) };
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
