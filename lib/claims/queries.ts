import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { isFinished } from "@/lib/inventory/item-state";
import { claimStaleness } from "./stale";
import { nextStep } from "./next-step";
import * as clock from "@/lib/time/clock";
import { withVisibleEmail } from "@/lib/members/privacy";

export type ActiveClaim = Awaited<ReturnType<typeof listActiveClaims>>[number];

/**
 * The project's active claims (or one member's), oldest first, each with its staleness and the
 * holder's next step. Bounded by the per-person limit times the members, so no pagination.
 */
export async function listActiveClaims(db: Db, ctx: OrgContext, projectId: string, options: { holderId?: string; now?: Date } = {}) {
  assertCan(ctx.role, "project:view");
  await projectInScope(db, ctx, projectId);
  const project = await db.project.findFirstOrThrow({ where: { id: projectId, organizationId: ctx.organizationId }, select: { staleAfterDays: true } });
  const now = options.now ?? clock.now();
  const claims = await db.claim.findMany({
    where: { projectId, organizationId: ctx.organizationId, endedAt: null, ...(options.holderId ? { holderId: options.holderId } : {}) },
    select: {
      id: true,
      startedAt: true,
      expectedFinish: true,
      handoverRequestedById: true,
      handoverRequestedAt: true,
      handoverNote: true,
      // A coding agent's lease (issue 23): shown beside the holder, with its expiry.
      agentName: true,
      agentVersion: true,
      leaseExpiresAt: true,
      progressNote: true,
      holder: { select: { id: true, name: true, email: true } },
      item: {
        select: {
          id: true,
          kind: true,
          key: true,
          status: true,
          agentReview: true,
          readiness: true,
          replacement: true,
          targetVersion: true,
          updatedAt: true,
          trafficPerDay: true,
          uses: {
            where: { to: { deletedAt: null } },
            select: { to: { select: { kind: true, key: true, status: true, readiness: true } } },
          },
        },
      },
    },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  return claims.map(({ item: { uses, ...item }, ...claim }) => {
    const blockers = uses.map((u) => u.to).filter((t) => !isFinished(t));
    return {
      ...claim,
      holder: withVisibleEmail(ctx, claim.holder),
      item,
      staleness: claimStaleness(claim, item.updatedAt, project.staleAfterDays, now),
      nextStep: nextStep(item, blockers),
    };
  });
}

/** Members who may hold a claim (everyone but viewers), for hand-over and assignment menus. */
export async function claimableMembers(db: Db, ctx: OrgContext) {
  const members = await db.membership.findMany({
    where: { organizationId: ctx.organizationId, role: { not: "VIEWER" } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return members.map((m) => m.user);
}
