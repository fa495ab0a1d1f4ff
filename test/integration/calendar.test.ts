import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { sha256 } from "@/lib/secrets";
import { calendarForToken, rotateCalendarToken } from "@/lib/stewardship/calendar";
import { cancelSession, createSlot, upcomingSessions } from "@/lib/stewardship/office-hours";

const route = await import("@/app/api/calendar/[token]/route");

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function get(token: string) {
  const response = await route.GET(new Request(`http://localhost/api/calendar/${token}`), { params: Promise.resolve({ token }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The ICS text with folded lines joined back (RFC 5545 folds at 75 octets). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx, { name: "Billing port" });
  const ann = await newMember(db, admin.organization.id, "STEWARD", "Ann");
  const slot = await createSlot(db, admin.ctx, project.id, {
    weekday: 1,
    startTime: "10:00",
    durationMinutes: 60,
    timeZone: "Europe/Berlin",
    startsOn: day(Date.now() - 60 * DAY),
    capacity: 4,
    location: "Room 4.12",
    hosts: [ann.user.id],
  });
  const meeting = await db.meeting.create({
    data: {
      organizationId: admin.organization.id,
      projectId: project.id,
      date: new Date(`${day(Date.now() + 3 * DAY)}T00:00:00Z`),
      startsAt: new Date(`${day(Date.now() + 3 * DAY)}T09:00:00Z`),
      title: "Weekly stewardship",
    },
  });
  return { db, ...admin, project, pid: project.id, ann, slot, meeting };
}

describe("the calendar feed", () => {
  test("rotating returns a secret once; the feed has the sessions (cancelled ones marked) and the meetings", async () => {
    const { db, ctx, pid, slot, meeting, ann } = await setup();
    const { secret } = await rotateCalendarToken(db, ctx, pid);
    expect(secret).toMatch(/^wpc_[A-Za-z0-9_-]{43}$/);
    const stored = await db.project.findUniqueOrThrow({ where: { id: pid }, select: { calendarTokenHash: true } });
    expect(stored.calendarTokenHash).toBe(sha256(secret));
    expect(await db.auditEvent.count({ where: { targetId: pid, action: "calendar_token.created" } })).toBe(1);

    const [next] = await upcomingSessions(db, ctx, pid, { weeks: 2 });
    await cancelSession(db, ctx, pid, slot.id, { date: next.date });
    const { ics } = await calendarForToken(db, secret);
    const text = unfold(ics);
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain("X-WR-TIMEZONE:UTC");
    // Sessions from 4 weeks back to 26 ahead: about 30 Tuesdays.
    const sessions = text.match(/UID:office-hour-[^\r\n]+/g) ?? [];
    expect(sessions.length).toBeGreaterThanOrEqual(29);
    expect(sessions.length).toBeLessThanOrEqual(31);
    expect(text).toContain(`UID:office-hour-${slot.id}-${next.date}@waypoint`);
    expect(text).toContain("SUMMARY:Office hours — Billing port");
    expect(text).toContain("LOCATION:Room 4.12");
    expect(text).toContain("Hosted by Ann.");
    const cancelled = text.split("BEGIN:VEVENT").find((e) => e.includes(`office-hour-${slot.id}-${next.date}@`))!;
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain("SUMMARY:Cancelled: Office hours — Billing port");
    expect(cancelled).toContain(`DTSTART:${next.start.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`);
    const meetingEvent = text.split("BEGIN:VEVENT").find((e) => e.includes(`UID:meeting-${meeting.id}@waypoint`))!;
    expect(meetingEvent).toContain("SUMMARY:Stewardship meeting — Billing port");
    // Project.meetingMinutes (30 by default) long.
    expect(meetingEvent).toMatch(/DTSTART:\d{8}T090000Z/);
    expect(meetingEvent).toMatch(/DTEND:\d{8}T093000Z/);
    // Who signed up for what is not in it.
    expect(text).not.toContain(ann.user.email);
  });

  test("old meetings beyond 8 weeks are left out; a rotated token stops working; others' data never shows", async () => {
    const { db, ctx, pid, organization, slot } = await setup();
    await db.meeting.create({
      data: {
        organizationId: organization.id,
        projectId: pid,
        date: new Date(`${day(Date.now() - 70 * DAY)}T00:00:00Z`),
        startsAt: new Date(Date.now() - 70 * DAY),
        title: "Long ago",
      },
    });
    const recent = await db.meeting.create({
      data: {
        organizationId: organization.id,
        projectId: pid,
        date: new Date(`${day(Date.now() - 20 * DAY)}T00:00:00Z`),
        startsAt: new Date(Date.now() - 20 * DAY),
        title: "Recent",
      },
    });
    // Another project of the same organisation, and another organisation's project.
    const sibling = await newProject(db, ctx, { name: "Sibling project" });
    const siblingSlot = await createSlot(db, ctx, sibling.id, {
      weekday: 3,
      startTime: "15:00",
      durationMinutes: 30,
      timeZone: "UTC",
      startsOn: day(Date.now()),
      capacity: 2,
      location: "Sibling room",
      hosts: [ctx.userId!],
    });
    const siblingMeeting = await db.meeting.create({
      data: {
        organizationId: organization.id,
        projectId: sibling.id,
        date: new Date(`${day(Date.now() + DAY)}T00:00:00Z`),
        startsAt: new Date(Date.now() + DAY),
        title: "Sibling",
      },
    });
    const b = await newAdmin(db, "Bea");
    const bProject = await newProject(db, b.ctx, { name: "Bea's project" });
    const bToken = (await rotateCalendarToken(db, b.ctx, bProject.id)).secret;

    const first = (await rotateCalendarToken(db, ctx, pid)).secret;
    const second = (await rotateCalendarToken(db, ctx, pid)).secret;
    expect(second).not.toBe(first);
    expect(await codeOf(calendarForToken(db, first))).toBe("not_found");
    expect(await db.auditEvent.count({ where: { targetId: pid, action: "calendar_token.rotated" } })).toBe(1);

    const text = unfold((await calendarForToken(db, second)).ics);
    expect(text).toContain(`UID:meeting-${recent.id}@waypoint`);
    expect(text).not.toContain("Long ago");
    expect(text).toContain(`office-hour-${slot.id}-`);
    expect(text).not.toContain(siblingSlot.id);
    expect(text).not.toContain(siblingMeeting.id);
    expect(text).not.toContain("Sibling");
    const bText = unfold((await calendarForToken(db, bToken)).ics);
    expect(bText).not.toContain(slot.id);
    expect(bText).not.toContain("Billing port");

    // Only stewards and up make links; another tenant cannot rotate ours.
    const engineer = await newMember(db, organization.id, "ENGINEER");
    expect(await codeOf(rotateCalendarToken(db, engineer.ctx, pid))).toBe("forbidden");
    expect(await codeOf(rotateCalendarToken(db, b.ctx, pid))).toBe("not_found");
    expect(await codeOf(calendarForToken(db, second))).toBe("ok");
    expect(await codeOf(calendarForToken(db, "wpc_nope"))).toBe("not_found");
    expect(await codeOf(calendarForToken(db, ""))).toBe("not_found");
    expect(await codeOf(calendarForToken(db, sha256(second)))).toBe("not_found");
  });

  test("the route answers 200 text/calendar (also with .ics), and 404 plain text for an unknown or rotated token", async () => {
    const { db, ctx, pid, slot } = await setup();
    const { secret } = await rotateCalendarToken(db, ctx, pid);
    const ok = await get(secret);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(ok.headers.get("cache-control")).toBe("private, max-age=300");
    expect(unfold(ok.text)).toContain(`office-hour-${slot.id}-`);
    expect((await get(`${secret}.ics`)).status).toBe(200);

    const bad = await get("wpc_unknown");
    expect(bad.status).toBe(404);
    expect(bad.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(bad.text).toContain("No such calendar");
    await rotateCalendarToken(db, ctx, pid);
    expect((await get(secret)).status).toBe(404);
  });
});
