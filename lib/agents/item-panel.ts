import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { mayReviewSubmission } from "@/lib/auth/resource-rules";

/** Submissions shown on the item page, newest first. */
const SHOWN = 20;

/**
 * What the item page shows of coding agents' work on an item (issue 23): the active lease, if an
 * agent holds it (agent, expiry, last progress note), and every submission with its answer, the
 * confirmer beside the agent.
 */
export async function getItemAgentPanel(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  assertCan(ctx.role, "project:view");
  const scope = { organizationId: ctx.organizationId, projectId, itemId };
  const lease = await db.claim.findFirst({
    where: { ...scope, endedAt: null, agentTokenId: { not: null } },
    select: {
      agentName: true,
      agentVersion: true,
      leaseExpiresAt: true,
      progressNote: true,
      progressAt: true,
      startedAt: true,
      holder: { select: { id: true, name: true } },
    },
  });
  const submissions = await db.agentSubmission.findMany({
    where: scope,
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    take: SHOWN,
    select: {
      id: true,
      holderId: true,
      agentName: true,
      agentVersion: true,
      prUrl: true,
      commitSha: true,
      notes: true,
      submittedAt: true,
      outcome: true,
      decidedAt: true,
      decidedById: true,
      reviewNote: true,
    },
  });
  const ids = [...new Set(submissions.flatMap((s) => [s.holderId, s.decidedById]).filter((id): id is string => Boolean(id)))];
  const names = new Map(
    (ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]),
  );
  return {
    lease,
    submissions: submissions.map((s) => ({
      ...s,
      ownerName: names.get(s.holderId) ?? "a former member",
      decidedByName: s.decidedById ? (names.get(s.decidedById) ?? "a former member") : null,
      mayReview: s.outcome === null && mayReviewSubmission(ctx, s) && !ctx.agent,
    })),
  };
}
export type ItemAgentPanel = Awaited<ReturnType<typeof getItemAgentPanel>>;
