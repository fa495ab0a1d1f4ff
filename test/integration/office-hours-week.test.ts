import { describe, expect, test, vi } from "vitest";
import { pinClock } from "../helpers/clock";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { cancelSignup, createSlot, MAX_ACTIVE_SLOTS, signUp, signupsOfSessions } from "@/lib/stewardship/office-hours";
import { officeHoursWeek } from "@/lib/stewardship/office-hours-week";

const slotBody = (i: number, hostId: string) => ({
  weekday: i % 7,
  startTime: `${String(8 + Math.floor(i / 7)).padStart(2, "0")}:00`,
  durationMinutes: 60,
  timeZone: "Europe/Berlin",
  location: `Room ${i}`,
  capacity: 5,
  startsOn: "2026-06-01",
  hosts: [hostId],
});

describe("the office-hours page's data", () => {
  test("21.16 the office-hours page shows one week at a time (at most one session per active slot), and reads the sign-ups of all its sessions in one query", async () => {
    // This test is about named weeks, so it names its instant (whatever clock the suite runs
    // under): Wednesday 2026-06-10 12:00 UTC; this week is what is left of it.
    pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const p = await newProject(db, a.ctx);
    const ids: string[] = [];
    for (let i = 0; i < MAX_ACTIVE_SLOTS; i++) ids.push((await createSlot(db, a.ctx, p.id, slotBody(i, a.user.id))).id);

    const now = new Date();
    const thisWeek = await officeHoursWeek(db, a.ctx, p.id);
    expect(thisWeek).toMatchObject({ week: "2026-06-08", thisWeek: "2026-06-08", previous: null, next: "2026-06-15" });
    expect(thisWeek.sessions.length).toBeGreaterThan(0);
    expect(thisWeek.sessions.length).toBeLessThan(MAX_ACTIVE_SLOTS);
    expect(thisWeek.sessions.every((s) => s.start >= now && s.start < new Date("2026-06-15T00:00:00Z"))).toBe(true);

    const next = await officeHoursWeek(db, a.ctx, p.id, "2026-06-18");
    expect(next).toMatchObject({ week: "2026-06-15", previous: "2026-06-08", next: "2026-06-22" });
    expect(next.sessions).toHaveLength(MAX_ACTIVE_SLOTS);
    expect(new Set(next.sessions.map((s) => s.slotId)).size).toBe(MAX_ACTIVE_SLOTS);

    // A page parameter is never an error: the nearest week that can be shown.
    for (const asked of ["2020-01-06", "garbage", "2026-02-31", ""]) expect((await officeHoursWeek(db, a.ctx, p.id, asked)).week).toBe("2026-06-08");
    const last = await officeHoursWeek(db, a.ctx, p.id, "2099-01-01");
    expect(last).toMatchObject({ week: "2026-11-30", next: null, previous: "2026-11-23" });

    // Sign-ups: two people in one session (one cancels), one in another; a third session has none.
    const first = next.sessions[0];
    const second = next.sessions.find((s) => s.date !== first.date)!;
    const third = next.sessions.find((s) => s !== first && s !== second)!;
    const eve = await newMember(db, a.organization.id, "ENGINEER", "Eve");
    const mine = await signUp(db, a.ctx, p.id, first.slotId, { sessionDate: first.date, topic: "Sessions?" });
    await signUp(db, eve.ctx, p.id, first.slotId, { sessionDate: first.date, topic: "Auth?" });
    await cancelSignup(db, a.ctx, p.id, mine.id);
    await signUp(db, eve.ctx, p.id, second.slotId, { sessionDate: second.date, topic: "Queues?" });
    const findMany = vi.spyOn(db.officeHourSignup, "findMany");
    const lists = await signupsOfSessions(db, a.ctx, p.id, [first, second, third]);
    expect(findMany).toHaveBeenCalledTimes(1);
    expect(lists.get(`${first.slotId} ${first.date}`)?.map((s) => [s.topic, s.cancelledAt !== null])).toEqual([
      ["Sessions?", true],
      ["Auth?", false],
    ]);
    expect(lists.get(`${second.slotId} ${second.date}`)?.map((s) => s.topic)).toEqual(["Queues?"]);
    expect(lists.has(`${third.slotId} ${third.date}`)).toBe(false);
    // A slot and a date asked for separately do not bring in the sign-ups of their other pairing.
    expect(
      (
        await signupsOfSessions(db, a.ctx, p.id, [
          { slotId: first.slotId, date: second.date },
          { slotId: second.slotId, date: first.date },
        ])
      ).size,
    ).toBe(0);
    // Another organisation sees none of them.
    const b = await newAdmin(db, "B");
    expect((await signupsOfSessions(db, b.ctx, p.id, [first, second])).size).toBe(0);
  }, 120_000); // fifty slots, each a transaction with a project lock: slow only on a busy machine
});
