import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { conflict } from "@/lib/errors";
import type { TrafficState } from "./states";
import { enforceGate } from "@/lib/evidence/enforce";
import { awaitingSwitchConflict } from "@/lib/agents/awaiting";
import { stateLabel } from "./states";

type Tx = Prisma.TransactionClient;

/**
 * What a switch away from legacy needs besides the role and a free calendar: the project's
 * upstreams, so that the exported configuration can carry it out; and for a switch to new, the
 * evidence the project's gate asks for (a manager may override it with a reason, answered here to
 * be recorded on the switch). Going back to legacy needs nothing: the way back is always open.
 * `planning`: a switch scheduled for later is checked for upstreams only — its evidence may come
 * before its time, and the gate is asked when it runs.
 */
export async function assertSwitchAllowed(
  tx: Tx,
  ctx: OrgContext,
  project: { id: string; organizationId: string },
  routes: { id: string; key: string }[],
  to: TrafficState,
  options: { overrideGate?: { reason: string }; planning?: boolean } = {},
): Promise<{ gateOverride: string | null }> {
  if (to.servedBy === "LEGACY" || routes.length === 0) return { gateOverride: null };
  // An agent's "ported" is a claim until a person confirms it: no traffic goes to it before.
  const awaiting = await tx.item.findMany({
    where: { id: { in: routes.map((r) => r.id) }, organizationId: ctx.organizationId, agentReview: "AWAITING" },
    select: { key: true },
    orderBy: { key: "asc" },
  });
  if (awaiting.length > 0)
    throw awaitingSwitchConflict(
      awaiting.map((r) => r.key),
      stateLabel(to),
    );
  const settings = await tx.project.findFirstOrThrow({
    where: { id: project.id, organizationId: ctx.organizationId },
    select: { legacyUpstream: true, newUpstream: true },
  });
  if (!settings.legacyUpstream || !settings.newUpstream) {
    throw conflict(
      "Set the project's legacy and new upstreams first (Cutover → Settings): the routing configuration needs both to send traffic anywhere but legacy.",
      { fields: { newUpstream: ["Required before switching."] } },
    );
  }
  if (to.servedBy !== "NEW" || options.planning) return { gateOverride: null };
  const gateOverride = await enforceGate(
    tx,
    ctx,
    { organizationId: project.organizationId, projectId: project.id },
    "switchToNew",
    routes,
    options.overrideGate,
  );
  return { gateOverride };
}
