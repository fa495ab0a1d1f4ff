/**
 * The inventory's evidence column: for the rows of one page, the latest result per check counted
 * ("3 ✓ / 1 ✗"). One query for the page's items (the links are indexed by item), so the list's
 * own query stays as it is.
 */
import type { Db } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/permissions";
import { latestPerCheck, type GateEvidence } from "@/lib/evidence/gates";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import type { OrgContext } from "@/lib/tenancy";
import { tallyLatest, type EvidenceTally } from "./evidence-format";

/** Records read per page at most: a page's items with a long history still cost one bounded query. */
const MAX_RECORDS = 5_000;

export async function evidenceTallies(db: Db, ctx: OrgContext, projectId: string, itemIds: readonly string[]): Promise<Map<string, EvidenceTally>> {
  assertCan(ctx.role, "project:view");
  const tallies = new Map<string, EvidenceTally>();
  if (itemIds.length === 0) return tallies;
  const project = await projectInScope(db, ctx, projectId);
  const links = await db.evidenceItem.findMany({
    where: { organizationId: project.organizationId, projectId: project.id, itemId: { in: [...new Set(itemIds)] } },
    select: {
      itemId: true,
      evidence: { select: { kind: true, name: true, profile: true, status: true, conclusion: true, observedAt: true, receivedAt: true, expiresAt: true } },
    },
    orderBy: { evidence: { observedAt: "desc" } },
    take: MAX_RECORDS,
  });
  const byItem = new Map<string, GateEvidence[]>();
  for (const l of links) {
    const list = byItem.get(l.itemId) ?? [];
    list.push({
      ...l.evidence,
      kind: l.evidence.kind as GateEvidence["kind"],
      status: l.evidence.status as GateEvidence["status"],
      conclusion: l.evidence.conclusion as GateEvidence["conclusion"],
    });
    byItem.set(l.itemId, list);
  }
  const now = clock.now();
  for (const [itemId, records] of byItem) {
    tallies.set(
      itemId,
      tallyLatest(
        latestPerCheck(records).map((r) => ({ status: r.status, conclusion: r.conclusion ?? null, expiresAt: r.expiresAt ?? null })),
        now,
      ),
    );
  }
  return tallies;
}
