import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { conflict } from "@/lib/errors";
import type { TrafficState } from "./states";

type Tx = Prisma.TransactionClient;

/**
 * What a switch away from legacy needs besides the role and a free calendar: the project's
 * upstreams, so that the exported configuration can carry it out. (Going back to legacy needs
 * nothing: the way back is always open.)
 */
export async function assertSwitchAllowed(
  tx: Tx,
  ctx: OrgContext,
  project: { id: string },
  routes: { id: string; key: string }[],
  to: TrafficState,
  _override?: { reason: string },
) {
  if (to.servedBy === "LEGACY" || routes.length === 0) return;
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
}
