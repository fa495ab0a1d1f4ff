import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import type { RankItemInput, RankRelationInput } from "./types";

// Field and record separators of the aggregated text: control characters no imported or typed
// text contains (the import refuses them; so does the item form).
const US = "\u001f";
const RS = "\u001e";
const nullable = (v: string) => (v === "" ? null : v);
const nullableInt = (v: string) => (v === "" ? null : Number(v));

/**
 * What the ranking reads of a project (found in the caller's scope): its live items, with the
 * holder of any active claim, and their relations. At 62,000 items and 115,000 relations, rows
 * through the driver cost ~5 µs each (0.7 s on PostgreSQL), and json_agg costs the database
 * 230 ms; so each set comes back as one delimited text (90 ms), split here.
 */
export async function loadRankingInputs(db: Db, project: { id: string; organizationId: string }) {
  const projectId = project.id;
  const [[items], [relations]] = await Promise.all([
    db.$queryRaw<{ text: string | null }[]>`
      SELECT string_agg(concat_ws(${US}, i.id, i.kind, i.key, i.status, COALESCE(i.readiness::text, ''), i."trafficPerDay",
             CASE WHEN x.code_complexity THEN ic."codeComplexity" ELSE i.complexity END,
             COALESCE(i.size::text, ''), COALESCE((CASE WHEN x.code_tests THEN ic."codeTestCoverage" ELSE i."testCoverage" END)::text, ''),
             COALESCE(i."ownerTeamId", ''), COALESCE(i."ownerUserId", ''), COALESCE(u.name, ''), COALESCE(c."holderId", ''),
             CASE WHEN x.code_complexity THEN 'c' ELSE '' END || CASE WHEN x.code_tests THEN 't' ELSE '' END), ${RS}) AS text
      FROM "Item" i
      LEFT JOIN "Claim" c ON c."activeItemId" = i.id
      LEFT JOIN "User" u ON u.id = c."holderId"
      -- Only the code readings that carry a risk figure: a scanned project has a row for every route.
      LEFT JOIN "ItemCode" ic ON ic."itemId" = i.id AND ic."organizationId" = i."organizationId"
        AND (ic."codeComplexity" IS NOT NULL OR ic."codeTestCoverage" IS NOT NULL)
      -- Risk read from code (issue 22) stands in where people have not set it: complexity still at
      -- its default with no history of a change, coverage unknown.
      CROSS JOIN LATERAL (
        SELECT
          ic."codeComplexity" IS NOT NULL AND i.complexity = 3
            AND NOT EXISTS (SELECT 1 FROM "ItemChange" h WHERE h."itemId" = i.id AND h.field = 'complexity') AS code_complexity,
          ic."codeTestCoverage" IS NOT NULL AND i."testCoverage" IS NULL AS code_tests
      ) x
      WHERE i."projectId" = ${projectId} AND i."organizationId" = ${project.organizationId} AND i."deletedAt" IS NULL`,
    db.$queryRaw<{ text: string | null }[]>`
      SELECT string_agg("fromId" || ' ' || "toId", ' ') AS text
      FROM "ItemRelation" WHERE "projectId" = ${projectId} AND "organizationId" = ${project.organizationId}`,
  ]);
  const inputs: RankItemInput[] = items.text
    ? items.text.split(RS).map((line) => {
        const [id, kind, key, status, readiness, traffic, complexity, size, coverage, team, user, holder, holderId, code] = line.split(US);
        return {
          id,
          kind: kind as ItemKind,
          key,
          status: status as PortStatus,
          readiness: nullable(readiness) as Readiness | null,
          trafficPerDay: Number(traffic),
          complexity: Number(complexity),
          size: nullableInt(size),
          testCoverage: nullableInt(coverage),
          ownerTeamId: nullable(team),
          ownerUserId: nullable(user),
          claimedBy: nullable(holder),
          claimedById: nullable(holderId),
          fromCode: code ? { complexity: code.includes("c"), tests: code.includes("t") } : null,
        };
      })
    : [];
  const ids = relations.text ? relations.text.split(" ") : [];
  const pairs: RankRelationInput[] = [];
  for (let k = 0; k + 1 < ids.length; k += 2) pairs.push({ fromId: ids[k], toId: ids[k + 1] });
  return { inputs, relations: pairs };
}
