/**
 * The end of coding agents' leases that ran out (issue 23): a lease is a claim held for the
 * token's owner that ends at leaseExpiresAt unless a heartbeat extends it. Every minute (the
 * `agentLeaseExpiry` queue) each lapsed one is ended EXPIRED, the item is free again, its history
 * says so, and the owner is told.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { holderRef } from "@/lib/claims/claims";
import { writeHistory } from "@/lib/inventory/history";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath } from "@/lib/projects/paths";
import * as clock from "@/lib/time/clock";

/** Leases ended per run: a backlog is worked off by the next minutes' runs. */
const PER_RUN = 500;

/** Ends every agent lease past its expiry (or only a project's); the number ended. */
export async function expireLeases(db: Db, scope: { projectId?: string } = {}): Promise<number> {
  const now = clock.now();
  const where: Prisma.ClaimWhereInput = {
    endedAt: null,
    agentTokenId: { not: null },
    leaseExpiresAt: { lt: now },
    ...(scope.projectId ? { projectId: scope.projectId } : {}),
  };
  const lapsed = await db.claim.findMany({
    where,
    select: {
      id: true,
      organizationId: true,
      projectId: true,
      itemId: true,
      holderId: true,
      agentName: true,
      leaseExpiresAt: true,
      item: { select: { key: true } },
      project: { select: { slug: true, organization: { select: { slug: true } } } },
    },
    orderBy: [{ leaseExpiresAt: "asc" }, { id: "asc" }],
    take: PER_RUN,
  });
  let ended = 0;
  for (const lease of lapsed) {
    // One transaction per lease, and only if it is still lapsed: a heartbeat that came in since wins.
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.claim.updateMany({
        where: { id: lease.id, endedAt: null, leaseExpiresAt: { lt: now } },
        data: { activeItemId: null, endedAt: now, endReason: "EXPIRED", endedById: null },
      });
      if (count === 0) return false;
      await writeHistory(tx, { organizationId: lease.organizationId, projectId: lease.projectId, actorId: null, at: now }, [
        { itemId: lease.itemId, field: "claim", fromValue: holderRef(lease.holderId), toValue: null },
      ]);
      await notifyEvent(tx, {
        organizationId: lease.organizationId,
        projectId: lease.projectId,
        event: "lease.expired",
        subjectId: lease.id,
        recipients: [lease.holderId],
        title: `Your agent's lease on ${lease.item.key} expired`,
        body: `${lease.agentName ?? "The agent"} sent no heartbeat before ${lease.leaseExpiresAt!.toISOString()}; the item is free to claim again.`,
        link: itemPath(lease.project.organization.slug, lease.project.slug, lease.itemId),
      });
      return true;
    });
    if (done) ended++;
  }
  return ended;
}
