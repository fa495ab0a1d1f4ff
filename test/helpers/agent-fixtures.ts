/**
 * Coding agents' work written straight into the database (issue 23), as the MCP tools leave it:
 * a lease (a claim held for the token's owner, marked as an agent's) and a submission (the lease
 * ended SUBMITTED, the item Ported and awaiting a person's confirmation). Tests of the review, the
 * lease expiry and the progress figures use these instead of driving the MCP server.
 */
import type { Db } from "@/lib/db/client";
import { writeHistory } from "@/lib/inventory/history";
import { holderRef } from "@/lib/claims/claims";
import * as clock from "@/lib/time/clock";

const HOUR = 3_600_000;

type Where = { organizationId: string; projectId: string; itemId: string; holderId: string };
type Agent = { tokenId?: string; agentName?: string; agentVersion?: string };

/** An active agent lease on the item for its owner, ending at `leaseExpiresAt` (default two hours from now). */
export async function createLease(db: Db, where: Where, options: Agent & { startedAt?: Date; leaseExpiresAt?: Date; progressNote?: string } = {}) {
  const startedAt = options.startedAt ?? clock.now();
  return db.$transaction(async (tx) => {
    const claim = await tx.claim.create({
      data: {
        organizationId: where.organizationId,
        projectId: where.projectId,
        itemId: where.itemId,
        activeItemId: where.itemId,
        holderId: where.holderId,
        startedAt,
        expectedFinish: new Date(startedAt.getTime() + 14 * 24 * HOUR),
        agentTokenId: options.tokenId ?? "agent-token-test",
        agentName: options.agentName ?? "claude-code",
        agentVersion: options.agentVersion ?? "2.1.0",
        leaseExpiresAt: options.leaseExpiresAt ?? new Date(startedAt.getTime() + 2 * HOUR),
        progressNote: options.progressNote ?? null,
        progressAt: options.progressNote ? startedAt : null,
      },
    });
    await writeHistory(tx, { organizationId: where.organizationId, projectId: where.projectId, actorId: where.holderId, at: startedAt }, [
      { itemId: where.itemId, field: "claim", fromValue: null, toValue: holderRef(where.holderId) },
    ]);
    return claim;
  });
}

/**
 * What an agent's submit leaves: its lease (made here if it has none) ended SUBMITTED, the item
 * Ported with agentReview AWAITING (with its history rows), and the submission awaiting an answer.
 */
export async function createSubmission(
  db: Db,
  where: Where,
  options: Agent & { claimedAt?: Date; submittedAt?: Date; prUrl?: string; commitSha?: string; notes?: string } = {},
) {
  const submittedAt = options.submittedAt ?? clock.now();
  const claimedAt = options.claimedAt ?? new Date(submittedAt.getTime() - HOUR);
  const existing = await db.claim.findUnique({ where: { activeItemId: where.itemId } });
  const lease = existing ?? (await createLease(db, where, { ...options, startedAt: claimedAt }));
  return db.$transaction(async (tx) => {
    const item = await tx.item.findUniqueOrThrow({ where: { id: where.itemId }, select: { status: true } });
    await tx.claim.update({ where: { id: lease.id }, data: { activeItemId: null, endedAt: submittedAt, endReason: "SUBMITTED", endedById: where.holderId } });
    await tx.item.update({ where: { id: where.itemId }, data: { status: "PORTED", agentReview: "AWAITING" } });
    await writeHistory(tx, { organizationId: where.organizationId, projectId: where.projectId, actorId: where.holderId, at: submittedAt }, [
      { itemId: where.itemId, field: "claim", fromValue: holderRef(where.holderId), toValue: null },
      { itemId: where.itemId, field: "status", fromValue: item.status, toValue: "PORTED" },
      { itemId: where.itemId, field: "agentReview", fromValue: null, toValue: "AWAITING" },
    ]);
    return tx.agentSubmission.create({
      data: {
        organizationId: where.organizationId,
        projectId: where.projectId,
        itemId: where.itemId,
        claimId: lease.id,
        tokenId: lease.agentTokenId,
        holderId: where.holderId,
        agentName: lease.agentName ?? "claude-code",
        agentVersion: lease.agentVersion ?? "2.1.0",
        claimedAt: lease.startedAt,
        submittedAt,
        prUrl: options.prUrl ?? "https://git.example.com/shop/pull/1",
        commitSha: options.commitSha ?? "0123456789abcdef0123456789abcdef01234567",
        notes: options.notes ?? "Ported with the shared serializer.",
      },
    });
  });
}
