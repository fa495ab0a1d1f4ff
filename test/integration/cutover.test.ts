/**
 * Issue 15: Waypoint is the switch. The ledger (switches with history, the kill switch, bulk
 * switches, freeze windows, upstreams) and the routing endpoint that serves it.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { call, callRoute } from "../helpers/route";
import { addRelation, createItem } from "@/lib/inventory/items";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { bulkSwitch, killSwitch, switchRoute } from "@/lib/cutover/switch";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { createFreezeWindow, listFreezeWindows } from "@/lib/cutover/freeze-windows";
import { cutoverSummary, listSwitches } from "@/lib/cutover/history";
import { createTeam } from "@/lib/teams/teams";
import { calendarForToken, rotateCalendarToken } from "@/lib/stewardship/calendar";
import { signIn } from "../helpers/session";

const routing = await import("@/app/api/v1/projects/[projectId]/routing/route");
const switchApi = await import("@/app/api/v1/projects/[projectId]/items/[itemId]/switch/route");
const items = await import("@/app/api/v1/projects/[projectId]/[kind]/route");

beforeEach(() => {
  signIn(null);
});

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const eng = await newMember(db, admin.organization.id, "ENGINEER", "Erin");
  const route = (path: string, trafficPerDay = 100) => createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path, trafficPerDay });
  return { db, ...admin, pid, eng, route };
}

const upstreams = { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "https://new.internal:8443" };

describe("the cutover ledger", () => {
  test("a switch records who, when, why, from → to, on the switch history and the item's history; the same switch again changes nothing", async () => {
    const { db, ctx, pid, eng, route } = await setup();
    const r = await route("/orders/<int:id>");
    expect(await codeOf(switchRoute(db, eng.ctx, pid, r.id, { target: { to: "new" }, reason: "ported and smoke-tested" }))).toBe("conflict"); // no upstreams yet
    await updateCutoverSettings(db, ctx, pid, upstreams);
    expect(await switchRoute(db, eng.ctx, pid, r.id, { target: { to: "canary", percent: 10 }, reason: "first 10 %" })).toMatchObject({
      state: "canary:10",
      changed: true,
    });
    expect(await switchRoute(db, eng.ctx, pid, r.id, { target: { to: "canary", percent: 10 }, reason: "again" })).toMatchObject({ changed: false });
    await switchRoute(db, eng.ctx, pid, r.id, { target: { to: "new" }, reason: "canary clean for a day" });
    await switchRoute(db, eng.ctx, pid, r.id, { target: { to: "legacy" }, reason: "500s on checkout" });
    const history = await listSwitches(db, ctx, pid, { item: r.id });
    expect(history.data.map((s) => [s.from, s.to, s.kind, s.reason, s.actor])).toEqual([
      ["new", "legacy", "rollback", "500s on checkout", "Erin"],
      ["canary:10", "new", "switch", "canary clean for a day", "Erin"],
      ["legacy", "canary:10", "switch", "first 10 %", "Erin"],
    ]);
    const itemHistory = await db.itemChange.findMany({ where: { itemId: r.id, field: "servedBy" }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(itemHistory.map((h) => `${h.fromValue}→${h.toValue}`)).toEqual(["legacy→canary:10", "canary:10→new", "new→legacy"]);
  });

  test("two people switching the same route at once: the one who decided on a stale state gets 409, the history stays whole", async () => {
    const { db, ctx, pid, eng, route } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const r = await route("/checkout");
    const results = await Promise.allSettled([
      switchRoute(db, eng.ctx, pid, r.id, { target: { to: "new" }, reason: "Erin's call", expected: "legacy" }),
      switchRoute(db, ctx, pid, r.id, { target: { to: "shadow" }, reason: "Ada's call", expected: "legacy" }),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict" });
    expect(await db.trafficSwitch.count({ where: { itemId: r.id } })).toBe(1);
  });

  test("bad input: an upstream that is not http(s)://host:port, a canary of 0 %, no reason — 400 and nothing written", async () => {
    const { db, ctx, pid, route } = await setup();
    expect(await codeOf(updateCutoverSettings(db, ctx, pid, { legacyUpstream: "http://10.0.0.5:8080/app;include /etc/passwd" }))).toBe("invalid_input");
    expect(await codeOf(updateCutoverSettings(db, ctx, pid, { newUpstream: "ftp://files" }))).toBe("invalid_input");
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const r = await route("/a");
    expect(await codeOf(switchRoute(db, ctx, pid, r.id, { target: { to: "canary", percent: 0 }, reason: "try" }))).toBe("invalid_input");
    expect(await codeOf(switchRoute(db, ctx, pid, r.id, { target: { to: "new" }, reason: "" }))).toBe("invalid_input");
    expect(await db.trafficSwitch.count({ where: { projectId: pid } })).toBe(0);
  });

  test("a freeze window refuses every switch with 409 naming it; an admin may override with a reason (recorded); the kill switch always works", async () => {
    pinClock("2027-11-23T10:00:00Z");
    const { db, ctx, pid, eng, route } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const r = await route("/cart");
    await switchRoute(db, eng.ctx, pid, r.id, { target: { to: "shadow" }, reason: "dark launch" });
    await createFreezeWindow(db, ctx, pid, { reason: "Black Friday week", startsAt: "2027-11-22T00:00:00Z", endsAt: "2027-11-30T00:00:00Z" });
    const refused = await switchRoute(db, eng.ctx, pid, r.id, { target: { to: "new" }, reason: "go live" }).catch((e) => e);
    expect(refused).toMatchObject({ code: "conflict", details: { freezeWindow: { reason: "Black Friday week" } } });
    expect(refused.message).toContain("Black Friday week");
    expect(await codeOf(switchRoute(db, eng.ctx, pid, r.id, { target: { to: "new" }, reason: "go live", overrideFreeze: { reason: "I know" } }))).toBe(
      "forbidden",
    );
    await switchRoute(db, ctx, pid, r.id, {
      target: { to: "new" },
      reason: "the fix for the payment bug",
      overrideFreeze: { reason: "incident 4711: the legacy cart double-charges" },
    });
    const [last] = (await listSwitches(db, ctx, pid, { item: r.id })).data;
    expect(last.override).toMatchObject({ reason: "incident 4711: the legacy cart double-charges" });
    expect(await killSwitch(db, eng.ctx, pid, { scope: { kind: "route", itemId: r.id }, reason: "still double-charging" })).toMatchObject({ switched: 1 });
    expect((await listFreezeWindows(db, ctx, pid)).active?.reason).toBe("Black Friday week");
    pinClock();
  });

  test("freeze windows are in the project's calendar feed", async () => {
    pinClock("2027-11-01T10:00:00Z");
    const { db, ctx, pid } = await setup();
    await createFreezeWindow(db, ctx, pid, {
      reason: "Black Friday week",
      startsAt: "2027-11-22T00:00",
      endsAt: "2027-11-30T00:00",
      timeZone: "America/New_York",
    });
    const { secret } = await rotateCalendarToken(db, ctx, pid);
    const { ics } = await calendarForToken(db, secret);
    expect(ics).toContain("SUMMARY:Freeze: no cutover — Black Friday week");
    // The window's wall-clock times were read in its zone: midnight in New York is 05:00 UTC.
    expect(ics).toMatch(/DTSTART:20271122T050000Z/);
    pinClock();
  });

  test("a weekly freeze window is read in its time zone", async () => {
    const { db, ctx, pid, route } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const r = await route("/x");
    // Every Friday 18:00 Berlin time for 60 hours: Saturday noon is inside, Tuesday is not.
    await createFreezeWindow(db, ctx, pid, { reason: "weekends", cron: "0 18 * * 5", durationMinutes: 3600, timeZone: "Europe/Berlin" });
    pinClock("2027-04-03T10:00:00Z");
    expect(await codeOf(switchRoute(db, ctx, pid, r.id, { target: { to: "new" }, reason: "weekend work" }))).toBe("conflict");
    pinClock("2027-04-06T10:00:00Z");
    expect(await switchRoute(db, ctx, pid, r.id, { target: { to: "new" }, reason: "Tuesday" })).toMatchObject({ changed: true });
    expect(await codeOf(createFreezeWindow(db, ctx, pid, { reason: "bad", cron: "61 * * * *", durationMinutes: 10 }))).toBe("invalid_input");
    pinClock();
  });

  test("the kill switch sends a module's routes, a team's or the whole project back to legacy, as one batch", async () => {
    const { db, ctx, pid, route } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const teamId = await createTeam(db, ctx, { name: "Payments" });
    const billing = await createItem(db, ctx, pid, "MODULE", { path: "app/billing" });
    const a = await createItem(db, ctx, pid, "ROUTE", { method: "GET", path: "/billing", owner: `team:${teamId}` });
    const b = await route("/billing/history");
    const c = await route("/about");
    await addRelation(db, ctx, pid, a.id, { targetKey: "app/billing" });
    await addRelation(db, ctx, pid, b.id, { targetKey: "app/billing" });
    await bulkSwitch(db, ctx, pid, { itemIds: [a.id, b.id, c.id], target: { to: "new" }, reason: "release 42" });
    expect((await cutoverSummary(db, ctx, pid)).newShare).toBe(1);

    const byModule = await killSwitch(db, ctx, pid, { scope: { kind: "module", moduleId: billing.id }, reason: "billing errors" });
    expect(byModule).toMatchObject({ switched: 2, keys: ["GET /billing", "GET /billing/history"] });
    expect(new Set((await db.trafficSwitch.findMany({ where: { batchId: byModule.batchId } })).map((s) => s.kind))).toEqual(new Set(["kill-switch"]));
    expect((await db.item.findUniqueOrThrow({ where: { id: c.id } })).servedBy).toBe("NEW");
    expect(await killSwitch(db, ctx, pid, { scope: { kind: "project" }, reason: "all back" })).toMatchObject({ switched: 1, keys: ["GET /about"] });
    expect(await killSwitch(db, ctx, pid, { scope: { kind: "team", teamId }, reason: "nothing left" })).toMatchObject({ switched: 0 });
  });

  test("a bulk switch is all or nothing: an id that is not a route of this project refuses the whole batch", async () => {
    const { db, ctx, pid, route } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const r = await route("/one");
    const other = await newAdmin(db, "Other");
    const theirs = await createItem(db, other.ctx, (await newProject(db, other.ctx)).id, "ROUTE", { method: "GET", path: "/theirs" });
    expect(await codeOf(bulkSwitch(db, ctx, pid, { itemIds: [r.id, theirs.id], target: { to: "new" }, reason: "both" }))).toBe("invalid_input");
    expect((await db.item.findUniqueOrThrow({ where: { id: r.id } })).servedBy).toBe("LEGACY");
    expect((await db.item.findUniqueOrThrow({ where: { id: theirs.id } })).servedBy).toBe("LEGACY");
    // Another tenant's route is a 404 to the single switch, and to the kill switch.
    expect(await codeOf(switchRoute(db, ctx, pid, theirs.id, { target: { to: "new" }, reason: "try it" }))).toBe("not_found");
    expect(await codeOf(killSwitch(db, ctx, pid, { scope: { kind: "route", itemId: theirs.id }, reason: "try it" }))).toBe("not_found");
  });

  test("roles: a viewer cannot switch; an engineer cannot change upstreams or add windows", async () => {
    const { db, ctx, pid, eng, route, organization } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const viewer = await newMember(db, organization.id, "VIEWER", "Vic");
    const r = await route("/r");
    expect(await codeOf(switchRoute(db, viewer.ctx, pid, r.id, { target: { to: "new" }, reason: "try it" }))).toBe("forbidden");
    expect(await codeOf(killSwitch(db, viewer.ctx, pid, { scope: { kind: "project" }, reason: "try it" }))).toBe("forbidden");
    expect(await codeOf(updateCutoverSettings(db, eng.ctx, pid, { legacyRetired: true }))).toBe("forbidden");
    expect(await codeOf(createFreezeWindow(db, eng.ctx, pid, { reason: "mine", startsAt: "2027-01-01T00:00:00Z", endsAt: "2027-01-02T00:00:00Z" }))).toBe(
      "forbidden",
    );
  });
});

describe("the routing endpoint", () => {
  test("serves the configuration with an ETag, 304 while unchanged, a new ETag after a switch; a ROUTING token reads it and nothing else", async () => {
    const { db, ctx, pid, route } = await setup();
    await updateCutoverSettings(db, ctx, pid, upstreams);
    const r = await route("/orders/<int:id>");
    const { secret } = await createApiToken(db, ctx, { projectId: pid, name: "nginx on lb-1", role: "VIEWER", scope: "ROUTING" });
    const auth = { Authorization: `Bearer ${secret}` };
    const first = await callRoute(routing.GET, { projectId: pid }, { headers: auth, query: "?format=nginx" });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect(await first.text()).toContain("10.0.0.5:8080");
    const again = await callRoute(routing.GET, { projectId: pid }, { headers: { ...auth, "If-None-Match": etag }, query: "?format=nginx" });
    expect(again.status).toBe(304);
    await switchRoute(db, ctx, pid, r.id, { target: { to: "new" }, reason: "go live" });
    const changed = await callRoute(routing.GET, { projectId: pid }, { headers: { ...auth, "If-None-Match": etag }, query: "?format=nginx" });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const json = await callRoute(routing.GET, { projectId: pid }, { headers: auth, query: "?format=json" });
    expect(JSON.parse(await json.text())).toMatchObject({ routes: [expect.objectContaining({ pattern: "/orders/<int:id>", state: { kind: "new" } })] });

    expect((await call(items.GET, { projectId: pid, kind: "routes" }, { headers: auth })).status).toBe(403);
    expect(
      (await call(switchApi.POST, { projectId: pid, itemId: r.id }, { method: "POST", headers: auth, json: { target: { to: "legacy" }, reason: "try it" } }))
        .status,
    ).toBe(403);
    expect((await call(routing.GET, { projectId: pid }, { headers: auth, query: "?format=excel" })).status).toBe(400);
    const other = await newAdmin(db, "Other");
    const theirs = await newProject(db, other.ctx);
    expect((await call(routing.GET, { projectId: theirs.id }, { headers: auth })).status).toBe(404);
  });

  test("without upstreams the export answers 409 saying what to set", async () => {
    const { db, ctx, pid } = await setup();
    const { secret } = await createApiToken(db, ctx, { projectId: pid, name: "proxy", role: "VIEWER", scope: "ROUTING" });
    const answer = await call(routing.GET, { projectId: pid }, { headers: { Authorization: `Bearer ${secret}` }, query: "?format=haproxy" });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toContain("upstreams");
  });
});
