/**
 * "Verified by evidence": of the routes in scope (all but won't port), how many are Verified and
 * backed by current evidence — of the latest completed result of each of their checks (kind,
 * name, profile), none is an unexpired failure and at least one is an unexpired success. Simpler
 * than the project's gate (which may ask for particular checks) and said so where it is shown.
 * One query: the latest per check by DISTINCT ON, over the Verified routes' evidence links only.
 */
import type { Db } from "@/lib/db/client";
import * as clock from "@/lib/time/clock";

export const VERIFIED_BY_EVIDENCE_HELP =
  "Verified routes whose evidence backs it now: of the latest completed result of each check (kind, name, profile), none is a failure and at least one is a success, expired results not counting. Out of the routes in scope (all but won't port).";

export async function verifiedByEvidence(db: Db, scope: { organizationId: string; projectId: string }, now: Date = clock.now()) {
  const rows = await db.$queryRaw<{ scope: bigint; verified: bigint; backed: bigint }[]>`
    WITH latest AS (
      SELECT DISTINCT ON (l."itemId", r.kind, r.name, COALESCE(r.profile, ''))
        l."itemId", r.conclusion, (r."expiresAt" IS NOT NULL AND r."expiresAt" <= ${now}::timestamp) AS expired
      FROM "EvidenceItem" l
      JOIN "EvidenceRecord" r ON r.id = l."evidenceId" AND r."organizationId" = ${scope.organizationId}
      JOIN "Item" i ON i.id = l."itemId" AND i."organizationId" = ${scope.organizationId}
      WHERE l."organizationId" = ${scope.organizationId} AND l."projectId" = ${scope.projectId}
        AND i."projectId" = ${scope.projectId} AND i.kind = 'ROUTE' AND i.status = 'VERIFIED' AND i."deletedAt" IS NULL
        AND r.status = 'completed'
      ORDER BY l."itemId", r.kind, r.name, COALESCE(r.profile, ''), r."observedAt" DESC, r."receivedAt" DESC,
        CASE r.conclusion WHEN 'failure' THEN 3 WHEN 'inconclusive' THEN 2 WHEN 'neutral' THEN 1 ELSE 0 END DESC
    ),
    backed AS (
      SELECT "itemId" FROM latest GROUP BY "itemId"
      HAVING NOT bool_or(conclusion = 'failure' AND NOT expired) AND bool_or(conclusion = 'success' AND NOT expired)
    )
    SELECT
      (SELECT count(*) FROM "Item" WHERE "organizationId" = ${scope.organizationId} AND "projectId" = ${scope.projectId}
         AND kind = 'ROUTE' AND "deletedAt" IS NULL AND status <> 'WONT_PORT') AS scope,
      (SELECT count(*) FROM "Item" WHERE "organizationId" = ${scope.organizationId} AND "projectId" = ${scope.projectId}
         AND kind = 'ROUTE' AND "deletedAt" IS NULL AND status = 'VERIFIED') AS verified,
      (SELECT count(*) FROM backed) AS backed`;
  const row = rows[0];
  return { scope: Number(row?.scope ?? 0), verified: Number(row?.verified ?? 0), backed: Number(row?.backed ?? 0) };
}
