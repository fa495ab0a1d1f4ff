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
import { createSlot } from "@/lib/stewardship/office-hours/slots";
import { signUp } from "@/lib/stewardship/office-hours/signups";

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
