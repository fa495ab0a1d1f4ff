import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";

const slots = await import("@/app/api/v1/projects/[projectId]/office-hours/route");
const slot = await import("@/app/api/v1/projects/[projectId]/office-hours/[slotId]/route");

/** The i-th of 56 weekly slots of one host that never overlap: 7 days × 8 hours. */
const slotBody = (i: number, hostId: string, extra: Record<string, unknown> = {}) => ({
  weekday: i % 7,
  startTime: `${String(8 + Math.floor(i / 7)).padStart(2, "0")}:00`,
  durationMinutes: 60,
  timeZone: "Europe/Berlin",
  location: `Room ${i}`,
  capacity: 5,
  startsOn: "2026-06-01",
  hosts: [hostId],
  ...extra,
});

describe("office-hours slots", () => {
  test("21.16 Office-hours slots have no cap: the 51st active slot is refused (409, naming the limit) and nothing is written", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const p = await newProject(db, a.ctx);
    const headers = await tokenHeaders(db, a.ctx, p.id, "STEWARD");
    const create = (body: unknown) => call(slots.POST, { projectId: p.id }, { method: "POST", headers, json: body });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await create(slotBody(i, a.user.id));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const refused = await create(slotBody(50, a.user.id));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("This project already runs 50 office-hours slots, the most it can. Give one an end date or delete it first.");
    expect(await db.officeHourSlot.count({ where: { projectId: p.id } })).toBe(50);

    // A slot that has ended leaves its place; giving it sessions again needs one.
    const ended = await call(slot.PATCH, { projectId: p.id, slotId: ids[0] }, { method: "PATCH", headers, json: { endsOn: "2026-06-09" } });
    expect(ended.status).toBe(200);
    expect((await create(slotBody(50, a.user.id))).status).toBe(201);
    const again = await call(slot.PATCH, { projectId: p.id, slotId: ids[0] }, { method: "PATCH", headers, json: { endsOn: null } });
    expect(again.status).toBe(409);
    expect((await db.officeHourSlot.findUniqueOrThrow({ where: { id: ids[0] } })).endsOn).toEqual(new Date("2026-06-09T00:00:00Z"));
    // An already-ended slot (a record of past sessions) may still be added.
    expect((await create(slotBody(51, a.user.id, { startsOn: "2026-05-04", endsOn: "2026-05-31" }))).status).toBe(201);
    expect(await db.officeHourSlot.count({ where: { projectId: p.id } })).toBe(52);
  }, 120_000); // fifty slots, each a transaction with a project lock: slow only on a busy machine
});
