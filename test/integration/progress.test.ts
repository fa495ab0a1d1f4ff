import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { createItem, deleteItem, updateItem } from "@/lib/inventory/items";
import { addTeamMember, createTeam } from "@/lib/teams/teams";
import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { loadDailyDeltas } from "@/lib/progress/deltas-sql";
import { dailyDeltas } from "@/lib/progress/deltas";
import { progressSeries, seriesFromHistory } from "@/lib/progress/series";
import { rollupDeltas, routeTrafficDeltas } from "@/lib/progress/rollup";
import { loadDashboard } from "@/lib/progress/dashboard";
import { updateProgressSettings } from "@/lib/projects/project-settings";
import { STATUS_FIELDS, STATUS_ORDER } from "@/lib/progress/types";
import type { Db } from "@/lib/db/client";
import type { ItemFilter } from "@/lib/progress/filters";

/** The reference: every status-moving history row of the project, replayed in TypeScript. */
async function recompute(db: Db, projectId: string, timeZone: string, keep?: (id: string) => boolean) {
  const [events, items] = await Promise.all([
    db.itemChange.findMany({
      where: { projectId, field: { in: [...STATUS_FIELDS] } },
      select: { itemId: true, field: true, fromValue: true, toValue: true, at: true },
    }),
    db.item.findMany({ where: { projectId }, select: { id: true, kind: true, trafficPerDay: true } }),
  ]);
  return dailyDeltas(events, items, timeZone, keep ? (i) => keep(i.id) : undefined);
}

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  return { db, ...admin, pid: project.id, scope: { organizationId: admin.organization.id, projectId: project.id } };
}

/** The series from the rollup kept by the database, and recomputed from the raw history. */
async function bothSeries(db: Db, scope: { organizationId: string; projectId: string }, timeZone: string, range: { from: string; to: string }) {
  const [events, items, deltas, routeTraffic] = await Promise.all([
    db.itemChange.findMany({ where: { projectId: scope.projectId } }),
    db.item.findMany({ where: { projectId: scope.projectId } }),
    rollupDeltas(db, scope),
    routeTrafficDeltas(db, scope),
  ]);
  return { rollup: progressSeries(deltas, { ...range, routeTraffic }), history: seriesFromHistory(events, items, { ...range, timeZone }) };
}

/** Moves a history row (and so its day) to a given instant. */
const moveTo = (db: Db, itemId: string, field: string, at: string) => db.itemChange.updateMany({ where: { itemId, field }, data: { at: new Date(at) } });

describe("progress from the history: SQL sums equal the TypeScript replay", () => {
  test("rollbacks, deletions, restorations, several changes a day, late additions, two time zones, filters", async () => {
    const { db, ctx, pid, scope, organization } = await setup();
    const route = (path: string, trafficPerDay: number) => createItem(db, ctx, pid, "ROUTE", { method: "GET", path, trafficPerDay });
    const a = await route("/a", 1000);
    const b = await route("/b", 50);
    const c = await route("/c", 7);
    const m = await createItem(db, ctx, pid, "MODULE", { path: "billing" });
    for (const id of [a.id, b.id, c.id, m.id]) await moveTo(db, id, "created", "2026-03-01T12:00:00Z");
    // a: in progress, ported, rolled back and ported again on one day (only the end counts).
    await updateItem(db, ctx, pid, "ROUTE", a.id, { status: "IN_PROGRESS" });
    await moveTo(db, a.id, "status", "2026-03-02T09:00:00Z");
    await updateItem(db, ctx, pid, "ROUTE", a.id, { status: "PORTED" });
    await updateItem(db, ctx, pid, "ROUTE", a.id, { status: "IN_PROGRESS" });
    await updateItem(db, ctx, pid, "ROUTE", a.id, { status: "PORTED" });
    await db.itemChange.updateMany({
      where: { itemId: a.id, field: "status", at: { gt: new Date("2026-03-03T00:00:00Z") } },
      data: { at: new Date("2026-03-05T22:30:00Z") },
    });
    // b: ported at 23:30 New York time on 03-10 (03:30Z on 03-11), then deleted, then restored.
    await updateItem(db, ctx, pid, "ROUTE", b.id, { status: "PORTED" });
    await moveTo(db, b.id, "status", "2026-03-11T03:30:00Z");
    await deleteItem(db, ctx, pid, "ROUTE", b.id);
    await moveTo(db, b.id, "deleted", "2026-03-12T10:00:00Z");
    await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/b", trafficPerDay: 50 });
    await moveTo(db, b.id, "restored", "2026-03-14T10:00:00Z");
    // c: won't port; a late addition d.
    await updateItem(db, ctx, pid, "ROUTE", c.id, { status: "WONT_PORT", statusReason: "Reports stay on the legacy stack" });
    await moveTo(db, c.id, "status", "2026-03-06T10:00:00Z");
    const d = await route("/d", 400);
    await moveTo(db, d.id, "created", "2026-03-20T10:00:00Z");
    // Ownership for the filters.
    const ann = await newMember(db, organization.id, "ENGINEER", "Ann");
    const team = await createTeam(db, ctx, { name: "Payments" });
    await addTeamMember(db, ctx, { teamId: team, userId: ann.user.id });
    await updateItem(db, ctx, pid, "ROUTE", a.id, { owner: `user:${ann.user.id}` });
    await updateItem(db, ctx, pid, "MODULE", m.id, { owner: `team:${team}` });

    for (const timeZone of ["UTC", "America/New_York", "Asia/Kolkata"]) {
      expect(await loadDailyDeltas(db, { ...scope, timeZone })).toEqual(await recompute(db, pid, timeZone));
    }
    const filters: [ItemFilter, (id: string) => boolean][] = [
      [{ kind: "ROUTE" }, (id) => id !== m.id],
      [{ team }, (id) => id === a.id || id === m.id],
      [{ owner: "none" }, (id) => id === b.id || id === c.id || id === d.id],
      [{ owner: `user:${ann.user.id}` }, (id) => id === a.id],
    ];
    for (const [filter, keep] of filters) {
      expect(await loadDailyDeltas(db, { ...scope, timeZone: "UTC" }, filter)).toEqual(await recompute(db, pid, "UTC", keep));
    }

    // The time zone decides the day of b's port: 03-10 in New York, 03-11 in UTC.
    const ported = async (timeZone: string) =>
      (await loadDailyDeltas(db, { ...scope, timeZone }))
        .filter((x) => x.status === "PORTED" && x.count > 0 && x.traffic === 50 && x.day < "2026-03-13")
        .map((x) => x.day);
    expect(await ported("America/New_York")).toEqual(["2026-03-10"]);
    expect(await ported("UTC")).toEqual(["2026-03-11"]);

    // The rollup the database keeps (through inserts, and the updates of `at` above) gives the
    // same series as recomputing from the history; after a change of zone it is rebuilt.
    const range = { from: "2026-02-20", to: "2026-03-25" };
    const utc = await bothSeries(db, scope, "UTC", range);
    expect(utc.rollup).toEqual(utc.history);
    await updateProgressSettings(db, ctx, pid, { timeZone: "America/New_York", forecastWeeks: 6 });
    const ny = await bothSeries(db, scope, "America/New_York", range);
    expect(ny.rollup).toEqual(ny.history);
    expect(ny.rollup.burnUp.find((p) => p.day === "2026-03-10")!.ported).toBe(utc.rollup.burnUp.find((p) => p.day === "2026-03-11")!.ported);
    await updateProgressSettings(db, ctx, pid, { timeZone: "UTC", forecastWeeks: 6 });

    // The series end where the inventory is now.
    const series = seriesFromHistory(await db.itemChange.findMany({ where: { projectId: pid } }), await db.item.findMany({ where: { projectId: pid } }), {
      from: "2026-03-01",
      to: "2026-03-25",
      timeZone: "UTC",
    });
    const end = series.flow[series.flow.length - 1];
    const now = await db.item.groupBy({ by: ["status"], where: { projectId: pid, deletedAt: null }, _count: true });
    for (const status of STATUS_ORDER) expect(end[status], status).toBe(now.find((n) => n.status === status)?._count ?? 0);
    expect(series.burnUp.find((p) => p.day === "2026-03-05")).toEqual({ day: "2026-03-05", scope: 4, ported: 1, verified: 0 });
    expect(series.burnUp.find((p) => p.day === "2026-03-12")).toMatchObject({ scope: 2, ported: 1 });
    expect(series.burnUp.find((p) => p.day === "2026-03-14")).toMatchObject({ scope: 3, ported: 2 });
    expect(series.burnUp[series.burnUp.length - 1]).toMatchObject({ scope: 4, ported: 2 });
  });

  test("a generated project with a long history: the SQL sums and the rollup equal the replay", async () => {
    const { db } = await setup();
    const s = await seedSyntheticProject(db, { routes: 300, modules: 60, dependencies: 20, history: 3000, seed: 11, organizationSlug: "progress-synthetic" });
    const scope = { organizationId: s.organizationId, projectId: s.projectId };
    const both = await bothSeries(db, scope, "UTC", { from: "2024-06-01", to: new Date().toISOString().slice(0, 10) });
    expect(both.rollup.burnUp.at(-1)!.ported).toBeGreaterThan(10);
    expect(both.rollup).toEqual(both.history);
    for (const timeZone of ["UTC", "Europe/Berlin"]) {
      const sql = await loadDailyDeltas(db, { ...scope, timeZone });
      expect(sql.length).toBeGreaterThan(50);
      expect(sql).toEqual(await recompute(db, s.projectId, timeZone));
    }
  });
});

describe("the dashboard", () => {
  test("every part is computed; filters and range validated; another organisation gets 404", async () => {
    const { db, ctx, pid } = await setup();
    const a = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/a", trafficPerDay: 900 });
    await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/b", trafficPerDay: 100 });
    await createItem(db, ctx, pid, "DEPENDENCY", { name: "django", readiness: "UPGRADE_NEEDED" });
    await updateItem(db, ctx, pid, "ROUTE", a.id, { status: "PORTED" });
    const now = new Date();
    const d = await loadDashboard(db, ctx, pid, {}, now);
    const today = now.toISOString().slice(0, 10);
    expect(d.range.to).toBe(today);
    expect(d.series.burnUp[d.series.burnUp.length - 1]).toEqual({ day: today, scope: 3, ported: 1, verified: 0 });
    expect(d.series.traffic[d.series.traffic.length - 1]).toMatchObject({ share: 0.9, countShare: 0.5 });
    expect(d.forecast).toMatchObject({ kind: "unknown" });
    expect(d.quadrant).toMatchObject({ grouped: false, routes: 2 });
    // Routes by owner unless a kind is chosen.
    expect(d.owners).toEqual([expect.objectContaining({ owner: "none", remaining: 1, total: 2, remainingTraffic: 100 })]);
    const deps = await loadDashboard(db, ctx, pid, { kind: "DEPENDENCY" }, now);
    expect(deps.owners).toEqual([expect.objectContaining({ owner: "none", remaining: 1, total: 1 })]);
    expect(d.readiness.counts.find((c) => c.key === "UPGRADE_NEEDED")?.count).toBe(1);
    expect(d.readiness.counts.find((c) => c.key === "FINISHED")?.count).toBe(0);
    expect(d.activity.rows.map((r) => r.field)).toEqual(["status", "created", "created", "created"]);
    // Drilling into today's status changes: the port, and the three items' creation.
    const statusOnly = await loadDashboard(db, ctx, pid, { field: "status", day: today }, now);
    expect(statusOnly.activity.rows.map((r) => `${r.field} ${r.itemKey}`)[0]).toBe("status GET /a");
    expect(statusOnly.activity.rows).toHaveLength(4);
    expect((await loadDashboard(db, ctx, pid, { field: "owner", day: today }, now)).activity.rows).toEqual([]);
    expect((await loadDashboard(db, ctx, pid, { day: "2020-01-01" }, now)).activity.rows).toEqual([]);

    const bad = await loadDashboard(db, ctx, pid, { from: "2026-02-30", kind: "PAGE", colour: "red" }).catch((e) => e);
    expect(bad.code).toBe("invalid_input");
    expect(await codeOf(loadDashboard(db, ctx, pid, { from: "2026-05-01", to: "2026-04-01" }))).toBe("invalid_input");
    expect(await codeOf(loadDashboard(db, ctx, pid, { cursor: "nope" }))).toBe("invalid_input");
    const other = await newAdmin(db, "Other");
    expect(await codeOf(loadDashboard(db, other.ctx, pid, {}))).toBe("not_found");
    const theirTeam = await createTeam(db, other.ctx, { name: "Theirs" });
    expect(await codeOf(loadDashboard(db, ctx, pid, { team: theirTeam }))).toBe("invalid_input");
  });

  test("progress settings: a real time zone and a sane window, managers only", async () => {
    const { db, ctx, pid, organization } = await setup();
    const bad = await updateProgressSettings(db, ctx, pid, { timeZone: "Mars/Olympus", forecastWeeks: "1" }).catch((e) => e);
    expect(Object.keys(bad.details.fields).sort()).toEqual(["forecastWeeks", "timeZone"]);
    const steward = await newMember(db, organization.id, "STEWARD");
    expect(await codeOf(updateProgressSettings(db, steward.ctx, pid, { timeZone: "Europe/Berlin", forecastWeeks: 4 }))).toBe("forbidden");
    await updateProgressSettings(db, ctx, pid, { timeZone: "Europe/Berlin", forecastWeeks: "4" });
    expect(await db.project.findUniqueOrThrow({ where: { id: pid }, select: { timeZone: true, forecastWeeks: true } })).toEqual({
      timeZone: "Europe/Berlin",
      forecastWeeks: 4,
    });
  });
});

describe("dependencies holding back traffic", () => {
  test("each open route counts once per dependency, through any number of unported modules; the top ten are exact", async () => {
    const { db, ctx, pid, scope } = await setup();
    const { loadDependencyReadiness } = await import("@/lib/progress/readiness");
    const dep = (name: string, readiness = "UPGRADE_NEEDED") => createItem(db, ctx, pid, "DEPENDENCY", { name, readiness });
    const mod = (path: string, status = "NOT_STARTED") => createItem(db, ctx, pid, "MODULE", { path, status });
    const route = (path: string, trafficPerDay: number, status = "NOT_STARTED") =>
      createItem(db, ctx, pid, "ROUTE", { method: "GET", path, trafficPerDay, status });
    const { addRelation } = await import("@/lib/inventory/items");
    const uses = (from: { id: string }, key: string) => addRelation(db, ctx, pid, from.id, { targetKey: key });
    // "shared" is needed by two modules that one route uses both of: that route counts once.
    await dep("shared");
    await dep("ready", "COMPATIBLE");
    const billing = await mod("billing");
    const invoices = await mod("invoices");
    const done = await mod("legacy", "PORTED");
    await uses(billing, "shared");
    await uses(invoices, "shared");
    await uses(done, "shared");
    await uses(billing, "ready");
    const checkout = await route("/checkout", 1000);
    await uses(checkout, "billing");
    await uses(checkout, "invoices");
    await uses(await route("/invoice", 10), "invoices");
    await uses(await route("/old", 5000), "legacy"); // through a ported module: not held back
    await uses(await route("/ported", 700, "PORTED"), "billing"); // a done route: not held back
    // Sixty more dependencies, each needed by its own module and route: more than the first round of candidates takes.
    for (let i = 0; i < 60; i++) {
      await dep(`d${i}`);
      const m = await mod(`m${i}`);
      await uses(m, `d${i}`);
      await uses(await route(`/r${i}`, 100 + i), `m${i}`);
    }
    const { blocking } = await loadDependencyReadiness(db, scope, {});
    expect(blocking[0]).toMatchObject({ key: "shared", routes: 2, trafficPerDay: 1010 });
    expect(blocking.map((b) => b.key)).toEqual(["shared", "d59", "d58", "d57", "d56", "d55", "d54", "d53", "d52", "d51"]);
    expect(blocking[1]).toMatchObject({ routes: 1, trafficPerDay: 159 });
  }, 120_000); // some 250 writes, a transaction each: minutes on a busy machine, seconds on a quiet one
});
