/**
 * Sends the weekly reports on each project's meeting day (its zone), from 06:00 local time: the
 * project's report to its managers and admins (inbox, e-mail as they chose, the project's Slack
 * and webhooks), and each member's own report to them when it holds anything. Through
 * notifyEvent, keyed by the day: the hourly sweep sends each report once.
 */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { publicOrigin } from "@/lib/notifications/links";
import { dayKey } from "@/lib/time/days";
import * as clock from "@/lib/time/clock";
import { renderPersonWeek, renderProjectWeek } from "./render";
import { personWeeklyReport } from "./weekly-person";
import { projectWeeklyReport } from "./weekly-project";

const SEND_FROM_HOUR = 6;

/** 0 = Monday … 6 = Sunday, and the hour, of an instant in a zone. */
function localWeekdayAndHour(now: Date, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.find((p) => p.type === "weekday")!.value);
  return { weekday, hour: Number(parts.find((p) => p.type === "hour")!.value) };
}

export async function sendWeeklyReports(db: Db): Promise<{ projects: number; personal: number }> {
  const now = clock.now();
  const projects = await db.project.findMany({
    where: { archivedAt: null },
    select: { id: true, organizationId: true, timeZone: true, meetingWeekday: true, organization: { select: { slug: true } } },
  });
  let sentProjects = 0;
  let personal = 0;
  for (const p of projects) {
    const { weekday, hour } = localWeekdayAndHour(now, p.timeZone);
    if (weekday !== p.meetingWeekday || hour < SEND_FROM_HOUR) continue;
    const today = dayKey(now, p.timeZone);
    // The reports are read as the organisation sees itself (a manager's view, no person's rights).
    const ctx: OrgContext = { organizationId: p.organizationId, organizationSlug: p.organization.slug, role: "MANAGER", userId: null, tokenProjectId: null };
    const base = publicOrigin();
    const report = await projectWeeklyReport(db, ctx, p.id, now);
    const week = renderProjectWeek(report, base);
    const managers = await db.membership.findMany({
      where: { organizationId: p.organizationId, role: { in: ["ADMIN", "MANAGER"] } },
      select: { userId: true },
    });
    const sent = await db.$transaction((tx) =>
      notifyEvent(tx, {
        organizationId: p.organizationId,
        projectId: p.id,
        event: "report.weekly",
        subjectId: p.id,
        state: today,
        recipients: managers.map((m) => m.userId),
        title: week.subject,
        body: week.text,
        link: report.project.path,
      }),
    );
    if (!sent.duplicate) sentProjects++;
    // Members with something of their own in the project: claims or open action items.
    const [holders, owners] = await Promise.all([
      db.claim.findMany({ where: { projectId: p.id, organizationId: p.organizationId, endedAt: null }, select: { holderId: true }, distinct: ["holderId"] }),
      db.actionItem.findMany({
        where: { projectId: p.id, organizationId: p.organizationId, doneAt: null, ownerId: { not: null } },
        select: { ownerId: true },
        distinct: ["ownerId"],
      }),
    ]);
    for (const userId of new Set([...holders.map((h) => h.holderId), ...owners.map((o) => o.ownerId!)])) {
      const mine = renderPersonWeek(await personWeeklyReport(db, ctx, p.id, userId, now), base);
      const r = await db.$transaction((tx) =>
        notifyEvent(tx, {
          organizationId: p.organizationId,
          projectId: p.id,
          event: "report.personal",
          subjectId: `${p.id}:${userId}`,
          state: today,
          recipients: [userId],
          title: mine.subject,
          body: mine.text,
          broadcast: false,
        }),
      );
      if (!r.duplicate) personal++;
    }
  }
  return { projects: sentProjects, personal };
}
