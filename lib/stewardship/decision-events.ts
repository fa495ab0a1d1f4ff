/**
 * Decisions reach the people named on them: proposed, accepted, superseded — one message per
 * decision and state (the notification's dedupe key), never to the person who made the change.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { projectPath } from "@/lib/projects/paths";

type Tx = Prisma.TransactionClient;
type DecisionEvent = "decision.proposed" | "decision.accepted" | "decision.superseded";

const WHAT: Record<DecisionEvent, string> = {
  "decision.proposed": "proposed",
  "decision.accepted": "accepted",
  "decision.superseded": "superseded",
};

export async function tellDecisionPeople(
  tx: Tx,
  ctx: OrgContext,
  project: { id: string; organizationId: string; slug: string },
  decisionId: string,
  event: DecisionEvent,
  extra = "",
) {
  const decision = await tx.decision.findFirstOrThrow({
    where: { id: decisionId, projectId: project.id, organizationId: project.organizationId },
    select: { number: true, title: true, people: { select: { userId: true } } },
  });
  const recipients = decision.people.map((p) => p.userId).filter((id) => id !== ctx.userId);
  await notifyEvent(tx, {
    organizationId: project.organizationId,
    projectId: project.id,
    event,
    subjectId: decisionId,
    state: event,
    recipients,
    title: `D-${decision.number} ${WHAT[event]}: ${decision.title}`.slice(0, 300),
    body: extra,
    link: `${projectPath(ctx.organizationSlug, project.slug)}/stewardship/decisions/${encodeURIComponent(decisionId)}`,
  });
}
