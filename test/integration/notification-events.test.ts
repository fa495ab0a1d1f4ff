/**
 * Issue 17: more of the domain reaches people through notifyEvent — decisions (proposed,
 * accepted, superseded) tell the people named on them, an office-hours sign-up tells the hosts;
 * never the person who acted, once per state.
 */
import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { createDecision, updateDecision } from "@/lib/stewardship/decisions";
import { createActionItem, createMeeting } from "@/lib/stewardship/meetings";
import { createSlot } from "@/lib/stewardship/office-hours/slots";
import { signUp } from "@/lib/stewardship/office-hours/signups";
import { createItem, updateItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { createFreezeWindow } from "@/lib/cutover/freeze-windows";
import { sweepClaims, sweepDueActionItems, sweepFreezeWindows, sweepOfficeHours } from "@/lib/notifications/reminders";

describe("events from stewardship", () => {
  test("decisions tell the people named on them; a sign-up tells the hosts", async () => {
    pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const pid = project.id;
    const sam = await newMember(db, admin.organization.id, "STEWARD", "Sam");
    const erin = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
    const inbox = async (userId: string) =>
      (await db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { kind: true, title: true } })).map(
        (n) => `${n.kind}: ${n.title}`,
      );

    const d1 = await createDecision(db, sam.ctx, pid, {
      title: "Sessions in Redis",
      decision: "Both stacks read one session store.",
      peopleIds: [sam.user.id, erin.user.id],
    });
    expect(await inbox(erin.user.id)).toEqual(["decision.proposed: D-1 proposed: Sessions in Redis"]);
    expect(await inbox(sam.user.id)).toEqual([]); // the one who acted
    await updateDecision(db, admin.ctx, pid, d1.id, { status: "ACCEPTED" });
    await updateDecision(db, admin.ctx, pid, d1.id, { status: "ACCEPTED" }); // no change, no message
    expect(await inbox(sam.user.id)).toEqual(["decision.accepted: D-1 accepted: Sessions in Redis"]);
    await createDecision(db, admin.ctx, pid, {
      title: "Sessions in PostgreSQL",
      decision: "One store fewer.",
      status: "ACCEPTED",
      supersedesId: d1.id,
      peopleIds: [admin.user.id],
    });
    expect(await inbox(erin.user.id)).toEqual([
      "decision.proposed: D-1 proposed: Sessions in Redis",
      "decision.accepted: D-1 accepted: Sessions in Redis",
      "decision.superseded: D-1 superseded: Sessions in Redis",
    ]);

    const slot = await createSlot(db, admin.ctx, pid, {
      weekday: 0,
      startTime: "10:00",
      durationMinutes: 30,
      timeZone: "UTC",
      startsOn: "2026-06-01",
      capacity: 4,
      location: "Room 1",
      hosts: [sam.user.id],
    });
    await signUp(db, erin.ctx, pid, slot.id, { sessionDate: "2026-06-15", topic: "How do sessions move?" });
    expect((await inbox(sam.user.id)).at(-1)).toBe("office_hours.signed_up: Office hours 2026-06-15: a sign-up — How do sessions move?");
    expect((await inbox(erin.user.id)).filter((n) => n.startsWith("office_hours"))).toEqual([]);
  });
});

describe("the hourly reminders", () => {
  test("a stale or expiring claim, tomorrow's office hours and a freeze starting tell their people once, however often the sweep runs", async () => {
    const start = pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const pid = project.id;
    const sam = await newMember(db, admin.organization.id, "STEWARD", "Sam");
    const erin = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
    const kinds = async (userId: string) => (await db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } })).map((n) => n.kind);
    const route = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/orders" });
    await claimItem(db, erin.ctx, pid, route.id); // expected finish in 14 days, stale after 10 idle days
    const busy = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/busy" });
    await claimItem(db, sam.ctx, pid, busy.id);
    const slot = await createSlot(db, admin.ctx, pid, {
      weekday: 3, // Thursday
      startTime: "10:00",
      durationMinutes: 30,
      timeZone: "UTC",
      startsOn: "2026-06-01",
      capacity: 4,
      location: "Room 1",
      hosts: [sam.user.id],
    });
    await signUp(db, erin.ctx, pid, slot.id, { sessionDate: "2026-06-11", topic: "Sessions" });
    await createFreezeWindow(db, admin.ctx, pid, { reason: "Black Friday", startsAt: "2026-06-11T06:00:00Z", endsAt: "2026-06-12T06:00:00Z" });
    const meeting = await createMeeting(db, admin.ctx, pid, { date: "2026-06-08" });
    await createActionItem(db, admin.ctx, pid, meeting.id, { text: "Send the nginx map", ownerId: erin.user.id, dueDate: "2026-06-11" });
    await createActionItem(db, admin.ctx, pid, meeting.id, { text: "Later", ownerId: erin.user.id, dueDate: "2026-06-20" });

    const sweep = async () => ({
      due: await sweepDueActionItems(db),
      claims: await sweepClaims(db),
      officeHours: await sweepOfficeHours(db),
      freezes: await sweepFreezeWindows(db),
    });
    // Thursday 10:00 is 22 h away; the freeze 18 h; one action item is due tomorrow.
    expect(await sweep()).toEqual({ due: 1, claims: 0, officeHours: 1, freezes: 1 });
    expect(await sweep()).toEqual({ due: 0, claims: 0, officeHours: 0, freezes: 0 });
    expect((await db.notification.findMany({ where: { userId: erin.user.id, kind: "action_item.due" } })).map((n) => n.title)).toEqual([
      "Action item due tomorrow (2026-06-11): Send the nginx map",
    ]);
    expect(await kinds(erin.user.id)).toContain("office_hours.reminder");
    expect((await kinds(sam.user.id)).filter((k) => k !== "office_hours.signed_up")).toEqual(["office_hours.reminder", "freeze.starting"]);
    expect(await kinds(erin.user.id)).not.toContain("freeze.starting"); // engineers are not told of freezes

    // 12 days on: both claims are 2 days from their expected finish; Erin's item idle for 12 days
    // (stale), Sam's worked on today (expiring).
    pinClock(start.getTime() + 12 * 86_400_000 + 3_600_000);
    await updateItem(db, sam.ctx, pid, "ROUTE", busy.id, { notes: "halfway" });
    expect((await sweep()).claims).toBe(2);
    expect((await kinds(erin.user.id)).filter((k) => k.startsWith("claim."))).toEqual(["claim.stale"]);
    expect((await kinds(sam.user.id)).filter((k) => k.startsWith("claim."))).toEqual(["claim.expiring"]);
    expect((await sweep()).claims).toBe(0);
  });
});
