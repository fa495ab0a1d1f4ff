/**
 * The item page's Evidence section: the item's evidence (latest per check, each gate's standing,
 * history — `itemEvidence`), the gates' requirements in words, and which records have expired.
 */
import type { Db } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/permissions";
import { getGateConfig } from "@/lib/evidence/enforce";
import { describeRequirement, type GateName } from "@/lib/evidence/gates";
import { itemEvidence } from "@/lib/evidence/queries";
import type { Measured } from "@/lib/evidence/schemas";
import * as clock from "@/lib/time/clock";
import type { OrgContext } from "@/lib/tenancy";
import { isExpired } from "./evidence-format";

const GATES: GateName[] = ["verified", "switchToNew"];

export async function getItemEvidencePanel(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  assertCan(ctx.role, "project:view");
  // One after the other: the item's 404 (another tenant's id included) comes first.
  const evidence = await itemEvidence(db, ctx, projectId, itemId);
  const config = await getGateConfig(db, ctx, projectId);
  const now = clock.now();
  const view = <R extends { expiresAt: string | null; measured: unknown }>(r: R) => ({
    ...r,
    measured: (r.measured ?? null) as Measured | null,
    expired: isExpired(r.expiresAt, now),
  });
  return {
    item: evidence.item,
    gates: GATES.map((name) => ({
      name,
      ...evidence.gates[name],
      requirements: config[name].map((req) => describeRequirement(req, config)),
    })),
    profiles: config.profiles ?? [],
    latest: evidence.latest.map(view),
    history: evidence.history.map(view),
  };
}
export type ItemEvidencePanel = Awaited<ReturnType<typeof getItemEvidencePanel>>;
