import { beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";
import { signIn } from "../helpers/session";

const meetings = await import("@/app/api/v1/projects/[projectId]/meetings/route");
const meeting = await import("@/app/api/v1/projects/[projectId]/meetings/[meetingId]/route");
const agenda = await import("@/app/api/v1/projects/[projectId]/meetings/[meetingId]/agenda/route");
const agendaEntry = await import("@/app/api/v1/projects/[projectId]/meetings/[meetingId]/agenda/[entryId]/route");
const actionItems = await import("@/app/api/v1/projects/[projectId]/meetings/[meetingId]/action-items/route");
const decisions = await import("@/app/api/v1/projects/[projectId]/decisions/route");
const decision = await import("@/app/api/v1/projects/[projectId]/decisions/[decisionId]/route");
const supersededBy = await import("@/app/api/v1/projects/[projectId]/decisions/[decisionId]/superseded-by/route");
const slots = await import("@/app/api/v1/projects/[projectId]/office-hours/route");
const sessions = await import("@/app/api/v1/projects/[projectId]/office-hours/sessions/route");
const signups = await import("@/app/api/v1/projects/[projectId]/office-hours/[slotId]/sessions/[date]/signups/route");
const calendarToken = await import("@/app/api/v1/projects/[projectId]/calendar-token/route");
const feed = await import("@/app/api/calendar/[token]/route");

beforeEach(() => {
  signIn(null);
});

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  return { db, a, pid: project.id, steward: await tokenHeaders(db, a.ctx, project.id, "STEWARD"), viewer: await tokenHeaders(db, a.ctx, project.id, "VIEWER") };
}

describe("stewardship API", () => {
  test("a meeting: created with its agenda, an entry added and removed, an action item; roles and bad input", async () => {
    const { pid, steward, viewer } = await setup();
    const created = await call(meetings.POST, { projectId: pid }, { method: "POST", headers: steward, json: { date: "2026-11-24" } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const entry = await call(agenda.POST, { projectId: pid, meetingId: id }, { method: "POST", headers: steward, json: { title: "Freeze window" } });
    expect(entry).toMatchObject({ status: 201, body: { kind: "CUSTOM", title: "Freeze window" } });
    const action = await call(
      actionItems.POST,
      { projectId: pid, meetingId: id },
      { method: "POST", headers: steward, json: { text: "Book the window", dueDate: "2026-11-30" } },
    );
    expect(action.status).toBe(201);
    expect((await call(agendaEntry.DELETE, { projectId: pid, meetingId: id, entryId: entry.body.id }, { method: "DELETE", headers: steward })).status).toBe(
      204,
    );
    const got = await call(meeting.GET, { projectId: pid, meetingId: id }, { headers: viewer });
    expect(got.body.agenda).toEqual([]);
    expect(got.body.actionItems.map((x: { text: string }) => x.text)).toEqual(["Book the window"]);
    expect((await call(meetings.POST, { projectId: pid }, { method: "POST", headers: viewer, json: { date: "2026-11-25" } })).status).toBe(403);
    expect((await call(meetings.POST, { projectId: pid }, { method: "POST", headers: steward, json: { date: "2026-11-24" } })).status).toBe(409);
    const bad = await call(meetings.POST, { projectId: pid }, { method: "POST", headers: steward, json: { date: "24/11/2026" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(["date"]);
    expect((await call(agenda.PUT, { projectId: pid, meetingId: id }, { method: "PUT", headers: steward, json: { entryIds: ["nope"] } })).status).toBe(400);
    expect((await call(meetings.GET, { projectId: pid }, {})).status).toBe(401);
  });

  test("decisions: record, accept, refuse a rewrite (409) and a loop (400); another tenant 404", async () => {
    const { db, pid, steward } = await setup();
    const first = await call(
      decisions.POST,
      { projectId: pid },
      { method: "POST", headers: steward, json: { title: "JWT between stacks", decision: "Use a signed JWT." } },
    );
    expect(first).toMatchObject({ status: 201, body: { number: 1, status: "PROPOSED" } });
    const accepted = await call(
      decision.PATCH,
      { projectId: pid, decisionId: first.body.id },
      { method: "PATCH", headers: steward, json: { status: "ACCEPTED" } },
    );
    expect(accepted.body.status).toBe("ACCEPTED");
    expect(
      (await call(decision.PATCH, { projectId: pid, decisionId: first.body.id }, { method: "PATCH", headers: steward, json: { title: "Other" } })).status,
    ).toBe(409);
    const second = await call(
      decisions.POST,
      { projectId: pid },
      { method: "POST", headers: steward, json: { title: "Reports stay", decision: "Legacy keeps them.", status: "ACCEPTED", supersedesId: first.body.id } },
    );
    expect(second.body.supersedes).toMatchObject({ number: 1 });
    const loop = await call(
      supersededBy.POST,
      { projectId: pid, decisionId: second.body.id },
      { method: "POST", headers: steward, json: { supersededById: first.body.id } },
    );
    expect(loop.status).toBe(400);
    const list = await call(decisions.GET, { projectId: pid }, { headers: steward, query: "?q=legacy" });
    expect(list.body.data.map((x: { number: number }) => x.number)).toEqual([2]);
    const other = await newAdmin(db, "B");
    const theirs = await newProject(db, other.ctx);
    expect((await call(decisions.GET, { projectId: theirs.id }, { headers: steward })).status).toBe(404);
    expect((await call(decision.GET, { projectId: pid, decisionId: "nope" }, { headers: steward })).status).toBe(404);
  });
});

describe("office hours API", () => {
  test("a slot, its sessions, sign-ups until full; overlap, other tenant, no token; the private calendar link", async () => {
    const { db, a, pid, steward } = await setup();
    const today = new Date();
    const startsOn = today.toISOString().slice(0, 10);
    const slot = {
      weekday: (today.getUTCDay() + 6) % 7,
      startTime: "23:00",
      durationMinutes: 45,
      timeZone: "UTC",
      location: "https://meet.example.com/oh",
      capacity: 1,
      hosts: [a.user.id],
      startsOn,
    };
    const created = await call(slots.POST, { projectId: pid }, { method: "POST", headers: steward, json: slot });
    expect(created.status).toBe(201);
    const clash = await call(slots.POST, { projectId: pid }, { method: "POST", headers: steward, json: { ...slot, startTime: "23:30" } });
    expect(clash.status).toBe(400);
    expect(Object.keys(clash.body.error.details.fields)).toEqual(["hosts"]);
    expect((await call(slots.POST, { projectId: pid }, { method: "POST", headers: steward, json: { ...slot, capacity: 0 } })).status).toBe(400);
    const upcoming = await call(sessions.GET, { projectId: pid }, { headers: steward, query: "?weeks=2" });
    expect(upcoming.body.data.length).toBeGreaterThanOrEqual(2);
    const next = upcoming.body.data.find((x: { start: string }) => new Date(x.start) > new Date()) as { slotId: string; date: string };
    // A token acts for nobody: signing up needs a person, so a session user signs up.
    signIn(a.user.id);
    const first = await call(
      signups.POST,
      { projectId: pid, slotId: next.slotId, date: next.date },
      { method: "POST", headers: { "Content-Type": "application/json" }, json: { topic: "How do we share sessions?" } },
    );
    expect(first.status).toBe(201);
    const again = await call(
      signups.POST,
      { projectId: pid, slotId: next.slotId, date: next.date },
      { method: "POST", headers: { "Content-Type": "application/json" }, json: { topic: "Twice" } },
    );
    expect(again.status).toBe(409);
    signIn(null);
    const byToken = await call(
      signups.POST,
      { projectId: pid, slotId: next.slotId, date: next.date },
      { method: "POST", headers: await tokenHeaders(db, a.ctx, pid, "ENGINEER"), json: { topic: "x" } },
    );
    expect([byToken.status, byToken.body.error.message]).toEqual([400, "An API token acts for no one: sign in to sign up for office hours."]);
    const other = await newAdmin(db, "B");
    const theirs = await newProject(db, other.ctx);
    expect((await call(slots.GET, { projectId: theirs.id }, { headers: steward })).status).toBe(404);
    expect((await call(slots.GET, { projectId: pid }, {})).status).toBe(401);

    const link = await call(calendarToken.POST, { projectId: pid }, { method: "POST", headers: steward });
    expect(link.status).toBe(201);
    expect(link.body.url).toMatch(/\/api\/calendar\/wpc_[A-Za-z0-9_-]+\.ics$/);
    const ics = await feed.GET(new Request(link.body.url), { params: Promise.resolve({ token: `${link.body.secret}.ics` }) });
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VEVENT");
    const gone = await feed.GET(new Request("http://localhost/api/calendar/wpc_nope.ics"), { params: Promise.resolve({ token: "wpc_nope.ics" }) });
    expect(gone.status).toBe(404);
  });
});
