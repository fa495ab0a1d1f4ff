import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string; projectId: string };

const HOUR = 3_600_000;

/**
 * The demo's coding agents (issue 23): two routes an agent reported ported that await the demo
 * user's confirmation, and one confirmed, so the Review tab and the badges show something at once.
 * Each is written as a submit and a confirm leave it: the ended lease, the status and review
 * history rows, the submission.
 */
export const DEMO_AGENT_WORK = [
  {
    key: "GET /user/<int:id>/followers",
    daysAgo: 1,
    confirmed: false,
    notes: "Ported the followers list with the shared paginator; kept the legacy ?page= parameter.",
  },
  {
    key: "POST /user/<int:id>/follow",
    daysAgo: 1,
    confirmed: false,
    notes: "CSRF check and rate limit carried over; the 409 on a double follow now answers 200 as legacy did.",
  },
  {
    key: "GET /notifications/settings",
    daysAgo: 3,
    confirmed: true,
    notes: "Form rendered with the new template; the per-channel toggles map to the same columns.",
  },
] as const;

export async function seedDemoAgents(tx: Tx, scope: Scope, userId: string, itemIdOf: (key: string) => string, dayAt: (days: number, time: string) => Date) {
  const changes: Prisma.ItemChangeCreateManyInput[] = [];
  let n = 0;
  for (const work of DEMO_AGENT_WORK) {
    n++;
    const itemId = itemIdOf(`ROUTE:${work.key}`);
    const claimedAt = dayAt(work.daysAgo, "09:00");
    const submittedAt = new Date(claimedAt.getTime() + (50 + n * 7) * 60_000);
    const decidedAt = work.confirmed ? new Date(submittedAt.getTime() + 3 * HOUR) : null;
    const lease = await tx.claim.create({
      data: {
        ...scope,
        itemId,
        holderId: userId,
        startedAt: claimedAt,
        expectedFinish: new Date(claimedAt.getTime() + 14 * 24 * HOUR),
        endedAt: submittedAt,
        endReason: "SUBMITTED",
        endedById: userId,
        agentTokenId: "demo-agent-token",
        agentName: "claude-code",
        agentVersion: "2.1.0",
        leaseExpiresAt: new Date(claimedAt.getTime() + 2 * HOUR),
        progressNote: "Tests pass locally; opening the pull request.",
        progressAt: new Date(submittedAt.getTime() - 5 * 60_000),
      },
    });
    await tx.item.update({
      where: { id: itemId },
      data: { status: "PORTED", agentReview: work.confirmed ? "CONFIRMED" : "AWAITING", updatedAt: decidedAt ?? submittedAt },
    });
    const row = (field: string, fromValue: string | null, toValue: string | null, at: Date) =>
      changes.push({ ...scope, itemId, actorId: userId, field, fromValue, toValue, at });
    row("claim", null, `user:${userId}`, claimedAt);
    row("claim", `user:${userId}`, null, submittedAt);
    row("status", "NOT_STARTED", "PORTED", submittedAt);
    row("agentReview", null, "AWAITING", submittedAt);
    if (decidedAt) row("agentReview", "AWAITING", "CONFIRMED", decidedAt);
    await tx.agentSubmission.create({
      data: {
        ...scope,
        itemId,
        claimId: lease.id,
        tokenId: "demo-agent-token",
        holderId: userId,
        agentName: "claude-code",
        agentVersion: "2.1.0",
        claimedAt,
        submittedAt,
        prUrl: `https://git.example.com/demo/web/pull/${400 + n}`,
        commitSha: `${String(n).repeat(8)}${"abcdef01".repeat(4)}`,
        notes: work.notes,
        outcome: work.confirmed ? "CONFIRMED" : null,
        decidedAt,
        decidedById: work.confirmed ? userId : null,
      },
    });
  }
  await tx.itemChange.createMany({ data: changes });
}
