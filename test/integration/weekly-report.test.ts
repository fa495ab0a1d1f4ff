/**
 * Issue 17, the weekly report's content: per project for managers (progress and how it moved,
 * forecast then and now, switches and rollbacks, what is ahead) and per person (claims, action
 * items, office hours), written for e-mail and Slack; scoped to the tenant.
 */
import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { createItem, setItemStatus } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { switchRoute } from "@/lib/cutover/switch";
import { scheduleSwitch } from "@/lib/cutover/scheduled";
import { createActionItem, createMeeting } from "@/lib/stewardship/meetings";
import { createSlot } from "@/lib/stewardship/office-hours/slots";
import { projectWeeklyReport } from "@/lib/reports/weekly-project";
import { personWeeklyReport } from "@/lib/reports/weekly-person";
import { renderPersonWeek, renderProjectWeek } from "@/lib/reports/render";
import { sendWeeklyReports } from "@/lib/reports/send-weekly";

describe("the weekly report", () => {
  test("a project's week and a person's week, from what happened in it", async () => {
    const start = pinClock("2026-06-10T12:00:00Z"); // a Wednesday
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx, { name: "Shop <PHP> to Python" });
    const pid = project.id;
    const erin = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
    const orders = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/orders", trafficPerDay: 300 });
    const cart = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/cart", trafficPerDay: 100 });
    await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/about", trafficPerDay: 0 });
    await updateCutoverSettings(db, admin.ctx, pid, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" });
    pinClock(start.getTime() + 2 * 86_400_000);
    await setItemStatus(db, admin.ctx, pid, orders.id, { status: "PORTED" });
    await switchRoute(db, admin.ctx, pid, orders.id, { target: { to: "new" }, reason: "ported and checked" });
    await switchRoute(db, admin.ctx, pid, cart.id, { target: { to: "canary", percent: 10 }, reason: "first clients" });
    await switchRoute(db, admin.ctx, pid, cart.id, { target: { to: "legacy" }, reason: "500s on <checkout>" });
    await scheduleSwitch(db, admin.ctx, pid, { itemId: cart.id, target: { to: "shadow" }, reason: "shadow again", at: "2026-06-15T09:00:00Z" });
    await claimItem(db, erin.ctx, pid, cart.id);
    const meeting = await createMeeting(db, admin.ctx, pid, { date: "2026-06-08" });
    await createActionItem(db, admin.ctx, pid, meeting.id, { text: "Ask ops for the nginx map", ownerId: erin.user.id, dueDate: "2026-06-11" });
    await createSlot(db, admin.ctx, pid, {
      weekday: 0,
      startTime: "10:00",
      durationMinutes: 30,
      timeZone: "UTC",
      startsOn: "2026-06-01",
      capacity: 4,
      location: "Room 1",
      hosts: [erin.user.id],
    });
    const now = new Date(start.getTime() + 4 * 86_400_000); // Sunday 14th

    const week = await projectWeeklyReport(db, admin.ctx, pid, now);
    expect(week.week).toEqual({ from: "2026-06-07", to: "2026-06-14" });
    expect(week.progress.routes).toEqual({ now: { done: 1, scope: 3 }, weekAgo: { done: 0, scope: 0 } }); // created after the week began
    expect(week.progress.trafficShare.now).toBeCloseTo(300 / 400, 5);
    expect(week.switches.count).toBe(2);
    expect(week.switches.rollbacks).toEqual([{ key: "GET /cart", reason: "500s on <checkout>", day: "2026-06-12", moved: "canary:10 → legacy" }]);
    expect(week.ahead.planned).toEqual([{ key: "GET /cart", to: "shadow", day: "2026-06-15", reason: "shadow again" }]);
    expect(week.ahead.overdueActions).toEqual([{ text: "Ask ops for the nginx map", due: "2026-06-11", owner: "Erin" }]);

    const mail = renderProjectWeek(week, "https://waypoint.example");
    expect(mail.subject).toBe("Shop <PHP> to Python: the week 2026-06-07 – 2026-06-14");
    expect(mail.text).toContain("- Routes done: 1 of 3 (+1 this week)");
    expect(mail.text).toContain("- Traffic on the new stack: 75 % (+75 points this week)");
    expect(mail.text).toContain("- Rolled back 2026-06-12: GET /cart (canary:10 → legacy) — 500s on <checkout>");
    const mine = await personWeeklyReport(db, admin.ctx, pid, erin.user.id, now);
    expect(mine.claims.map((c) => c.key)).toEqual(["GET /cart"]);
    expect(mine.actions).toEqual([{ text: "Ask ops for the nginx map", due: "2026-06-11", overdue: true }]);
    expect(mine.officeHours).toEqual([{ start: "2026-06-15T10:00:00.000Z", location: "Room 1", hosting: true, topic: null }]);
    const personal = renderPersonWeek(mine, "https://waypoint.example");
    expect(personal.text).toContain("- Ask ops for the nginx map (due 2026-06-11, overdue)");
    expect(personal.text).toContain("- 2026-06-15 10:00 UTC, Room 1: you host");

    const other = await newAdmin(db, "Other Org");
    expect(await codeOf(projectWeeklyReport(db, other.ctx, pid, now))).toBe("not_found");
    expect(await codeOf(personWeeklyReport(db, other.ctx, pid, erin.user.id, now))).toBe("not_found");
  });
});

describe("sending the weekly reports", () => {
  test("on the meeting day from 06:00 in the project's zone, once: the project's to managers and admins, each member's own to them", async () => {
    // Tuesday 2026-06-16, 05:30 in Berlin (03:30 UTC): the meeting day (Tuesday by default), too early.
    pinClock("2026-06-16T03:30:00Z");
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx, { name: "Shop" });
    await db.project.update({ where: { id: project.id }, data: { timeZone: "Europe/Berlin", meetingWeekday: 1 } });
    // The sweep reads every project of the database: this file's other projects are set aside.
    await db.project.updateMany({ where: { id: { not: project.id } }, data: { archivedAt: new Date() } });
    const erin = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
    const viewer = await newMember(db, admin.organization.id, "VIEWER", "Vic");
    const r = await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/orders" });
    await claimItem(db, erin.ctx, project.id, r.id);
    const inbox = async (userId: string) =>
      (await db.notification.findMany({ where: { userId, kind: { startsWith: "report." } }, select: { kind: true, title: true } })).map(
        (n) => `${n.kind}: ${n.title}`,
      );

    expect(await sendWeeklyReports(db)).toEqual({ projects: 0, personal: 0 });
    pinClock("2026-06-16T04:05:00Z"); // 06:05 in Berlin
    expect(await sendWeeklyReports(db)).toEqual({ projects: 1, personal: 1 });
    expect(await sendWeeklyReports(db)).toEqual({ projects: 0, personal: 0 }); // the next hour's sweep
    expect(await inbox(admin.user.id)).toEqual(["report.weekly: Shop: the week 2026-06-09 – 2026-06-16"]);
    expect(await inbox(erin.user.id)).toEqual(["report.personal: Your week in Shop"]);
    expect(await inbox(viewer.user.id)).toEqual([]);
    const body = (await db.notificationEvent.findFirstOrThrow({ where: { event: "report.personal", organizationId: admin.organization.id } })).body;
    expect(body).toContain("- GET /orders");
    pinClock("2026-06-17T08:00:00Z"); // Wednesday
    expect(await sendWeeklyReports(db)).toEqual({ projects: 0, personal: 0 });
  });
});
