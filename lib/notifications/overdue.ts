/**
 * The sweep for action items past their due date (the hourly `notifications.sweep` job): one
 * `action_item.overdue` event per item and due date — the dedupe key carries the due date, so the
 * hourly run sends nothing new, and a new due date that also passes is a new message.
 */
import type { Db } from "@/lib/db/client";
import { projectPath } from "@/lib/projects/paths";
import { dateColumnDay, dayKey } from "@/lib/time/days";
import * as clock from "@/lib/time/clock";
import { notifyInBatches, type EventInput } from "./notify-event";

export async function sweepOverdueActionItems(db: Db): Promise<{ notified: number }> {
  const now = clock.now();
  // Any zone's today is at most 14 hours ahead of UTC's: the candidates are due before tomorrow (UTC).
  const candidates = await db.actionItem.findMany({
    where: { doneAt: null, ownerId: { not: null }, dueDate: { lt: new Date(now.getTime() + 86_400_000) } },
    select: {
      id: true,
      organizationId: true,
      projectId: true,
      meetingId: true,
      text: true,
      ownerId: true,
      dueDate: true,
      project: { select: { slug: true, timeZone: true, organization: { select: { slug: true } } } },
    },
    take: 5000,
  });
  const events: EventInput[] = [];
  for (const a of candidates) {
    if (!a.dueDate || !a.ownerId) continue;
    const due = dateColumnDay(a.dueDate);
    if (due >= dayKey(now, a.project.timeZone)) continue;
    events.push({
      organizationId: a.organizationId,
      projectId: a.projectId,
      event: "action_item.overdue",
      subjectId: a.id,
      state: due,
      recipients: [a.ownerId!],
      title: `Action item overdue (due ${due}): ${a.text.slice(0, 200)}`,
      link: `${projectPath(a.project.organization.slug, a.project.slug)}/stewardship/meetings/${encodeURIComponent(a.meetingId)}`,
    });
  }
  return { notified: await notifyInBatches(db, events) };
}
