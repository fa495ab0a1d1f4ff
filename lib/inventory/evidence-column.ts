/**
 * The inventory's evidence column: for the rows of one page, the latest result per check counted
 * ("3 ✓ / 1 ✗"). One query of EvidenceCheck (the latest result per check) for the page's items,
 * so the list's own query stays as it is.
 */
import type { Db } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/permissions";
import type { GateEvidence } from "@/lib/evidence/gates";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import type { OrgContext } from "@/lib/tenancy";
import { tallyLatest, type EvidenceTally } from "./evidence-format";

export async function evidenceTallies(db: Db, ctx: OrgContext, projectId: string, itemIds: readonly string[]): Promise<Map<string, EvidenceTally>> {
  assertCan(ctx.role, "project:view");
  const tallies = new Map<string, EvidenceTally>();
  if (itemIds.length === 0) return tallies;
  const project = await projectInScope(db, ctx, projectId);
  const checks = await db.evidenceCheck.findMany({
    where: { organizationId: project.organizationId, projectId: project.id, itemId: { in: [...new Set(itemIds)] } },
    select: { itemId: true, conclusion: true, expiresAt: true },
  });
  const byItem = new Map<string, { status: "completed"; conclusion: GateEvidence["conclusion"]; expiresAt: Date | null }[]>();
  for (const c of checks)
    byItem.set(c.itemId, [
      ...(byItem.get(c.itemId) ?? []),
      { status: "completed", conclusion: c.conclusion as GateEvidence["conclusion"], expiresAt: c.expiresAt },
    ]);
  const now = clock.now();
  for (const [itemId, latest] of byItem)
    tallies.set(
      itemId,
      tallyLatest(
        latest.map((l) => ({ ...l, conclusion: l.conclusion ?? null })),
        now,
      ),
    );
  return tallies;
}
