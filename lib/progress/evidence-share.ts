/**
 * "Verified by evidence": of the routes in scope (all but won't port), how many are Verified and
 * backed by current evidence — of the latest completed result of each of their checks (kind,
 * name, profile), none is an unexpired failure and at least one is an unexpired success. Simpler
 * than the project's gate (which may ask for particular checks) and said so where it is shown.
 * Counted over EvidenceCheck (the latest result per check, kept by lib/evidence/records.ts).
 */
import type { Db } from "@/lib/db/client";
import * as clock from "@/lib/time/clock";

export const VERIFIED_BY_EVIDENCE_HELP =
  "Verified routes whose evidence backs it now: of the latest completed result of each check (kind, name, profile), none is a failure and at least one is a success, expired results not counting. Out of the routes in scope (all but won't port).";

export async function verifiedByEvidence(db: Db, scope: { organizationId: string; projectId: string }, now: Date = clock.now()) {
  const { organizationId, projectId } = scope;
  const routes = { organizationId, projectId, kind: "ROUTE" as const, deletedAt: null };
  const current = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [inScope, verified, backed] = await Promise.all([
    db.item.count({ where: { ...routes, status: { not: "WONT_PORT" } } }),
    db.item.count({ where: { ...routes, status: "VERIFIED" } }),
    db.item.count({
      where: {
        ...routes,
        status: "VERIFIED",
        AND: [
          { evidenceChecks: { some: { organizationId, conclusion: "success", ...current } } },
          { evidenceChecks: { none: { organizationId, conclusion: "failure", ...current } } },
        ],
      },
    }),
  ]);
  return { scope: inScope, verified, backed };
}
