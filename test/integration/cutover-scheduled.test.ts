/**
 * Issue 15: switches planned for later. They run at the first read of the ledger after their time
 * (a proxy's pull, the Cutover page), as their planner, and a freeze window then in force fails them.
 */
import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { createItem } from "@/lib/inventory/items";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { createFreezeWindow } from "@/lib/cutover/freeze-windows";
import { listSwitches } from "@/lib/cutover/history";
import { loadRoutingLedger, routingVersion } from "@/lib/cutover/ledger";
import { cancelScheduledSwitch, listScheduledSwitches, runDueSwitches, scheduleSwitch } from "@/lib/cutover/scheduled";
import { setGateConfig } from "@/lib/evidence/enforce";

const HOUR = 3_600_000;
const upstreams = { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "https://new.internal:8443" };

async function setup() {
  // Named instant: the test writes wall-clock times in the project's zone.
  const start = pinClock("2026-06-10T12:00:00Z");
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  await db.project.update({ where: { id: pid }, data: { timeZone: "Europe/Berlin" } });
  const eng = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
  const r = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/orders/<int:id>", trafficPerDay: 100 });
  return { db, ...admin, pid, eng, r, start };
}

const servedBy = async (db: Awaited<ReturnType<typeof testDb>>, id: string) => {
  const row = await db.item.findUniqueOrThrow({ where: { id }, select: { servedBy: true, canaryPercent: true } });
  return `${row.servedBy}${row.canaryPercent ? `:${row.canaryPercent}` : ""}`;
};

describe("scheduled switches", () => {
  test("planned in the project's zone, carried out by the first pull after its time, as its planner, recorded as a switch", async () => {
    const { db, ctx, pid, eng, r, start } = await setup();
    // Away from legacy without upstreams: refused when planned, not when it comes due.
    expect(await codeOf(scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "launch", at: "2026-06-10T16:00" }))).toBe("conflict");
    await updateCutoverSettings(db, ctx, pid, upstreams);
    // 16:00 in Berlin (summer time) is 14:00 UTC.
    const planned = await scheduleSwitch(db, eng.ctx, pid, {
      itemId: r.id,
      target: { to: "canary", percent: 10 },
      reason: "morning canary",
      at: "2026-06-10T16:00",
    });
    expect(planned).toMatchObject({ to: "canary:10", status: "pending", key: "GET /orders/<int:id>" });
    expect(planned.runAt.toISOString()).toBe("2026-06-10T14:00:00.000Z");

    // Before its time a pull changes nothing.
    await routingVersion(db, ctx, pid, "nginx");
    expect(await servedBy(db, r.id)).toBe("LEGACY");

    pinClock(start.getTime() + 2 * HOUR + 1000);
    const before = await routingVersion(db, ctx, pid, "nginx"); // the pull runs it
    expect(await servedBy(db, r.id)).toBe("CANARY:10");
    expect((await loadRoutingLedger(db, ctx, pid)).routes.find((x) => x.id === r.id)?.state).toEqual({ kind: "canary", percent: 10 });
    expect(await routingVersion(db, ctx, pid, "nginx")).toBe(before); // ran once; the next pull sees the same version
    const history = await listSwitches(db, ctx, pid, { item: r.id });
    expect(history.data.map((s) => [s.from, s.to, s.kind, s.reason, s.actor])).toEqual([
      ["legacy", "canary:10", "scheduled", "morning canary (scheduled)", "Erin"],
    ]);
    const list = await listScheduledSwitches(db, ctx, pid);
    expect(list.pending).toEqual([]);
    expect(list.recent.map((s) => [s.status, s.outcome])).toEqual([["done", "GET /orders/<int:id> is now canary:10."]]);
  });

  test("a freeze window in force when it comes due fails it, saying so; nothing moves", async () => {
    const { db, ctx, pid, eng, r, start } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    await scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "launch", at: "2026-06-10T18:00" });
    await createFreezeWindow(db, ctx, pid, { reason: "Launch week", startsAt: "2026-06-10T15:00:00Z", endsAt: "2026-06-10T20:00:00Z" });
    pinClock(start.getTime() + 5 * HOUR);
    expect(await runDueSwitches(db, ctx, pid)).toBe(1);
    expect(await servedBy(db, r.id)).toBe("LEGACY");
    const [failed] = (await listScheduledSwitches(db, ctx, pid)).recent;
    expect(failed.status).toBe("failed");
    expect(failed.outcome).toMatch(/frozen until .*Launch week/);
    expect(await runDueSwitches(db, ctx, pid)).toBe(0); // never retried in secret
    // Its planner is told, once.
    const told = await db.notification.findMany({ where: { userId: eng.user.id, kind: "schedule.failed" } });
    expect(told.map((n) => n.title)).toEqual([expect.stringMatching(/^The planned switch of GET \/orders\/<int:id> did not run: Switches are frozen until/)]);
  });

  test("a switch to new that meets no gate when it comes due fails, and its planner hears of the gate", async () => {
    const { db, ctx, pid, eng, r, start } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    await setGateConfig(db, ctx, pid, { verified: [], switchToNew: [{ kind: "replay", maxMismatchPercent: 1 }] });
    // Planning checks the upstreams only: the evidence may come before its time.
    await scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "launch", at: "2026-06-10T18:00" });
    pinClock(start.getTime() + 5 * HOUR);
    expect(await runDueSwitches(db, ctx, pid)).toBe(1);
    expect(await servedBy(db, r.id)).toBe("LEGACY");
    expect((await listScheduledSwitches(db, ctx, pid)).recent[0]).toMatchObject({
      status: "failed",
      outcome: expect.stringMatching(/switch to new gate is not met/),
    });
    expect((await db.notification.findMany({ where: { userId: eng.user.id, kind: "gate.blocked" } })).length).toBe(1);
  });

  test("bad input, rights, cancelling, another tenant, and two readers at once", async () => {
    const { db, ctx, pid, eng, r, start, organization } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const at = "2026-06-11T09:00";
    expect(await codeOf(scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "x", at }))).toBe("invalid_input"); // reason too short
    expect(await codeOf(scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "launch", at: "2026-06-10T09:00" }))).toBe(
      "invalid_input",
    ); // past
    expect(await codeOf(scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "launch", at: "tomorrow" }))).toBe("invalid_input");
    const viewer = await newMember(db, organization.id, "VIEWER");
    expect(await codeOf(scheduleSwitch(db, viewer.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "launch", at }))).toBe("forbidden");
    const other = await newAdmin(db, "Other");
    const otherProject = await newProject(db, other.ctx);
    expect(await codeOf(scheduleSwitch(db, other.ctx, otherProject.id, { itemId: r.id, target: { to: "legacy" }, reason: "launch", at }))).toBe("not_found");

    const a = await scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "new" }, reason: "launch", at });
    expect(await codeOf(cancelScheduledSwitch(db, other.ctx, otherProject.id, a.id))).toBe("not_found");
    expect(await cancelScheduledSwitch(db, eng.ctx, pid, a.id)).toEqual({ id: a.id, status: "cancelled" });
    expect(await codeOf(cancelScheduledSwitch(db, eng.ctx, pid, a.id))).toBe("conflict");

    await scheduleSwitch(db, eng.ctx, pid, { itemId: r.id, target: { to: "shadow" }, reason: "dark launch", at });
    pinClock(start.getTime() + 24 * HOUR);
    const ran = await Promise.all([runDueSwitches(db, ctx, pid), runDueSwitches(db, ctx, pid)]);
    expect(ran.reduce((n, x) => n + x, 0)).toBe(1);
    expect((await listSwitches(db, ctx, pid, { item: r.id })).data).toHaveLength(1);
    expect(await servedBy(db, r.id)).toBe("SHADOW");
  });
});
