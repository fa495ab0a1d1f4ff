/**
 * Tells each moved route's owner (and the project's Slack and webhooks) that its traffic moved:
 * `route.rolled_back` when it went back to legacy, `route.switched` otherwise. One event per route
 * and move (the switch's instant and target are the state), in the switch's transaction.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath } from "@/lib/projects/paths";
import { stateLabel, stateText, type TrafficState } from "./states";

type Tx = Prisma.TransactionClient;

export async function notifyRouteMoves(
  tx: Tx,
  actorId: string | null,
  project: { id: string; organizationId: string },
  routes: { id: string; key: string; servedBy: string; canaryPercent: number | null }[],
  to: TrafficState,
  at: Date,
  reason: string,
) {
  if (routes.length === 0) return;
  const owners = await tx.item.findMany({
    where: { id: { in: routes.map((r) => r.id) }, organizationId: project.organizationId, projectId: project.id },
    select: { id: true, ownerUserId: true },
  });
  const ownerOf = new Map(owners.map((o) => [o.id, o.ownerUserId] as const));
  const names = await tx.project.findFirst({
    where: { id: project.id, organizationId: project.organizationId },
    select: { slug: true, organization: { select: { slug: true } } },
  });
  const rollback = to.servedBy === "LEGACY";
  for (const route of routes) {
    const owner = ownerOf.get(route.id);
    await notifyEvent(tx, {
      organizationId: project.organizationId,
      projectId: project.id,
      event: rollback ? "route.rolled_back" : "route.switched",
      subjectId: route.id,
      state: `${stateLabel(to)}@${at.toISOString()}`,
      recipients: owner && owner !== actorId ? [owner] : [],
      title: rollback ? `${route.key} was rolled back to legacy` : `${route.key} now goes to ${stateText(to)}`,
      body: reason,
      link: names ? itemPath(names.organization.slug, names.slug, route.id) : null,
    });
  }
}
