import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import type { Db } from "@/lib/db/client";
import { createItem } from "@/lib/inventory/items";
import { dayDiff, dayKey, weekStart } from "@/lib/time/days";
import {
  cancelSession,
  cancelSignup,
  createSlot,
  deleteSlot,
  moveSession,
  questionsSince,
  signUp,
  updateSignup,
  updateSlot,
  upcomingSessions,
} from "@/lib/stewardship/office-hours";

const DAY = 86_400_000;
/** The UTC day `n` days from now and its weekday (0 = Monday). */
function dayIn(n: number) {
  const key = dayKey(new Date(Date.now() + n * DAY), "UTC");
  return { key, weekday: dayDiff(weekStart(key), key) };
}

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const org = admin.organization.id;
  const ann = await newMember(db, org, "STEWARD", "Ann");
  const bob = await newMember(db, org, "STEWARD", "Bob");
  const eve = await newMember(db, org, "ENGINEER", "Eve");
  const viewer = await newMember(db, org, "VIEWER", "Vic Viewer");
  return { db, ...admin, pid: project.id, ann, bob, eve, viewer };
}

/** Row counts of every office-hours table: "nothing written" compares two of these. */
async function counts(db: Db) {
  const [slots, hosts, exceptions, signups] = await Promise.all([
    db.officeHourSlot.count(),
    db.officeHourHost.count(),
    db.officeHourException.count(),
    db.officeHourSignup.count(),
  ]);
  const latest = await db.officeHourSignup.findMany({
    select: { id: true, cancelledAt: true, answeredAt: true, raisedAt: true, hostNotes: true },
    orderBy: { id: "asc" },
  });
  const excs = await db.officeHourException.findMany({ orderBy: [{ slotId: "asc" }, { date: "asc" }] });
  return { slots, hosts, exceptions, signups, latest, excs };
}

const berlinTuesday = (hosts: string[], extra: Record<string, unknown> = {}) => ({
  weekday: 1,
  startTime: "10:00",
  durationMinutes: 60,
  timeZone: "Europe/Berlin",
  startsOn: "2026-03-01",
  capacity: 3,
  location: "Room 4.12",
  hosts,
  ...extra,
});

/** A weekly UTC slot whose session `n` days from now is in the future whatever the hour. */
async function futureSlot(db: Db, ctx: Awaited<ReturnType<typeof newAdmin>>["ctx"], pid: string, hosts: string[], capacity = 3, n = 7) {
  const { key, weekday } = dayIn(n);
  const slot = await createSlot(db, ctx, pid, {
    weekday,
    startTime: "10:00",
    durationMinutes: 30,
    timeZone: "UTC",
    startsOn: dayIn(0).key,
    capacity,
    location: "https://meet.example/oh",
    hosts,
  });
  return { slot, date: key };
}

describe("office-hour slots", () => {
  test("are created; an overlap for the same host is refused naming both, other hosts and adjacent times are fine", async () => {
    const { db, pid, ctx, ann, bob } = await setup();
    const first = await createSlot(db, ctx, pid, berlinTuesday([ann.user.id]));
    expect(first).toMatchObject({ weekday: 1, startTime: "10:00", capacity: 3, location: "Room 4.12", timeZone: "Europe/Berlin" });
    expect(first.hosts.map((h) => h.user.name)).toEqual(["Ann"]);

    const before = await counts(db);
    const clash = await createSlot(db, ctx, pid, berlinTuesday([bob.user.id, ann.user.id], { startTime: "10:30", location: "Elsewhere" })).catch((e) => e);
    expect(clash.code).toBe("invalid_input");
    expect(clash.message).toBe("Ann already hosts Tuesdays 10:00–11:00 Europe/Berlin.");
    expect(clash.details.fields.hosts).toEqual(["Ann already hosts Tuesdays 10:00–11:00 Europe/Berlin."]);
    // The same wall-clock hour in another zone overlaps too: 09:00 London is 10:00 Berlin.
    const london = await createSlot(db, ctx, pid, berlinTuesday([ann.user.id], { startTime: "09:00", timeZone: "Europe/London" })).catch((e) => e);
    expect(london.message).toContain("Ann already hosts Tuesdays 10:00–11:00 Europe/Berlin");
    expect(await counts(db)).toEqual(before);

    // Bob alone at the same time, and Ann right after (11:00) are allowed.
    expect(await codeOf(createSlot(db, ctx, pid, berlinTuesday([bob.user.id])))).toBe("ok");
    expect(await codeOf(createSlot(db, ctx, pid, berlinTuesday([ann.user.id], { startTime: "11:00" })))).toBe("ok");
    expect(await db.officeHourSlot.count({ where: { projectId: pid } })).toBe(3);
  });

  test("capacity 0, bad hosts and unknown fields are refused; engineers cannot create slots; nothing is written", async () => {
    const { db, pid, ctx, ann, eve, viewer } = await setup();
    const stranger = await newAdmin(db, "Stranger");
    const before = await counts(db);
    const zero = await createSlot(db, ctx, pid, berlinTuesday([ann.user.id], { capacity: 0 })).catch((e) => e);
    expect(zero.code).toBe("invalid_input");
    expect(zero.details.fields.capacity).toEqual(["At least 1."]);
    const byViewer = await createSlot(db, ctx, pid, berlinTuesday([viewer.user.id])).catch((e) => e);
    expect(byViewer.details.fields.hosts[0]).toContain("Vic Viewer is a viewer");
    const outsider = await createSlot(db, ctx, pid, berlinTuesday([stranger.user.id])).catch((e) => e);
    expect(outsider.details.fields.hosts[0]).toContain("member of this organisation");
    expect(await codeOf(createSlot(db, ctx, pid, { ...berlinTuesday([ann.user.id]), colour: "red" }))).toBe("invalid_input");
    expect(await codeOf(createSlot(db, eve.ctx, pid, berlinTuesday([eve.user.id])))).toBe("forbidden");
    expect(await codeOf(createSlot(db, viewer.ctx, pid, berlinTuesday([ann.user.id])))).toBe("forbidden");
    expect(await counts(db)).toEqual(before);
    // An engineer may host (a steward creates the slot).
    expect(await codeOf(createSlot(db, ann.ctx, pid, berlinTuesday([eve.user.id])))).toBe("ok");
  });

  test("sessions across the spring DST change keep the wall-clock time, so the UTC instant moves", async () => {
    const { db, pid, ctx, ann } = await setup();
    const slot = await createSlot(db, ctx, pid, berlinTuesday([ann.user.id]));
    const sessions = await upcomingSessions(db, ctx, pid, { from: new Date("2026-03-20T00:00:00Z"), weeks: 2 });
    expect(sessions.map((s) => [s.date, s.start.toISOString(), s.end.toISOString()])).toEqual([
      ["2026-03-24", "2026-03-24T09:00:00.000Z", "2026-03-24T10:00:00.000Z"], // CET, UTC+1
      ["2026-03-31", "2026-03-31T08:00:00.000Z", "2026-03-31T09:00:00.000Z"], // CEST, UTC+2 (clocks changed on the 29th)
    ]);
    expect(sessions[0]).toMatchObject({
      slotId: slot.id,
      location: "Room 4.12",
      capacity: 3,
      hosts: [{ name: "Ann" }],
      signups: 0,
      full: false,
      mine: null,
      cancelled: false,
      moved: false,
    });
    // Autumn: the last Sunday of October 2026 is the 25th.
    const autumn = await upcomingSessions(db, ctx, pid, { from: new Date("2026-10-19T00:00:00Z"), weeks: 2 });
    expect(autumn.map((s) => s.start.toISOString())).toEqual(["2026-10-20T08:00:00.000Z", "2026-10-27T09:00:00.000Z"]);
    expect(await codeOf(upcomingSessions(db, ctx, pid, { weeks: 27 }))).toBe("invalid_input");
    expect((await upcomingSessions(db, ctx, pid, { from: new Date("2026-03-02T00:00:00Z") })).length).toBe(6);
  });

  test("updating a slot re-checks overlaps, keeps sign-ups' sessions, and deleting it removes its sign-ups", async () => {
    const { db, pid, ctx, ann, bob, eve } = await setup();
    const { slot, date } = await futureSlot(db, ctx, pid, [ann.user.id]);
    const other = await createSlot(db, ctx, pid, berlinTuesday([bob.user.id]));
    await signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "How do we test the PHP session bridge?" });
    const updated = await updateSlot(db, ctx, pid, slot.id, { capacity: 5, location: "Room 1" });
    expect(updated).toMatchObject({ capacity: 5, location: "Room 1", startTime: "10:00" });
    const before = await counts(db);
    // Another weekday would drop the session Eve signed up for.
    const moved = await updateSlot(db, ctx, pid, slot.id, { weekday: (dayIn(7).weekday + 1) % 7 }).catch((e) => e);
    expect(moved.code).toBe("conflict");
    expect(moved.message).toContain(date);
    // Bob's Berlin slot given Ann as a second host and Ann's own rule: refused, naming Ann's slot.
    const clash = await updateSlot(db, ctx, pid, other.id, {
      hosts: [bob.user.id, ann.user.id],
      weekday: dayIn(7).weekday,
      timeZone: "UTC",
      startsOn: dayIn(0).key,
    }).catch((e) => e);
    expect(clash.code).toBe("invalid_input");
    expect(clash.message).toMatch(/^Ann already hosts \w+days 10:00–10:30 UTC\.$/);
    expect(await codeOf(updateSlot(db, eve.ctx, pid, slot.id, { capacity: 9 }))).toBe("forbidden");
    expect(await counts(db)).toEqual(before);
    // Changing the time keeps the date: allowed.
    expect((await updateSlot(db, ctx, pid, slot.id, { startTime: "14:00" })).startTime).toBe("14:00");

    const removed = await deleteSlot(db, ctx, pid, slot.id);
    expect(removed).toEqual({ id: slot.id, removedUpcomingSignups: 1 });
    expect(await db.officeHourSignup.count({ where: { slotId: slot.id } })).toBe(0);
    expect(await db.officeHourHost.count({ where: { slotId: slot.id } })).toBe(0);
    expect(await codeOf(deleteSlot(db, ctx, pid, slot.id))).toBe("not_found");
  });
});

describe("sign-ups", () => {
  test("until full, one per person per session; a cancelled sign-up frees the place", async () => {
    const { db, pid, ctx, ann, eve, organization } = await setup();
    const { slot, date } = await futureSlot(db, ctx, pid, [ann.user.id], 2);
    const item = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/reports" });
    const frank = await newMember(db, organization.id, "ENGINEER", "Frank");
    const gina = await newMember(db, organization.id, "ENGINEER", "Gina");

    const first = await signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "Reports: port or keep?", itemId: item.id });
    expect(first).toMatchObject({ topic: "Reports: port or keep?", itemId: item.id, user: { name: "Eve" }, cancelledAt: null });
    const twice = await signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "Again" }).catch((e) => e);
    expect([twice.code, twice.message]).toEqual(["conflict", "You are already signed up for this session."]);
    await signUp(db, frank.ctx, pid, slot.id, { sessionDate: date, topic: "Auth" });

    const before = await counts(db);
    const full = await signUp(db, gina.ctx, pid, slot.id, { sessionDate: date, topic: "Caching" }).catch((e) => e);
    expect(full.code).toBe("conflict");
    expect(full.message).toContain("full");
    expect(await counts(db)).toEqual(before);

    const [session] = (await upcomingSessions(db, eve.ctx, pid, { weeks: 2 })).filter((s) => s.date === date);
    expect(session).toMatchObject({ signups: 2, full: true, mine: { id: first.id, topic: "Reports: port or keep?", itemId: item.id } });

    // Gina cannot cancel Eve's; Eve can; then Gina gets the place.
    expect(await codeOf(cancelSignup(db, gina.ctx, pid, first.id))).toBe("forbidden");
    expect((await cancelSignup(db, eve.ctx, pid, first.id)).cancelledAt).not.toBeNull();
    expect(await codeOf(signUp(db, gina.ctx, pid, slot.id, { sessionDate: date, topic: "Caching" }))).toBe("ok");
    // A host cancels anyone's.
    const ginas = await db.officeHourSignup.findFirstOrThrow({ where: { userId: gina.user.id } });
    expect(await codeOf(cancelSignup(db, ann.ctx, pid, ginas.id))).toBe("ok");
  });

  test("10 simultaneous sign-ups for 3 places: exactly 3 succeed", async () => {
    const { db, pid, ctx, ann, organization } = await setup();
    const { slot, date } = await futureSlot(db, ctx, pid, [ann.user.id], 3);
    const people = [];
    for (let i = 0; i < 10; i++) people.push(await newMember(db, organization.id, "ENGINEER", `Engineer ${i}`));
    const results = await Promise.all(people.map((p, i) => codeOf(signUp(db, p.ctx, pid, slot.id, { sessionDate: date, topic: `Question ${i}` }))));
    expect(results.filter((r) => r === "ok")).toHaveLength(3);
    expect(results.filter((r) => r === "conflict")).toHaveLength(7);
    expect(await db.officeHourSignup.count({ where: { slotId: slot.id, cancelledAt: null } })).toBe(3);
  });

  test("refused: a past session, a date that is no session, bad input, an item of another project, a viewer, a token", async () => {
    const { db, pid, ctx, ann, eve, viewer } = await setup();
    const past = await createSlot(db, ctx, pid, {
      weekday: 0,
      startTime: "10:00",
      durationMinutes: 60,
      timeZone: "UTC",
      startsOn: "2025-01-01",
      endsOn: "2025-12-31",
      capacity: 5,
      location: "Room",
      hosts: [ann.user.id],
    });
    const { slot, date } = await futureSlot(db, ctx, pid, [ann.user.id], 3, 9);
    const otherProject = await newProject(db, ctx, { name: "Other project" });
    const foreignItem = await createItem(db, ctx, otherProject.id, "ROUTE", { method: "GET", path: "/x" });
    const before = await counts(db);

    const inPast = await signUp(db, eve.ctx, pid, past.id, { sessionDate: "2025-01-13", topic: "Too late" }).catch((e) => e);
    expect([inPast.code, inPast.message]).toEqual(["invalid_input", "This session is in the past."]);
    const noSession = await signUp(db, eve.ctx, pid, slot.id, { sessionDate: dayIn(10).key, topic: "Wrong day" }).catch((e) => e);
    expect(noSession.code).toBe("invalid_input");
    expect(noSession.details.fields.sessionDate[0]).toContain("has no session on");
    expect(await codeOf(signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "" }))).toBe("invalid_input");
    expect(await codeOf(signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "x".repeat(501) }))).toBe("invalid_input");
    expect(await codeOf(signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "x", extra: 1 }))).toBe("invalid_input");
    const badItem = await signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "x", itemId: foreignItem.id }).catch((e) => e);
    expect(badItem.details.fields.itemId).toBeDefined();
    expect(await codeOf(signUp(db, viewer.ctx, pid, slot.id, { sessionDate: date, topic: "May I?" }))).toBe("forbidden");
    expect(await codeOf(signUp(db, { ...eve.ctx, userId: null }, pid, slot.id, { sessionDate: date, topic: "Token" }))).toBe("invalid_input");
    expect(await counts(db)).toEqual(before);
  });
});

describe("cancelling and moving sessions", () => {
  test("a cancelled session refuses sign-ups; moves go forward only; moving reinstates; past sessions are refused", async () => {
    const { db, pid, ctx, ann, bob, eve } = await setup();
    const { slot, date } = await futureSlot(db, ctx, pid, [ann.user.id]);
    const next = dayIn(14).key;
    const past = await createSlot(db, ctx, pid, {
      weekday: 0,
      startTime: "10:00",
      durationMinutes: 60,
      timeZone: "UTC",
      startsOn: "2025-01-01",
      endsOn: "2025-12-31",
      capacity: 5,
      location: "Room",
      hosts: [bob.user.id],
    });

    const cancelled = await cancelSession(db, ann.ctx, pid, slot.id, { date });
    expect(cancelled).toMatchObject({ date, cancelled: true });
    const before = await counts(db);
    const refused = await signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "Still on?" }).catch((e) => e);
    expect([refused.code, refused.message]).toEqual(["conflict", "This session is cancelled."]);
    const sessions = await upcomingSessions(db, ctx, pid, { weeks: 3 });
    expect(sessions.find((s) => s.slotId === slot.id && s.date === date)?.cancelled).toBe(true);

    // Refusals: past sessions, moves into the past, dates that are no session, engineers, viewers.
    const pastCancel = await cancelSession(db, ctx, pid, past.id, { date: "2025-01-13" }).catch((e) => e);
    expect([pastCancel.code, pastCancel.message]).toEqual(["invalid_input", "This session is in the past."]);
    expect((await moveSession(db, ctx, pid, past.id, { date: "2025-01-13", to: new Date(Date.now() + 3 * DAY).toISOString() }).catch((e) => e)).message).toBe(
      "This session is in the past.",
    );
    const intoPast = await moveSession(db, ctx, pid, slot.id, { date: next, to: "2020-01-01T10:00:00Z" }).catch((e) => e);
    expect(intoPast.details.fields.to).toEqual(["The new time is in the past."]);
    expect(await codeOf(cancelSession(db, ctx, pid, slot.id, { date: dayIn(8).key }))).toBe("invalid_input");
    expect(await codeOf(moveSession(db, ctx, pid, slot.id, { date: next, to: "tomorrow" }))).toBe("invalid_input");
    expect(await codeOf(cancelSession(db, eve.ctx, pid, slot.id, { date: next }))).toBe("forbidden");
    expect(await codeOf(cancelSession(db, bob.ctx, pid, past.id, { date: "2025-01-13" }))).toBe("invalid_input");
    expect(await counts(db)).toEqual(before);

    // Move next week's session a day later at 15:30 UTC; its sign-ups follow it.
    await signUp(db, eve.ctx, pid, slot.id, { sessionDate: next, topic: "Moved with it" });
    const to = new Date(`${dayIn(15).key}T15:30:00Z`);
    const moved = await moveSession(db, ctx, pid, slot.id, { date: next, to: to.toISOString() });
    expect(moved).toMatchObject({ date: next, moved: true, cancelled: false });
    expect(moved.start.toISOString()).toBe(to.toISOString());
    expect(moved.end.getTime() - moved.start.getTime()).toBe(30 * 60_000);
    const after = (await upcomingSessions(db, eve.ctx, pid, { weeks: 4 })).find((s) => s.slotId === slot.id && s.date === next)!;
    expect(after).toMatchObject({ moved: true, signups: 1, mine: { topic: "Moved with it" } });
    expect(after.start.toISOString()).toBe(to.toISOString());

    // Moving the cancelled session reinstates it at the new time.
    await moveSession(db, ctx, pid, slot.id, { date, to: new Date(`${dayIn(8).key}T09:00:00Z`).toISOString() });
    expect(await codeOf(signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "On again" }))).toBe("ok");
    expect(await db.officeHourException.count({ where: { slotId: slot.id } })).toBe(2);
  });

  test("an engineer who hosts a slot runs its sessions and sign-ups; others cannot", async () => {
    const { db, pid, ctx, eve, organization } = await setup();
    const other = await newMember(db, organization.id, "ENGINEER", "Oscar");
    const { slot, date } = await futureSlot(db, ctx, pid, [eve.user.id]);
    const s = await signUp(db, other.ctx, pid, slot.id, { sessionDate: date, topic: "Help" });
    expect(await codeOf(updateSignup(db, other.ctx, pid, s.id, { hostNotes: "mine" }))).toBe("forbidden");
    expect((await updateSignup(db, eve.ctx, pid, s.id, { hostNotes: "Pointed to the docs." })).hostNotes).toBe("Pointed to the docs.");
    expect(await codeOf(cancelSession(db, other.ctx, pid, slot.id, { date }))).toBe("forbidden");
    expect(await codeOf(cancelSession(db, eve.ctx, pid, slot.id, { date }))).toBe("ok");
  });
});

describe("host notes and questions for the agenda", () => {
  test("notes, answered and raise; questionsSince picks raised or unanswered ones of held sessions", async () => {
    const { db, pid, ctx, ann, eve, organization } = await setup();
    const item = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/reports" });
    const frank = await newMember(db, organization.id, "ENGINEER", "Frank");
    // Held sessions: sign-ups made back then (written directly: signUp refuses the past).
    const held = await createSlot(db, ctx, pid, {
      weekday: 0,
      startTime: "10:00",
      durationMinutes: 60,
      timeZone: "UTC",
      startsOn: "2025-01-01",
      endsOn: "2025-03-31",
      capacity: 5,
      location: "Room",
      hosts: [ann.user.id],
    });
    const make = (userId: string, sessionDate: string, topic: string, itemId: string | null = null) =>
      db.officeHourSignup.create({
        data: { organizationId: organization.id, slotId: held.id, sessionDate: new Date(`${sessionDate}T00:00:00Z`), userId, topic, itemId },
      });
    const open = await make(eve.user.id, "2025-01-13", "Is /reports worth porting?", item.id);
    const answered = await make(frank.user.id, "2025-01-13", "Where is the auth bridge?");
    const raised = await make(frank.user.id, "2025-02-03", "Should we drop the SOAP API?");
    const old = await make(eve.user.id, "2025-01-06", "Old question");
    const dropped = await make(eve.user.id, "2025-02-03", "Never mind");
    await db.officeHourSignup.update({ where: { id: dropped.id }, data: { cancelledAt: new Date() } });
    // A future session's sign-up is not a question yet.
    const { slot, date } = await futureSlot(db, ctx, pid, [ann.user.id]);
    const upcoming = await signUp(db, frank.ctx, pid, slot.id, { sessionDate: date, topic: "Next week" });

    expect(await codeOf(updateSignup(db, ann.ctx, pid, answered.id, {}))).toBe("invalid_input");
    expect(await codeOf(updateSignup(db, ann.ctx, pid, answered.id, { hostNotes: "x".repeat(5001) }))).toBe("invalid_input");
    expect(await codeOf(updateSignup(db, eve.ctx, pid, answered.id, { answered: true }))).toBe("forbidden");
    const a = await updateSignup(db, ann.ctx, pid, answered.id, { hostNotes: "lib/auth/bridge.php", answered: true });
    expect(a.hostNotes).toBe("lib/auth/bridge.php");
    expect(a.answeredAt).not.toBeNull();
    const r = await updateSignup(db, ann.ctx, pid, raised.id, { answered: true, raise: true });
    expect(r.raisedAt).not.toBeNull();
    // Setting again keeps the first time; false clears.
    expect((await updateSignup(db, ann.ctx, pid, raised.id, { raise: true })).raisedAt).toEqual(r.raisedAt);
    expect((await updateSignup(db, ann.ctx, pid, old.id, { answered: true })).answeredAt).not.toBeNull();
    expect((await updateSignup(db, ann.ctx, pid, old.id, { answered: false })).answeredAt).toBeNull();

    const all = await questionsSince(db, eve.ctx, pid, null);
    expect(all.map((q) => q.topic)).toEqual(["Old question", "Is /reports worth porting?", "Should we drop the SOAP API?"]);
    expect(all[1]).toEqual({
      id: open.id,
      topic: "Is /reports worth porting?",
      askedBy: "Eve",
      itemId: item.id,
      itemKey: "GET /reports",
      sessionDate: "2025-01-13",
    });
    const recent = await questionsSince(db, eve.ctx, pid, new Date("2025-01-10T00:00:00Z"));
    expect(recent.map((q) => q.id)).toEqual([open.id, raised.id]);
    expect((await questionsSince(db, eve.ctx, pid, new Date("2025-02-01T00:00:00Z"))).map((q) => q.id)).toEqual([raised.id]);
    expect(all.some((q) => q.id === upcoming.id)).toBe(false);
    // Raised since the last meeting, its session before it: still on the agenda while unanswered.
    const late = await updateSignup(db, ann.ctx, pid, open.id, { raise: true });
    const since = new Date(late.raisedAt!.getTime() - 1000);
    expect((await questionsSince(db, eve.ctx, pid, since)).map((q) => q.id)).toEqual([open.id]);
  });
});

describe("tenancy", () => {
  test("another tenant's ids answer not_found everywhere, and nothing is written", async () => {
    const { db, pid, ctx, ann, eve } = await setup();
    const { slot, date } = await futureSlot(db, ctx, pid, [ann.user.id]);
    const signup = await signUp(db, eve.ctx, pid, slot.id, { sessionDate: date, topic: "Mine" });
    const b = await newAdmin(db, "Bea");
    const bProject = await newProject(db, b.ctx);
    const before = await counts(db);
    const calls = [
      () => createSlot(db, b.ctx, pid, berlinTuesday([b.user.id])),
      () => updateSlot(db, b.ctx, pid, slot.id, { capacity: 9 }),
      () => updateSlot(db, b.ctx, bProject.id, slot.id, { capacity: 9 }),
      () => deleteSlot(db, b.ctx, pid, slot.id),
      () => deleteSlot(db, b.ctx, bProject.id, slot.id),
      () => upcomingSessions(db, b.ctx, pid, {}),
      () => signUp(db, b.ctx, pid, slot.id, { sessionDate: date, topic: "x" }),
      () => signUp(db, b.ctx, bProject.id, slot.id, { sessionDate: date, topic: "x" }),
      () => cancelSession(db, b.ctx, bProject.id, slot.id, { date }),
      () => moveSession(db, b.ctx, bProject.id, slot.id, { date, to: new Date(Date.now() + 20 * DAY).toISOString() }),
      () => cancelSignup(db, b.ctx, bProject.id, signup.id),
      () => updateSignup(db, b.ctx, bProject.id, signup.id, { answered: true }),
      () => questionsSince(db, b.ctx, pid, null),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe("not_found");
    // B's own project lists none of A's sessions.
    expect(await upcomingSessions(db, b.ctx, bProject.id, {})).toEqual([]);
    expect(await questionsSince(db, b.ctx, bProject.id, null)).toEqual([]);
    expect(await counts(db)).toEqual(before);
  });
});
