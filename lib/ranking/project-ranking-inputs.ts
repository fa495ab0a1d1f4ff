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
 * 230 ms; so each set comes back as one delimited text (90 ms), split here. Risk read from code
 * (issue 22) comes in a third, small read over the code readings only: joined to every item, its
 * expressions cost the items' read 10–20 ms in a project that has none.
 */
export async function loadRankingInputs(db: Db, project: { id: string; organizationId: string }) {
  const projectId = project.id;
  const [[items], [relations], [fromCode]] = await Promise.all([
    db.$queryRaw<{ text: string | null }[]>`
      SELECT string_agg(concat_ws(${US}, i.id, i.kind, i.key, i.status, COALESCE(i.readiness::text, ''), i."trafficPerDay", i.complexity,
             COALESCE(i.size::text, ''), COALESCE(i."testCoverage"::text, ''), COALESCE(i."ownerTeamId", ''), COALESCE(i."ownerUserId", ''),
             COALESCE(u.name, ''), COALESCE(c."holderId", '')), ${RS}) AS text
      FROM "Item" i
      LEFT JOIN "Claim" c ON c."activeItemId" = i.id
      LEFT JOIN "User" u ON u.id = c."holderId"
      WHERE i."projectId" = ${projectId} AND i."organizationId" = ${project.organizationId} AND i."deletedAt" IS NULL`,
    db.$queryRaw<{ text: string | null }[]>`
      SELECT string_agg("fromId" || ' ' || "toId", ' ') AS text
      FROM "ItemRelation" WHERE "projectId" = ${projectId} AND "organizationId" = ${project.organizationId}`,
    // Risk read from code stands in where people have not set it: complexity still at its default
    // with no history of a change, coverage unknown. Only the readings that carry such a figure.
    db.$queryRaw<{ text: string | null }[]>`
      SELECT string_agg(concat_ws(${US}, ic."itemId", CASE WHEN x.complexity THEN ic."codeComplexity"::text ELSE '' END,
             CASE WHEN x.tests THEN ic."codeTestCoverage"::text ELSE '' END), ${RS}) AS text
      FROM "ItemCode" ic
      JOIN "Item" i ON i.id = ic."itemId" AND i."organizationId" = ic."organizationId" AND i."deletedAt" IS NULL
      CROSS JOIN LATERAL (
        SELECT
          ic."codeComplexity" IS NOT NULL AND i.complexity = 3
            AND NOT EXISTS (SELECT 1 FROM "ItemChange" h WHERE h."itemId" = i.id AND h.field = 'complexity') AS complexity,
          ic."codeTestCoverage" IS NOT NULL AND i."testCoverage" IS NULL AS tests
      ) x
      WHERE ic."projectId" = ${projectId} AND ic."organizationId" = ${project.organizationId}
        AND (ic."codeComplexity" IS NOT NULL OR ic."codeTestCoverage" IS NOT NULL) AND (x.complexity OR x.tests)`,
  ]);
  const code = new Map<string, { complexity: number | null; tests: number | null }>();
  if (fromCode.text)
    for (const line of fromCode.text.split(RS)) {
      const [id, complexity, tests] = line.split(US);
      code.set(id, { complexity: nullableInt(complexity), tests: nullableInt(tests) });
    }
  const inputs: RankItemInput[] = items.text
    ? items.text.split(RS).map((line) => {
        const [id, kind, key, status, readiness, traffic, complexity, size, coverage, team, user, holder, holderId] = line.split(US);
        const read = code.get(id);
        return {
          id,
          kind: kind as ItemKind,
          key,
          status: status as PortStatus,
          readiness: nullable(readiness) as Readiness | null,
          trafficPerDay: Number(traffic),
          complexity: read?.complexity ?? Number(complexity),
          size: nullableInt(size),
          testCoverage: read?.tests ?? nullableInt(coverage),
          ownerTeamId: nullable(team),
          ownerUserId: nullable(user),
          claimedBy: nullable(holder),
          claimedById: nullable(holderId),
          fromCode: read ? { complexity: read.complexity !== null, tests: read.tests !== null } : null,
        };
      })
    : [];
  const ids = relations.text ? relations.text.split(" ") : [];
  const pairs: RankRelationInput[] = [];
  for (let k = 0; k + 1 < ids.length; k += 2) pairs.push({ fromId: ids[k], toId: ids[k + 1] });
  return { inputs, relations: pairs };
}
