import { beforeEach, describe, expect, test, vi } from "vitest";
import { pinClock } from "../helpers/clock";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";
import { createSlot, signUp } from "@/lib/stewardship/office-hours";
import { signIn } from "../helpers/session";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const project = await import("@/app/api/v1/projects/[projectId]/route");
const actionItems = await import("@/app/api/v1/projects/[projectId]/meetings/[meetingId]/action-items/route");
const actionItem = await import("@/app/api/v1/projects/[projectId]/action-items/[actionItemId]/route");
const meetings = await import("@/app/api/v1/projects/[projectId]/meetings/route");
const signup = await import("@/app/api/v1/projects/[projectId]/office-hours/signups/[signupId]/route");
const { archiveProjectAction } = await import("@/app/orgs/[org]/projects/actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

beforeEach(() => {
  signIn(null);
});

const patch = (json: unknown) => ({ method: "PATCH", headers: { "Content-Type": "application/json" }, json });

describe("booleans in JSON bodies are booleans", () => {
  test('21.15 PATCH /api/v1/projects/{id} with {"archived": false} restores an archived project ("false" is not coerced to true)', async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const p = await newProject(db, a.ctx);
    signIn(a.user.id);
    const archived = await call(project.PATCH, { projectId: p.id }, patch({ archived: true }));
    expect(archived).toMatchObject({ status: 200, body: { archived: true } });

    const restored = await call(project.PATCH, { projectId: p.id }, patch({ archived: false }));
    expect(restored).toMatchObject({ status: 200, body: { archived: false } });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).archivedAt).toBeNull();

    // A string is not a boolean: refused, naming the field, and the project stays as it was.
    for (const value of ["false", "true", 0, 1, null]) {
      const res = await call(project.PATCH, { projectId: p.id }, patch({ archived: value }));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.details.fields)).toEqual(["archived"]);
    }
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).archivedAt).toBeNull();
  });

  test("21.15 the other boolean fields of JSON bodies (action item done, sign-up answered/raise) take booleans only", async () => {
    // The sign-up below names its session's date, so the test names its instant (a Wednesday before it).
    pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const p = await newProject(db, a.ctx);
    const steward = await tokenHeaders(db, a.ctx, p.id, "STEWARD");
    const meeting = await call(meetings.POST, { projectId: p.id }, { method: "POST", headers: steward, json: { date: "2026-06-16" } });
    const item = await call(
      actionItems.POST,
      { projectId: p.id, meetingId: meeting.body.id },
      { method: "POST", headers: steward, json: { text: "Book the window" } },
    );
    expect(item.status).toBe(201);
    const done = (value: unknown) =>
      call(actionItem.PATCH, { projectId: p.id, actionItemId: item.body.id }, { method: "PATCH", headers: steward, json: { done: value } });
    expect((await done("false")).status).toBe(400);
    expect((await done(true)).status).toBe(200);
    expect((await done(false)).body.doneAt).toBeNull();

    const slot = await createSlot(db, a.ctx, p.id, {
      weekday: 1,
      startTime: "10:00",
      durationMinutes: 60,
      timeZone: "UTC",
      location: "Room 1",
      capacity: 3,
      startsOn: "2026-06-01",
      hosts: [a.user.id],
    });
    const mine = await signUp(db, a.ctx, p.id, slot.id, { sessionDate: "2026-06-16", topic: "Sessions?" });
    signIn(a.user.id);
    const update = (json: unknown) => call(signup.PATCH, { projectId: p.id, signupId: mine.id }, patch(json));
    for (const body of [{ answered: "true" }, { answered: "on" }, { raise: "false" }, { raise: 1 }]) {
      const res = await update(body);
      expect(res.status).toBe(400);
    }
    expect(await db.officeHourSignup.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ answeredAt: null, raisedAt: null });
    expect((await update({ answered: true, raise: false })).body).toMatchObject({ raisedAt: null });
    expect((await db.officeHourSignup.findUniqueOrThrow({ where: { id: mine.id } })).answeredAt).not.toBeNull();
  });

  test('21.15 a form\'s archived field is "true" or "false" exactly: anything else is refused and changes nothing', async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const p = await newProject(db, a.ctx);
    signIn(a.user.id);
    const archive = (archived: string) => archiveProjectAction(null, form({ org: a.organization.slug, projectId: p.id, archived }));
    expect((await archive("true"))?.ok).toBe(true);
    for (const value of ["", "yes", "False", "0"]) {
      const state = await archive(value);
      expect(state?.fields?.archived).toEqual(["Must be true or false."]);
      expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).archivedAt).not.toBeNull();
    }
    expect((await archive("false"))?.message).toBe("Project restored.");
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).archivedAt).toBeNull();
  });
});
