/**
 * Issue 17: the status page for people outside engineering — built from the cutover ledger in plain
 * language, read by members or through a rotatable share link, with its Atom feed and the "to
 * notify" events of a planned switch moved or cancelled.
 */
import { afterEach, describe, expect, test } from "vitest";
import { XMLValidator } from "fast-xml-parser";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { sha256 } from "@/lib/secrets";
import { createItem } from "@/lib/inventory/items";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { createFreezeWindow } from "@/lib/cutover/freeze-windows";
import { killSwitch, switchRoute } from "@/lib/cutover/switch";
import { cancelScheduledSwitch, rescheduleSwitch, scheduleSwitch } from "@/lib/cutover/scheduled";
import { sendStatusEvents } from "@/lib/status/send-events";
import { startSmtp } from "../helpers/receivers";
import { statusPageForMember, statusPageForToken } from "@/lib/status/page-data";
import {
  addStatusSubscriber,
  createStatusNote,
  disableStatusShareLink,
  myStatusSubscription,
  rotateStatusShareLink,
  setMyStatusSubscription,
  statusSubscribersFor,
  updateStatusSummary,
} from "@/lib/status/manage";
import { setStatusChangeHook } from "@/lib/status/events";
import { statusFeed } from "@/lib/status/feed";

const page = await import("@/app/status/[token]/feed.xml/route");

const upstreams = { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "https://new.internal:8443" };

async function feed(token: string) {
  const response = await page.GET(new Request(`http://localhost/status/${token}/feed.xml`), { params: Promise.resolve({ token }) });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

async function setup() {
  // Named instant: dates are asserted in the project's zone.
  pinClock("2026-06-10T12:00:00Z");
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx, { name: "Shop port" });
  const pid = project.id;
  await db.project.update({ where: { id: pid }, data: { timeZone: "Europe/Berlin" } });
  await updateCutoverSettings(db, admin.ctx, pid, upstreams);
  const checkout = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/checkout", trafficPerDay: 600 });
  const orders = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/orders/<int:id>", trafficPerDay: 300 });
  const about = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/about", trafficPerDay: 100 });
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Stella");
  const viewer = await newMember(db, admin.organization.id, "VIEWER", "Vic");
  return { db, ...admin, pid, checkout, orders, about, steward, viewer };
}

afterEach(() => setStatusChangeHook(null));

describe("the status page", () => {
  test("share on the new system by traffic, recent switches and roll-backs in plain words, dates in the project's zone", async () => {
    const { db, ctx, pid, checkout, orders, viewer } = await setup();
    await switchRoute(db, ctx, pid, checkout.id, { target: { to: "new" }, reason: "checkout rewritten" });
    await switchRoute(db, ctx, pid, orders.id, { target: { to: "canary", percent: 10 }, reason: "trial" });
    // new 600 + canary 10 % of 300 = 630 of 1,000.
    let status = await statusPageForMember(db, viewer.ctx, pid);
    expect(status.share).toMatchObject({ percent: "63 %", routes: 3, routesOnNew: 1 });
    expect(status.may.manage).toBe(false);
    expect(status.recent.map((c) => [c.day, c.sentence, c.reason])).toEqual([
      ["Wednesday 10 June 2026", "/orders/…: 10 % of visitors now use the new system (a trial; the others stay on the old one).", null],
      ["Wednesday 10 June 2026", "/checkout moved to the new system.", null],
    ]);
    expect(status.incidents).toEqual([]);

    // Late evening UTC is the next day in Berlin; the kill switch is one incident, with its reason.
    pinClock("2026-06-10T22:30:00Z");
    await killSwitch(db, ctx, pid, { scope: { kind: "project" }, reason: "Payments failed for some cards" });
    status = await statusPageForMember(db, viewer.ctx, pid);
    expect(status.share.percent).toBe("0 %");
    expect(status.incidents.map((c) => [c.day, c.sentence, c.reason])).toEqual([
      ["Thursday 11 June 2026", "/checkout and /orders/… went back to the old system.", "Payments failed for some cards"],
    ]);
    // Nothing a reader outside engineering would not understand: no methods, patterns or state names.
    const text = JSON.stringify(status);
    expect(text).not.toMatch(/GET |<int|canary:|LEGACY|CANARY|kill/);
  });

  test("planned switches with dates and the stewards' notes; freeze windows ahead; switches older than 30 days left out", async () => {
    const { db, ctx, pid, checkout, about, steward } = await setup();
    await db.trafficSwitch.create({
      data: {
        organizationId: ctx.organizationId,
        projectId: pid,
        itemId: about.id,
        fromState: "LEGACY",
        toState: "SHADOW",
        kind: "switch",
        at: new Date("2026-05-01T10:00:00Z"),
      },
    });
    const planned = await scheduleSwitch(db, ctx, pid, { itemId: checkout.id, target: { to: "new" }, reason: "launch", at: "2026-06-16T14:00" });
    await createStatusNote(db, steward.ctx, pid, {
      title: "Checkout moves on Tuesday",
      howToNotice: "The payment page looks slightly different.",
      whomToTell: "#shop-support",
      scheduledSwitchId: planned.id,
    });
    await createStatusNote(db, steward.ctx, pid, { title: "General", howToNotice: "Nothing yet.", whomToTell: "Stella" });
    await createFreezeWindow(db, ctx, pid, { reason: "Summer sale", timeZone: "Europe/Berlin", startsAt: "2026-06-20T00:00", endsAt: "2026-06-22T00:00" });
    await updateStatusSummary(db, steward.ctx, pid, { summary: "  We are moving the shop, page by page.  " });

    const status = await statusPageForMember(db, steward.ctx, pid);
    expect(status.may.manage).toBe(true);
    expect(status.summary).toBe("We are moving the shop, page by page.");
    expect(status.recent).toEqual([]);
    expect(status.upcoming.map((u) => [u.when, u.sentence, u.notes.map((n) => n.title)])).toEqual([
      ["Tuesday 16 June 2026 at 14:00 (Europe/Berlin time)", "/checkout moves to the new system.", ["Checkout moves on Tuesday"]],
    ]);
    expect(status.notes.map((n) => n.title)).toEqual(["General"]);
    expect(status.freezes.map((f) => f.text)).toEqual([
      "No changes from Saturday 20 June 2026 at 00:00 (Europe/Berlin time) until Monday 22 June 2026 at 00:00 (Europe/Berlin time): Summer sale",
    ]);
  });

  test("only stewards and above write it; inputs are checked", async () => {
    const { db, pid, viewer, steward } = await setup();
    expect(await codeOf(updateStatusSummary(db, viewer.ctx, pid, { summary: "x" }))).toBe("forbidden");
    expect(await codeOf(rotateStatusShareLink(db, viewer.ctx, pid))).toBe("forbidden");
    expect(await codeOf(createStatusNote(db, steward.ctx, pid, { title: "", howToNotice: "a", whomToTell: "b" }))).toBe("invalid_input");
    expect(await codeOf(createStatusNote(db, steward.ctx, pid, { title: "t", howToNotice: "a", whomToTell: "b", extra: 1 }))).toBe("invalid_input");
    expect(await codeOf(createStatusNote(db, steward.ctx, pid, { title: "t", howToNotice: "a", whomToTell: "b", scheduledSwitchId: "nope" }))).toBe(
      "not_found",
    );
    expect(await codeOf(addStatusSubscriber(db, steward.ctx, pid, { email: "not an address" }))).toBe("invalid_input");
  });
});

describe("the share link", () => {
  test("opens the page signed out; rotating makes the old link not found; turning it off too", async () => {
    const { db, pid, steward } = await setup();
    await updateStatusSummary(db, steward.ctx, pid, { summary: "Moving the shop." });
    const { secret } = await rotateStatusShareLink(db, steward.ctx, pid);
    expect(secret).toMatch(/^wps_[A-Za-z0-9_-]{43}$/);
    expect((await db.project.findUniqueOrThrow({ where: { id: pid }, select: { statusShareTokenHash: true } })).statusShareTokenHash).toBe(sha256(secret));
    expect(await db.auditEvent.count({ where: { targetId: pid, action: "status_link.created" } })).toBe(1);
    expect((await statusPageForToken(db, secret)).summary).toBe("Moving the shop.");

    const { secret: second } = await rotateStatusShareLink(db, steward.ctx, pid);
    expect(await codeOf(statusPageForToken(db, secret))).toBe("not_found");
    expect((await feed(secret)).status).toBe(404);
    expect((await statusPageForToken(db, second)).project.id).toBe(pid);
    expect(await db.auditEvent.count({ where: { targetId: pid, action: "status_link.rotated" } })).toBe(1);

    await disableStatusShareLink(db, steward.ctx, pid);
    expect(await codeOf(statusPageForToken(db, second))).toBe("not_found");
    for (const bad of ["", "wps_", "wpc_x", `wps_${"a".repeat(300)}`]) expect(await codeOf(statusPageForToken(db, bad))).toBe("not_found");
  });

  test("never another tenant's data: a member of another organisation cannot read the page, and a token opens only its own project", async () => {
    const { db, ctx, pid, steward } = await setup();
    const other = await newAdmin(db, "Otto Other");
    const theirs = await newProject(db, other.ctx, { name: "Their secret port" });
    await updateStatusSummary(db, other.ctx, theirs.id, { summary: "Their plans" });
    const { secret: theirToken } = await rotateStatusShareLink(db, other.ctx, theirs.id);
    expect(await codeOf(statusPageForMember(db, ctx, theirs.id))).toBe("not_found");
    expect(await codeOf(rotateStatusShareLink(db, ctx, theirs.id))).toBe("not_found");
    expect(await codeOf(updateStatusSummary(db, steward.ctx, theirs.id, { summary: "hijack" }))).toBe("not_found");

    const { secret } = await rotateStatusShareLink(db, steward.ctx, pid);
    const ours = await statusPageForToken(db, secret);
    expect(ours.project.id).toBe(pid);
    expect(JSON.stringify(ours)).not.toContain("Their");
    expect((await statusPageForToken(db, theirToken)).summary).toBe("Their plans");
  });

  test("the Atom feed is well-formed, escaped and served as Atom", async () => {
    const { db, ctx, pid, checkout, steward } = await setup();
    await db.project.update({ where: { id: pid }, data: { name: `Shop <&> "port"` } });
    await switchRoute(db, ctx, pid, checkout.id, { target: { to: "new" }, reason: "launch" });
    await switchRoute(db, ctx, pid, checkout.id, { target: { to: "legacy" }, reason: `<script>alert("x")</script> & more` });
    const planned = await scheduleSwitch(db, ctx, pid, { itemId: checkout.id, target: { to: "new" }, reason: "test", at: "2026-06-12T09:00" });
    await createStatusNote(db, steward.ctx, pid, { title: "A & B", howToNotice: "<b>bold</b>\u0001", whomToTell: "'ops'", scheduledSwitchId: planned.id });
    const { secret } = await rotateStatusShareLink(db, steward.ctx, pid);
    const { status, type, text } = await feed(secret);
    expect(status).toBe(200);
    expect(type).toBe("application/atom+xml; charset=utf-8");
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain("<title>Shop &lt;&amp;&gt; &quot;port&quot; — status</title>");

    expect(text).toContain("A &amp; B — How to notice: &lt;b&gt;bold&lt;/b&gt; Whom to tell: &apos;ops&apos;");
    expect(text).toContain("What happened: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(text).not.toContain("<script>");
    expect(text.match(/<entry>/g)).toHaveLength(3);
    // The same document for members.
    expect(statusFeed(await statusPageForMember(db, ctx, pid), { selfUrl: "http://x/f", pageUrl: "http://x/p" })).toContain(
      "Planned for Friday 12 June 2026 at 09:00",
    );
  });
});

describe("telling subscribers", () => {
  test("moving or cancelling a planned switch records what subscribers are told, in the change's transaction", async () => {
    const { db, ctx, pid, checkout, steward } = await setup();
    await addStatusSubscriber(db, steward.ctx, pid, { email: "Ops@Example.com" });
    expect(await codeOf(addStatusSubscriber(db, steward.ctx, pid, { email: "ops@example.com" }))).toBe("conflict");
    expect(await statusSubscribersFor(db, { organizationId: ctx.organizationId, projectId: pid })).toEqual(["ops@example.com"]);

    const planned = await scheduleSwitch(db, ctx, pid, { itemId: checkout.id, target: { to: "new" }, reason: "launch", at: "2026-06-16T14:00" });
    const moved = await rescheduleSwitch(db, ctx, pid, planned.id, { at: "2026-06-18T09:30" });
    expect(moved.runAt.toISOString()).toBe("2026-06-18T07:30:00.000Z");
    await cancelScheduledSwitch(db, ctx, pid, planned.id);
    const events = await db.statusEvent.findMany({ where: { projectId: pid }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.kind, e.message, e.notifiedAt])).toEqual([
      [
        "switch.rescheduled",
        "Moved: the change planned for Tuesday 16 June 2026 at 14:00 (Europe/Berlin time) now happens on Thursday 18 June 2026 at 09:30 (Europe/Berlin time). (/checkout moves to the new system.)",
        null,
      ],
      [
        "switch.cancelled",
        "Cancelled: the change planned for Thursday 18 June 2026 at 09:30 (Europe/Berlin time) will not happen then. (/checkout moves to the new system.)",
        null,
      ],
    ]);
    expect((await statusPageForMember(db, ctx, pid)).announcements).toHaveLength(2);
    expect(await codeOf(rescheduleSwitch(db, ctx, pid, planned.id, { at: "2026-06-19T09:30" }))).toBe("conflict");
    expect(await codeOf(rescheduleSwitch(db, ctx, pid, planned.id, { at: "2026-06-01T09:30" }))).toBe("invalid_input");
  });

  test("the sweep e-mails each subscriber once per event, over a real SMTP server; nothing without e-mail set up", async () => {
    const { db, ctx, pid, checkout, steward } = await setup();
    await addStatusSubscriber(db, steward.ctx, pid, { email: "ops@example.com" });
    await addStatusSubscriber(db, steward.ctx, pid, { email: "support@example.com" });
    const planned = await scheduleSwitch(db, ctx, pid, { itemId: checkout.id, target: { to: "new" }, reason: "launch", at: "2026-06-16T14:00" });
    await cancelScheduledSwitch(db, ctx, pid, planned.id);
    expect(await sendStatusEvents(db)).toEqual({ events: 0, emails: 0 }); // no SMTP configured: it waits
    const smtp = await startSmtp();
    Object.assign(process.env, { WAYPOINT_SMTP_URL: smtp.url, WAYPOINT_SMTP_FROM: "Waypoint <waypoint@example.test>" });
    try {
      // The sweep serves every project: other tests of this file left events of their own projects.
      const ours = () => smtp.mails.filter((m) => m.raw.includes("Cancelled: the change planned for Tuesday 16 June 2026 at 14:00"));
      const first = await sendStatusEvents(db);
      expect(first.events).toBeGreaterThanOrEqual(1);
      expect(
        ours()
          .map((m) => m.to)
          .sort(),
      ).toEqual([["ops@example.com"], ["support@example.com"]]);
      const sent = smtp.mails.length;
      expect(await sendStatusEvents(db)).toEqual({ events: 0, emails: 0 });
      expect(smtp.mails).toHaveLength(sent);
      expect((await db.statusEvent.findFirstOrThrow({ where: { projectId: pid } })).notifiedAt).not.toBeNull();
    } finally {
      delete process.env.WAYPOINT_SMTP_URL;
      delete process.env.WAYPOINT_SMTP_FROM;
      await smtp.close();
    }
  });

  test("the hook is injectable, and a hook that fails undoes the change", async () => {
    const { db, ctx, pid, checkout } = await setup();
    const planned = await scheduleSwitch(db, ctx, pid, { itemId: checkout.id, target: { to: "new" }, reason: "launch", at: "2026-06-16T14:00" });
    const seen: string[] = [];
    setStatusChangeHook(async (_tx, change) => {
      seen.push(change.kind);
      throw new Error("channel down");
    });
    await expect(cancelScheduledSwitch(db, ctx, pid, planned.id)).rejects.toThrow("channel down");
    expect(seen).toEqual(["switch.cancelled"]);
    expect((await db.scheduledSwitch.findUniqueOrThrow({ where: { id: planned.id } })).status).toBe("pending");
  });

  test("any member subscribes their own address, and only theirs; another tenant's planned switch cannot be moved", async () => {
    const { db, ctx, pid, checkout, viewer } = await setup();
    expect(await codeOf(addStatusSubscriber(db, viewer.ctx, pid, { email: "x@example.com" }))).toBe("forbidden");
    expect(await myStatusSubscription(db, viewer.ctx, pid)).toMatchObject({ subscribed: false });
    expect(await setMyStatusSubscription(db, viewer.ctx, pid, { subscribed: true })).toEqual({ subscribed: true });
    expect(await setMyStatusSubscription(db, viewer.ctx, pid, { subscribed: true })).toEqual({ subscribed: true });
    expect(await codeOf(setMyStatusSubscription(db, viewer.ctx, pid, { subscribed: "true" }))).toBe("invalid_input");
    const mine = await myStatusSubscription(db, viewer.ctx, pid);
    expect(mine.subscribed).toBe(true);
    expect(await statusSubscribersFor(db, { organizationId: ctx.organizationId, projectId: pid })).toEqual([mine.email]);
    await setMyStatusSubscription(db, viewer.ctx, pid, { subscribed: false });
    expect(await statusSubscribersFor(db, { organizationId: ctx.organizationId, projectId: pid })).toEqual([]);

    const other = await newAdmin(db, "Otto Other");
    const planned = await scheduleSwitch(db, ctx, pid, { itemId: checkout.id, target: { to: "new" }, reason: "launch", at: "2026-06-16T14:00" });
    expect(await codeOf(rescheduleSwitch(db, other.ctx, pid, planned.id, { at: "2026-06-17T14:00" }))).toBe("not_found");
    expect(await codeOf(setMyStatusSubscription(db, other.ctx, pid, { subscribed: true }))).toBe("not_found");
    expect(await codeOf(rescheduleSwitch(db, viewer.ctx, pid, planned.id, { at: "2026-06-17T14:00" }))).toBe("forbidden");
    expect(await statusSubscribersFor(db, { organizationId: other.organization.id, projectId: pid })).toEqual([]);
  });
});
