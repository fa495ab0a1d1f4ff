/**
 * What the hourly sweep tells people besides overdue action items: claims gone stale or about to
 * pass their expected finish (the holder), office-hours sessions in the next day (who signed up,
 * and the hosts), and freeze windows starting in the next day (the project's stewards, managers
 * and admins). One message per state — the dedupe key carries it (the claim's last activity, the
 * expected finish, the session, the window's start) — so running every hour sends nothing twice.
 */
import type { Db } from "@/lib/db/client";
import { claimStaleness } from "@/lib/claims/stale";
import { activeFreeze } from "@/lib/cutover/freeze-rules";
import { itemPath, projectPath } from "@/lib/projects/paths";
import { addDays, dayKey } from "@/lib/time/days";
import * as clock from "@/lib/time/clock";
import { zonedToUtc } from "@/lib/stewardship/recurrence";
import { notifyInBatches, type EventInput } from "./notify-event";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A claim is "expiring" this close to its expected finish. */
const EXPIRING_MS = 2 * DAY_MS;
const MAX_ROWS = 5_000;

export async function sweepClaims(db: Db): Promise<number> {
  const now = clock.now();
  const claims = await db.claim.findMany({
    // An agent's lease lasts hours and says itself when it lapses (lib/agents/expire-leases.ts).
    where: { endedAt: null, agentTokenId: null, item: { deletedAt: null } },
    select: {
      id: true,
      organizationId: true,
      projectId: true,
      holderId: true,
      startedAt: true,
      expectedFinish: true,
      item: { select: { id: true, key: true, updatedAt: true } },
      project: { select: { slug: true, staleAfterDays: true, timeZone: true, organization: { select: { slug: true } } } },
    },
    take: MAX_ROWS,
  });
  const events: EventInput[] = [];
  for (const c of claims) {
    const link = itemPath(c.project.organization.slug, c.project.slug, c.item.id);
    const base = { organizationId: c.organizationId, projectId: c.projectId, subjectId: c.id, recipients: [c.holderId], link };
    const staleness = claimStaleness(c, c.item.updatedAt, c.project.staleAfterDays, now);
    if (staleness.stale) {
      const lastActivity = new Date(Math.max(c.item.updatedAt.getTime(), c.startedAt.getTime()));
      events.push({
        ...base,
        event: "claim.stale",
        state: `stale after ${lastActivity.toISOString()}`,
        title: `Your claim on ${c.item.key} is stale: ${staleness.reasons.join("; ")}`,
        body: "Move it on, hand it over, or release it so that someone else can take it.",
      });
    } else if (c.expectedFinish.getTime() - now.getTime() <= EXPIRING_MS && c.expectedFinish.getTime() > now.getTime()) {
      events.push({
        ...base,
        event: "claim.expiring",
        state: c.expectedFinish.toISOString(),
        title: `Your claim on ${c.item.key} reaches its expected finish on ${dayKey(c.expectedFinish, c.project.timeZone)}`,
      });
    }
  }
  return notifyInBatches(db, events);
}

export async function sweepOfficeHours(db: Db): Promise<number> {
  const now = clock.now();
  // Sign-ups for sessions of the next two days (dates are local: the exact start is checked below).
  const signups = await db.officeHourSignup.findMany({
    where: { cancelledAt: null, sessionDate: { gte: new Date(now.getTime() - DAY_MS), lte: new Date(now.getTime() + 2 * DAY_MS) } },
    select: {
      id: true,
      userId: true,
      topic: true,
      organizationId: true,
      sessionDate: true,
      slot: {
        select: {
          id: true,
          projectId: true,
          startTime: true,
          timeZone: true,
          location: true,
          hosts: { select: { userId: true } },
          exceptions: { select: { date: true, cancelled: true, movedTo: true } },
          project: { select: { slug: true, organization: { select: { slug: true } } } },
        },
      },
    },
    take: MAX_ROWS,
  });
  const events: EventInput[] = [];
  for (const s of signups) {
    const exception = s.slot.exceptions.find((e) => e.date.getTime() === s.sessionDate.getTime());
    if (exception?.cancelled) continue;
    const start = exception?.movedTo ?? sessionStart(s.sessionDate, s.slot.startTime, s.slot.timeZone);
    if (!(start.getTime() > now.getTime() && start.getTime() - now.getTime() <= DAY_MS)) continue;
    const day = s.sessionDate.toISOString().slice(0, 10);
    events.push({
      organizationId: s.organizationId,
      projectId: s.slot.projectId,
      event: "office_hours.reminder",
      subjectId: s.id,
      state: day,
      recipients: [s.userId, ...s.slot.hosts.map((h) => h.userId)],
      title: `Office hours ${day} ${s.slot.startTime} (${s.slot.timeZone}), ${s.slot.location}: ${s.topic}`.slice(0, 300),
      link: `${projectPath(s.slot.project.organization.slug, s.slot.project.slug)}/stewardship/office-hours`,
      broadcast: false,
    });
  }
  return notifyInBatches(db, events);
}

export async function sweepFreezeWindows(db: Db): Promise<number> {
  const now = clock.now();
  const windows = await db.freezeWindow.findMany({
    where: { deletedAt: null },
    select: { id: true, organizationId: true, projectId: true, reason: true, timeZone: true, startsAt: true, endsAt: true, cron: true, durationMinutes: true },
    take: MAX_ROWS,
  });
  const events: EventInput[] = [];
  for (const w of windows) {
    // Its next start within a day: asked hour by hour (a window is at least that coarse).
    let upcoming: { start: Date; end: Date } | null = null;
    for (let h = 1; h <= 24 && !upcoming; h++) {
      const active = activeFreeze([w], new Date(now.getTime() + h * HOUR_MS));
      if (active && active.start.getTime() > now.getTime()) upcoming = active;
    }
    if (!upcoming) continue;
    const projects = await db.project.findMany({
      where: { organizationId: w.organizationId, archivedAt: null, ...(w.projectId ? { id: w.projectId } : {}) },
      select: { id: true, slug: true, organization: { select: { slug: true } } },
    });
    const people = await db.membership.findMany({
      where: { organizationId: w.organizationId, role: { in: ["ADMIN", "MANAGER", "STEWARD"] } },
      select: { userId: true },
    });
    for (const p of projects) {
      events.push({
        organizationId: w.organizationId,
        projectId: p.id,
        event: "freeze.starting",
        subjectId: w.id,
        state: upcoming.start.toISOString(),
        recipients: people.map((m) => m.userId),
        title:
          `Freeze from ${upcoming.start.toISOString().slice(0, 16).replace("T", " ")} UTC to ${upcoming.end.toISOString().slice(0, 16).replace("T", " ")} UTC: ${w.reason}`.slice(
            0,
            300,
          ),
        link: `${projectPath(p.organization.slug, p.slug)}/cutover`,
      });
    }
  }
  return notifyInBatches(db, events);
}

/** Open action items due tomorrow in their project's zone: their owner is reminded, once per due date. */
export async function sweepDueActionItems(db: Db): Promise<number> {
  const now = clock.now();
  const items = await db.actionItem.findMany({
    where: { doneAt: null, ownerId: { not: null }, dueDate: { gte: new Date(now.getTime() - DAY_MS), lte: new Date(now.getTime() + 3 * DAY_MS) } },
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
    take: MAX_ROWS,
  });
  const events: EventInput[] = [];
  for (const a of items) {
    const due = a.dueDate!.toISOString().slice(0, 10);
    if (due !== addDays(dayKey(now, a.project.timeZone), 1)) continue;
    events.push({
      organizationId: a.organizationId,
      projectId: a.projectId,
      event: "action_item.due",
      subjectId: a.id,
      state: due,
      recipients: [a.ownerId!],
      title: `Action item due tomorrow (${due}): ${a.text.slice(0, 200)}`,
      link: `${projectPath(a.project.organization.slug, a.project.slug)}/stewardship/meetings/${encodeURIComponent(a.meetingId)}`,
      broadcast: false,
    });
  }
  return notifyInBatches(db, events);
}

/** A session's start: its local date and time in its zone. */
function sessionStart(date: Date, time: string, timeZone: string): Date {
  return zonedToUtc(date.toISOString().slice(0, 10), time, timeZone);
}
