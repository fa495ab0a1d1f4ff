/**
 * A person's weekly report in one project: their active claims (stale ones said so), their open
 * action items (overdue first), and the office-hours sessions of the coming week they host or
 * signed up to. Data only; `render.ts` writes it.
 */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { listActiveClaims } from "@/lib/claims/queries";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { itemPath, projectPath } from "@/lib/projects/paths";
import { sessionsBetweenInstants } from "@/lib/stewardship/office-hours/sessions";
import { dayKey, dateColumnDay } from "@/lib/time/days";
import * as clock from "@/lib/time/clock";

const WEEK_MS = 7 * 86_400_000;

export type PersonWeek = Awaited<ReturnType<typeof personWeeklyReport>>;

export async function personWeeklyReport(db: Db, ctx: OrgContext, projectId: string, userId: string, now = clock.now()) {
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const today = dayKey(now, project.timeZone);
  const [person, details, claims, actions, sessions, signups] = await Promise.all([
    db.membership.findFirst({ where: { organizationId: scope.organizationId, userId }, select: { user: { select: { name: true } } } }),
    db.project.findFirstOrThrow({ where: { id: project.id, organizationId: scope.organizationId }, select: { name: true } }),
    listActiveClaims(db, ctx, project.id, { holderId: userId, now }),
    db.actionItem.findMany({
      where: { ...scope, ownerId: userId, doneAt: null },
      select: { text: true, dueDate: true },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      take: 50,
    }),
    sessionsBetweenInstants(db, ctx, project.id, now, new Date(now.getTime() + WEEK_MS)),
    db.officeHourSignup.findMany({
      where: { organizationId: scope.organizationId, userId, cancelledAt: null, slot: { projectId: project.id } },
      select: { slotId: true, sessionDate: true, topic: true },
    }),
  ]);
  const myTopic = new Map(signups.map((s) => [`${s.slotId} ${dateColumnDay(s.sessionDate)}`, s.topic]));
  return {
    person: { id: userId, name: person?.user.name ?? "" },
    project: { id: project.id, name: details.name, timeZone: project.timeZone, path: projectPath(ctx.organizationSlug, project.slug) },
    claims: claims.map((c) => ({
      key: c.item.key,
      link: itemPath(ctx.organizationSlug, project.slug, c.item.id),
      stale: c.staleness.stale,
      why: c.staleness.reasons.join("; "),
    })),
    actions: actions.map((a) => {
      const due = a.dueDate ? dateColumnDay(a.dueDate) : null;
      return { text: a.text, due, overdue: due !== null && due < today };
    }),
    officeHours: sessions
      .filter((s) => !s.cancelled && (s.hosts.some((h) => h.id === userId) || myTopic.has(`${s.slotId} ${s.date}`)))
      .map((s) => ({
        start: s.start.toISOString(),
        location: s.location,
        hosting: s.hosts.some((h) => h.id === userId),
        topic: myTopic.get(`${s.slotId} ${s.date}`) ?? null,
      })),
  };
}
