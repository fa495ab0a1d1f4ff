import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { listActiveClaims } from "@/lib/claims/queries";
import { isFinished } from "@/lib/inventory/item-state";
import { projectRanking } from "@/lib/ranking/project-ranking";
import type { AgendaState } from "./agenda";
import { dateColumnDay } from "@/lib/time/days";

const OPEN = ["NOT_STARTED", "IN_PROGRESS"] as const;
const day = dateColumnDay;

/**
 * What the agenda of a meeting on `date` is proposed from: the project as it is now, and what
 * happened since the previous meeting (`since`, null for the first one).
 */
export async function loadAgendaState(db: Db, ctx: OrgContext, projectId: string, date: Date, since: Date | null): Promise<AgendaState> {
  const scope = { projectId, organizationId: ctx.organizationId };
  const [ranking, claims, blocked, proposedDecisions, questions, overdue] = await Promise.all([
    projectRanking(db, ctx, projectId, { limit: 50 }),
    listActiveClaims(db, ctx, projectId),
    db.item.findMany({
      where: { ...scope, deletedAt: null, blockerCount: { gt: 0 }, status: { in: [...OPEN] } },
      orderBy: [{ trafficPerDay: "desc" }, { key: "asc" }],
      take: 10,
      select: {
        id: true,
        key: true,
        kind: true,
        trafficPerDay: true,
        uses: { where: { to: { deletedAt: null } }, select: { to: { select: { id: true, key: true, kind: true, status: true, readiness: true } } } },
      },
    }),
    db.decision.findMany({ where: { ...scope, status: "PROPOSED" }, orderBy: { number: "asc" }, select: { id: true, title: true, createdAt: true } }),
    db.officeHourSignup.findMany({
      where: {
        organizationId: ctx.organizationId,
        slot: { projectId },
        cancelledAt: null,
        answeredAt: null,
        raisedAt: { not: null, ...(since ? { gt: since } : {}) },
      },
      orderBy: [{ sessionDate: "asc" }, { createdAt: "asc" }],
      select: { id: true, topic: true, itemId: true, sessionDate: true, user: { select: { name: true } } },
    }),
    db.actionItem.findMany({
      where: { ...scope, doneAt: null, dueDate: { lt: date } },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      select: { id: true, text: true, dueDate: true, itemIds: true, owner: { select: { name: true } } },
    }),
  ]);
  const questionItems = await db.item.findMany({
    where: { ...scope, id: { in: questions.map((q) => q.itemId).filter((id): id is string => id !== null) } },
    select: { id: true, key: true },
  });
  const itemKey = new Map(questionItems.map((i) => [i.id, i.key]));
  return {
    targets: ranking.items.map((i) => ({
      id: i.id,
      key: i.key,
      kind: i.kind,
      tier: i.tier,
      reasons: i.reasons,
      claimedBy: i.claimedBy,
      position: i.position,
      trafficShare: i.trafficShare,
    })),
    staleClaims: claims
      .filter((c) => c.staleness.stale)
      .map((c) => ({ itemId: c.item.id, itemKey: c.item.key, holderName: c.holder.name, reasons: c.staleness.reasons })),
    blocked: blocked.map((b) => ({
      id: b.id,
      key: b.key,
      kind: b.kind,
      trafficPerDay: b.trafficPerDay,
      blockedBy: b.uses
        .map((u) => u.to)
        .filter((t) => !isFinished(t))
        .map(({ id, key, kind }) => ({ id, key, kind })),
    })),
    proposedDecisions,
    questions: questions.map((q) => ({
      id: q.id,
      topic: q.topic,
      askedBy: q.user.name,
      itemId: q.itemId,
      itemKey: q.itemId ? (itemKey.get(q.itemId) ?? null) : null,
      sessionDate: day(q.sessionDate),
    })),
    overdueActions: overdue.map((a) => ({ id: a.id, text: a.text, ownerName: a.owner?.name ?? null, dueDate: day(a.dueDate!), itemIds: a.itemIds })),
  };
}
