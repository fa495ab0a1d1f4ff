import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { DAY_MS } from "../helpers/clock";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { addRelation, createItem, updateItem } from "@/lib/inventory/items";
import { addTeamMember, createTeam } from "@/lib/teams/teams";
import { claimItem } from "@/lib/claims/claims";
import { loadDashboard } from "@/lib/progress/dashboard";
import { loadOverviewSummary } from "@/lib/progress/overview-summary";
import { dayKey } from "@/lib/time/days";
import type { Db } from "@/lib/db/client";

/** `days` whole days from `now` (a test's one reading of the pinned clock), so expected days never straddle a midnight. */
const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

/** Moves every history row of an item's field (and so its day) to an instant. */
const moveTo = (db: Db, itemId: string, field: string, at: Date) => db.itemChange.updateMany({ where: { itemId, field }, data: { at } });

/**
 * Payments owns three routes: one ported three days ago, two open and blocked by the unported
 * module "billing" (owned by nobody), which needs the dependency "legacy-orm". Search owns one
 * route nobody has touched for 30 days, claimed by a claim past its expected finish.
 */
async function scenario(now: Date, options: { targetDate?: string } = {}) {
  const db = await testDb();
  const admin = await newAdmin(db);
  const { ctx } = admin;
  const project = await newProject(db, ctx, options.targetDate ? { targetDate: options.targetDate } : {});
  const pid = project.id;
  const payments = await createTeam(db, ctx, { name: "Payments" });
  const search = await createTeam(db, ctx, { name: "Search" });
  const route = (path: string, trafficPerDay: number, owner: string) => createItem(db, ctx, pid, "ROUTE", { method: "GET", path, trafficPerDay, owner });
  const done = await route("/checkout/done", 500, `team:${payments}`);
  const pay = await route("/checkout/pay", 900, `team:${payments}`);
  const refund = await route("/checkout/refund", 100, `team:${payments}`);
  const find = await route("/search", 4000, `team:${search}`);
  const billing = await createItem(db, ctx, pid, "MODULE", { path: "billing" });
  await createItem(db, ctx, pid, "DEPENDENCY", { name: "legacy-orm", readiness: "REPLACE" });
  await addRelation(db, ctx, pid, pay.id, { targetKey: "billing" });
  await addRelation(db, ctx, pid, refund.id, { targetKey: "billing" });
  await addRelation(db, ctx, pid, billing.id, { targetKey: "legacy-orm" });
  await updateItem(db, ctx, pid, "ROUTE", done.id, { status: "PORTED" });

  // Dates, from the pinned clock: everything was added 30 days ago; the port happened 3 days ago.
  for (const item of [done, pay, refund, find, billing]) await moveTo(db, item.id, "created", daysFrom(now, -30));
  await db.itemChange.updateMany({ where: { projectId: pid, field: "created" }, data: { at: daysFrom(now, -30) } });
  await moveTo(db, done.id, "status", daysFrom(now, -3));
  // Search's route: claimed 20 days ago, expected 10 days ago; the item itself unchanged since.
  await claimItem(db, ctx, pid, find.id, {});
  await db.claim.updateMany({ where: { activeItemId: find.id }, data: { startedAt: daysFrom(now, -20), expectedFinish: daysFrom(now, -10) } });
  await db.item.updateMany({ where: { id: find.id }, data: { updatedAt: daysFrom(now, -20) } });
  return { db, ctx, pid, payments, search, billing, done, find };
}

describe("the Teams table of the progress dashboard", () => {
  test("per owner: left, done lately, velocity, last movement, stale claims, top blocker, stuck", async () => {
    const now = new Date(Date.now());
    const { db, ctx, pid, payments, search, billing } = await scenario(now);
    const d = await loadDashboard(db, ctx, pid, {}, now);
    const today = dayKey(now, "UTC");
    expect(d.range.today).toBe(today);
    const byOwner = new Map(d.teams.map((t) => [t.owner, t]));

    expect(byOwner.get(`team:${payments}`)).toMatchObject({
      name: "Payments",
      remaining: 2,
      doneRecently: 1,
      velocity: 0.3,
      lastMovement: dayKey(daysFrom(now, -3), "UTC"),
      daysSinceMovement: 3,
      staleClaims: 0,
      topBlocker: { id: billing.id, kind: "MODULE", key: "billing", blocks: 2 },
      stuck: false,
    });
    expect(byOwner.get(`team:${search}`)).toMatchObject({
      name: "Search",
      remaining: 1,
      doneRecently: 0,
      velocity: 0,
      lastMovement: dayKey(daysFrom(now, -30), "UTC"),
      staleClaims: 1,
      topBlocker: null,
      stuck: true,
    });
    // Nobody owns the module and the dependency: every kind counts in this table.
    expect(byOwner.get("none")).toMatchObject({ name: "Nobody", remaining: 2, stuck: true });
    // Sorted as the owner bars: most left first.
    expect(d.teams.map((t) => t.remaining)).toEqual([...d.teams.map((t) => t.remaining)].sort((a, b) => b - a));

    // A kind filter narrows the table to that kind.
    const modules = await loadDashboard(db, ctx, pid, { kind: "MODULE" }, now);
    expect(modules.teams.map((t) => [t.owner, t.remaining])).toEqual([["none", 1]]);
    // A rollback takes the done item off the recent count and is a movement.
    const done = (await db.item.findFirstOrThrow({ where: { projectId: pid, key: "GET /checkout/done" }, select: { id: true } })).id;
    await updateItem(db, ctx, pid, "ROUTE", done, { status: "IN_PROGRESS" });
    const after = await loadDashboard(db, ctx, pid, {}, new Date(Date.now()));
    expect(after.teams.find((t) => t.owner === `team:${payments}`)).toMatchObject({ remaining: 3, doneRecently: 0, daysSinceMovement: 0 });
  });

  test("an owner whose last movement is older than the half year read first still shows it (the whole history is read for it alone)", async () => {
    const now = new Date(Date.now());
    const { db, ctx, pid, search, find } = await scenario(now);
    await db.claim.deleteMany({ where: { activeItemId: find.id } });
    await moveTo(db, find.id, "created", daysFrom(now, -400));
    await db.itemChange.deleteMany({ where: { itemId: find.id, field: { notIn: ["created"] } } });
    const d = await loadDashboard(db, ctx, pid, {}, now);
    expect(d.teams.find((t) => t.owner === `team:${search}`)).toMatchObject({
      lastMovement: dayKey(daysFrom(now, -400), "UTC"),
      daysSinceMovement: 400,
      stuck: true,
    });
    // The second read finds the older movement kept beside the recent ones.
    expect((await loadDashboard(db, ctx, pid, {}, now)).teams).toEqual(d.teams);
  });

  test("its history facts are kept per project version: a read twice gives the same table, and a change or a new team member shows at the next read", async () => {
    const now = new Date(Date.now());
    const { db, ctx, pid, payments, billing } = await scenario(now);
    const first = await loadDashboard(db, ctx, pid, {}, now);
    expect((await loadDashboard(db, ctx, pid, {}, now)).teams).toEqual(first.teams);
    const row = (d: typeof first, owner: string) => d.teams.find((t) => t.owner === owner);
    expect(row(first, `team:${payments}`)?.topBlocker?.id).toBe(billing.id);

    // Porting the blocking module: Payments has no blocker left.
    await updateItem(db, ctx, pid, "MODULE", billing.id, { status: "PORTED" });
    const ported = await loadDashboard(db, ctx, pid, {}, now);
    expect(row(ported, `team:${payments}`)).toMatchObject({ topBlocker: null, remaining: 2 });
    expect(row(ported, "none")).toMatchObject({ remaining: 1, lastMovement: dayKey(now, "UTC") });

    // A team filter also takes in what its members own; joining a team writes no history.
    const member = await newMember(db, ctx.organizationId, "ENGINEER", "Mia Member");
    const own = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/mine", owner: `user:${member.user.id}` });
    await createItem(db, ctx, pid, "MODULE", { path: "ledger" });
    await addRelation(db, ctx, pid, own.id, { targetKey: "ledger" });
    const before = await loadDashboard(db, ctx, pid, { team: payments }, now);
    expect(before.teams.map((t) => t.owner)).toEqual([`team:${payments}`]);
    await addTeamMember(db, ctx, { teamId: payments, userId: member.user.id });
    const after = await loadDashboard(db, ctx, pid, { team: payments }, now);
    expect(row(after, `user:${member.user.id}`)).toMatchObject({
      remaining: 1,
      lastMovement: dayKey(now, "UTC"),
      topBlocker: { key: "ledger", kind: "MODULE", blocks: 1 },
    });
  });

  test("another organisation's items never count", async () => {
    const now = new Date(Date.now());
    const first = await scenario(now);
    const other = await newAdmin(first.db, "Other Admin");
    const theirs = await newProject(first.db, other.ctx);
    await createItem(first.db, other.ctx, theirs.id, "ROUTE", { method: "GET", path: "/theirs" });
    const d = await loadDashboard(first.db, first.ctx, first.pid, {}, now);
    expect(d.teams.reduce((n, t) => n + t.remaining, 0)).toBe(5);
    const summary = await loadOverviewSummary(first.db, other.ctx, theirs.id, now);
    expect(summary.items).toEqual({ done: 0, scope: 1 });
    expect(summary.stuck).toEqual([]);
  });
});

describe("the overview's summary", () => {
  test("done by count and traffic, the top blocker, the stuck teams, a target date in the past", async () => {
    const now = new Date(Date.now());
    const target = dayKey(daysFrom(now, -10), "UTC");
    const { db, ctx, pid, search } = await scenario(now, { targetDate: target });
    const s = await loadOverviewSummary(db, ctx, pid, now);
    expect(s.today).toBe(dayKey(now, "UTC"));
    // Six items of all kinds, one done; four routes, one done; 500 of 5,500 requests/day.
    expect(s.items).toEqual({ done: 1, scope: 6 });
    expect(s.routes).toEqual({ done: 1, scope: 4 });
    expect(s.traffic.done).toBe(500);
    expect(s.traffic.scope).toBe(5500);
    expect(s.traffic.share).toBeCloseTo(500 / 5500);
    expect(s.topBlocker).toMatchObject({ key: "legacy-orm", routes: 2, trafficPerDay: 1000 });
    expect(s.stuck.map((t) => t.owner)).toEqual([`team:${search}`]);
    expect(s.unowned).toBe(2);
    expect(s.target).toMatchObject({ date: target, passed: true });
    // Two weeks with one port in one of them is history enough for a date, later than a past target.
    expect(s.forecast.kind).toBe("date");
    expect(s.target.late).toBe(true);
  });

  test("a forecast later than a target still ahead is flagged late; one before it is on track", async () => {
    const now = new Date(Date.now());
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    // Ten routes added 40 days ago; one ported in each of the last four weeks: 6 left at under 1 a week.
    const late = await newProject(db, ctx, { name: "Late", targetDate: dayKey(daysFrom(now, 14), "UTC") });
    const early = await newProject(db, ctx, { name: "Early", targetDate: dayKey(daysFrom(now, 400), "UTC") });
    for (const project of [late, early]) {
      for (let i = 0; i < 10; i++) {
        const item = await createItem(db, ctx, project.id, "ROUTE", { method: "GET", path: `/r${i}` });
        await moveTo(db, item.id, "created", daysFrom(now, -40));
        if (i < 4) {
          await updateItem(db, ctx, project.id, "ROUTE", item.id, { status: "PORTED" });
          await moveTo(db, item.id, "status", daysFrom(now, -1 - 7 * i));
        }
      }
    }
    const l = await loadOverviewSummary(db, ctx, late.id, now);
    expect(l.forecast).toMatchObject({ kind: "date", remaining: 6 });
    expect(l.target).toMatchObject({ passed: false, late: true });
    const e = await loadOverviewSummary(db, ctx, early.id, now);
    expect(e.target).toMatchObject({ passed: false, late: false });
  });
});
