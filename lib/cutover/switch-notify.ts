/**
 * Tells each moved route's owner (and the project's Slack and webhooks) that its traffic moved:
 * `route.rolled_back` when it went back to legacy, `route.switched` otherwise, in the switch's
 * transaction. Up to BULK routes: one event per route and move (the switch's instant and target
 * are the state). A bulk move or a kill switch of more: one event per owner naming how many of
 * theirs moved, and one for Slack and the webhooks — never thousands of messages (nor a slow kill switch).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath, projectPath } from "@/lib/projects/paths";
import { stateLabel, stateText, type TrafficState } from "./states";

type Tx = Prisma.TransactionClient;

const BULK = 20;

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
  const event = rollback ? "route.rolled_back" : "route.switched";
  const state = `${stateLabel(to)}@${at.toISOString()}`;
  const moved = rollback ? "rolled back to legacy" : `moved to ${stateText(to)}`;
  if (routes.length > BULK) {
    const byOwner = new Map<string, number>();
    for (const r of routes) {
      const owner = ownerOf.get(r.id);
      if (owner && owner !== actorId) byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
    }
    const link = names ? `${projectPath(names.organization.slug, names.slug)}/cutover` : null;
    const base = { organizationId: project.organizationId, projectId: project.id, event, state, body: reason, link } as const;
    for (const [owner, count] of byOwner) {
      await notifyEvent(tx, {
        ...base,
        subjectId: `${project.id}:owner:${owner}`,
        recipients: [owner],
        broadcast: false,
        title: `${count} of your routes were ${moved}`,
      });
    }
    await notifyEvent(tx, { ...base, subjectId: project.id, recipients: [], title: `${routes.length} routes were ${moved}` });
    return;
  }
  for (const route of routes) {
    const owner = ownerOf.get(route.id);
    await notifyEvent(tx, {
      organizationId: project.organizationId,
      projectId: project.id,
      event,
      subjectId: route.id,
      state,
      recipients: owner && owner !== actorId ? [owner] : [],
      title: rollback ? `${route.key} was rolled back to legacy` : `${route.key} now goes to ${stateText(to)}`,
      body: reason,
      link: names ? itemPath(names.organization.slug, names.slug, route.id) : null,
    });
  }
}
