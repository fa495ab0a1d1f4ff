import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { projectWhere } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { newSecret, sha256 } from "@/lib/secrets";
import { calendarFeed, type FeedEvent } from "./ical";
import { sessionsBetween } from "./recurrence";
import { describeSlot, slotRule } from "./office-hours";
import * as clock from "@/lib/time/clock";
import { occurrencesBetween } from "@/lib/cutover/freeze-rules";
import { dateColumnDay } from "@/lib/time/days";

/**
 * The project's private calendar feed (office hours and stewardship meetings) for calendar
 * programs, which cannot sign in: the secret URL `/api/calendar/<token>` is the authorisation.
 * The token is 32 random bytes ("wpc_…"), stored only as its SHA-256 in Project.calendarTokenHash;
 * rotating it replaces the hash, so the old URL stops working at once.
 */

export const CALENDAR_TOKEN_PREFIX = "wpc";

const MS_PER_DAY = 86_400_000;
/** The feed's window: office hours from 4 weeks back to 26 weeks ahead, meetings from 8 weeks back on. */
export const FEED_OFFICE_HOURS_PAST_DAYS = 28;
export const FEED_OFFICE_HOURS_AHEAD_DAYS = 26 * 7;
export const FEED_MEETINGS_PAST_DAYS = 56;

/** Makes a new feed token for the project (the old one stops working); the secret is returned once. */
export async function rotateCalendarToken(db: Db, ctx: OrgContext, projectId: string): Promise<{ secret: string }> {
  assertCan(ctx.role, "stewardship:run");
  const secret = newSecret(CALENDAR_TOKEN_PREFIX);
  await db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: projectWhere(ctx, { id: projectId }), select: { id: true, slug: true, calendarTokenHash: true } });
    if (!project) throw notFound("No such project.");
    await tx.project.update({ where: { id: project.id }, data: { calendarTokenHash: sha256(secret) } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: project.calendarTokenHash ? "calendar_token.rotated" : "calendar_token.created",
      targetType: "project",
      targetId: project.id,
      data: { project: project.slug },
    });
  });
  return { secret };
}

/** The project a feed token belongs to, or null for a malformed, unknown or rotated one. */
async function projectForToken(db: Db, token: string) {
  if (typeof token !== "string" || !token.startsWith(`${CALENDAR_TOKEN_PREFIX}_`) || token.length > 200) return null;
  return db.project.findUnique({
    where: { calendarTokenHash: sha256(token) },
    select: { id: true, organizationId: true, name: true, slug: true, timeZone: true, meetingMinutes: true },
  });
}

/**
 * The iCalendar text of the token's project: office-hour sessions from 4 weeks ago to 26 weeks
 * ahead (cancelled ones as STATUS:CANCELLED), and meetings from 8 weeks ago on (each
 * Project.meetingMinutes long). Event ids are stable: "office-hour-<slotId>-<date>" (the
 * session's original local date, so a moved session updates in place) and "meeting-<id>".
 * Sign-ups (who asks what) are not in it. An unknown or rotated token → AppError not_found.
 */
export async function calendarForToken(
  db: Db,
  token: string,
  now = clock.now(),
): Promise<{ ics: string; project: { id: string; name: string; slug: string } }> {
  const project = await projectForToken(db, token);
  if (!project) throw notFound("No such calendar.");
  const scope = { projectId: project.id, organizationId: project.organizationId };
  const from = new Date(now.getTime() - FEED_OFFICE_HOURS_PAST_DAYS * MS_PER_DAY);
  const to = new Date(now.getTime() + FEED_OFFICE_HOURS_AHEAD_DAYS * MS_PER_DAY);
  const [slots, meetings] = await Promise.all([
    db.officeHourSlot.findMany({
      where: scope,
      include: {
        hosts: { select: { user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } },
        exceptions: { where: { OR: [{ date: { gte: new Date(from.getTime() - 3 * MS_PER_DAY) } }, { movedTo: { gte: from } }] } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.meeting.findMany({
      where: { ...scope, startsAt: { gte: new Date(now.getTime() - FEED_MEETINGS_PAST_DAYS * MS_PER_DAY) } },
      orderBy: { startsAt: "asc" },
      select: { id: true, startsAt: true, title: true },
    }),
  ]);

  const events: FeedEvent[] = [];
  for (const slot of slots) {
    const exceptions = slot.exceptions.map((e) => ({ date: dateColumnDay(e.date), cancelled: e.cancelled, ...(e.movedTo ? { movedTo: e.movedTo } : {}) }));
    const hosts = slot.hosts.map((h) => h.user.name).join(", ");
    for (const session of sessionsBetween(slotRule(slot), from, to, exceptions)) {
      events.push({
        id: `office-hour-${slot.id}-${session.date}`,
        start: session.start,
        end: session.end,
        title: `Office hours — ${project.name}`,
        location: slot.location,
        description: [
          `Hosted by ${hosts}.`,
          `${describeSlot(slot)}; ${slot.capacity} place${slot.capacity === 1 ? "" : "s"}.`,
          ...(session.moved ? [`Moved from its usual time on ${session.date}.`] : []),
        ].join("\n"),
        cancelled: session.cancelled,
      });
    }
  }
  for (const meeting of meetings) {
    events.push({
      id: `meeting-${meeting.id}`,
      start: meeting.startsAt,
      end: new Date(meeting.startsAt.getTime() + project.meetingMinutes * 60_000),
      title: `Stewardship meeting — ${project.name}`,
      description: meeting.title,
    });
  }
  // Freeze windows: no traffic is switched during them (the project's own and its organisation's).
  const windows = await db.freezeWindow.findMany({
    where: { organizationId: project.organizationId, deletedAt: null, OR: [{ projectId: project.id }, { projectId: null }] },
    select: { id: true, reason: true, timeZone: true, startsAt: true, endsAt: true, cron: true, durationMinutes: true },
  });
  for (const o of occurrencesBetween(windows, from, to)) {
    events.push({
      id: `freeze-${o.windowId}-${o.start.toISOString()}`,
      start: o.start,
      end: o.end,
      title: `Freeze: no cutover — ${o.reason}`,
      description: `No route of ${project.name} is switched between these times (an admin may override, with a reason). Sending routes back to legacy stays possible.`,
    });
  }
  events.sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  const ics = calendarFeed({ name: `Waypoint — ${project.name}`, timeZone: project.timeZone, events, stamp: now });
  return { ics, project: { id: project.id, name: project.name, slug: project.slug } };
}
