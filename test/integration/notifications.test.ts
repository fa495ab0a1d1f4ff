/**
 * Issue 17, notifications that reach people: the one entry point (notifyEvent) records an event
 * once per state change and queues e-mail, Slack and signed outbound webhooks; the worker sends
 * them to real receivers — an SMTP server (smtp-server) and an HTTP server (node:http) that checks
 * Standard Webhooks signatures with the `standardwebhooks` library.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { Webhook } from "standardwebhooks";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { startHttp, startSmtp, until, type ReceivedRequest } from "../helpers/receivers";
import { jobsConnection } from "../setup/database";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { sweepOverdueActionItems } from "@/lib/notifications/overdue";
import { sendDigests } from "@/lib/notifications/digest";
import { createWebhookEndpoint, listDeliveries, redeliver, setSlackWebhook } from "@/lib/notifications/channels";
import { updatePreferences } from "@/lib/notifications/preferences";
import { dayKey, addDays } from "@/lib/time/days";
import * as clock from "@/lib/time/clock";
import type { Db } from "@/lib/db/client";
import { createItem } from "@/lib/inventory/items";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { bulkSwitch, killSwitch, switchRoute } from "@/lib/cutover/switch";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport } from "@/lib/import/pipeline/preview-and-commit";

const env = {
  WAYPOINT_SECRET_KEY: randomBytes(32).toString("base64"),
  WAYPOINT_ALLOW_PRIVATE_WEBHOOKS: "1",
  // Seconds between tries: the Standard Webhooks schedule (5 s, 5 min, …) replaced by 1 s so the test need not wait.
  WAYPOINT_NOTIFY_RETRY_SECONDS: "1,1,1,1",
  NEXTAUTH_URL: "https://waypoint.example.test",
  WAYPOINT_SMTP_FROM: "Waypoint <waypoint@example.test>",
};

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHttp>>;
/** path → how to answer (the status) */
const answers = new Map<string, (r: ReceivedRequest) => number>();
let worker: Worker | null = null;

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHttp((r) => (answers.get(r.path) ?? (() => 200))(r));
  Object.assign(process.env, env, { WAYPOINT_SMTP_URL: smtp.url });
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
});
afterAll(async () => {
  await smtp.close();
  await receiver.close();
  for (const key of [...Object.keys(env), "WAYPOINT_SMTP_URL"]) delete process.env[key];
});

const run = async (db: Db) => {
  worker = await startWorker(db, { connection: jobsConnection(), pollSeconds: 0.5 });
};
const at = (path: string) => receiver.requests.filter((r) => r.path === path);

async function setup(db: Db) {
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const eng = await newMember(db, admin.organization.id, "ENGINEER", "Eli Engineer");
  return { admin, project, eng };
}

async function overdueActionItem(db: Db, s: Awaited<ReturnType<typeof setup>>) {
  const today = dayKey(clock.now(), "UTC");
  const meeting = await db.meeting.create({
    data: {
      organizationId: s.admin.organization.id,
      projectId: s.project.id,
      date: new Date(`${addDays(today, -3)}T00:00:00Z`),
      startsAt: clock.now(),
      title: "Weekly",
    },
  });
  return db.actionItem.create({
    data: {
      organizationId: s.admin.organization.id,
      projectId: s.project.id,
      meetingId: meeting.id,
      text: "Write the rollback runbook",
      ownerId: s.eng.user.id,
      dueDate: new Date(`${addDays(today, -1)}T00:00:00Z`),
    },
  });
}

describe("notifications", () => {
  test("an overdue action item produces exactly one e-mail and one Slack message, however often the sweep runs", async () => {
    const db = await testDb();
    const s = await setup(db);
    await setSlackWebhook(db, s.admin.ctx, s.project.id, { url: `${receiver.origin}/slack/${s.project.id}` });
    const item = await overdueActionItem(db, s);
    expect(await sweepOverdueActionItems(db)).toEqual({ notified: 1 });
    expect(await sweepOverdueActionItems(db)).toEqual({ notified: 0 });
    await run(db);
    await sweepOverdueActionItems(db);
    const slackPath = `/slack/${s.project.id}`;
    await until(
      "the e-mail and the Slack message",
      () => [smtp.mails.filter((m) => m.to.includes(s.eng.user.email)).length, at(slackPath).length],
      ([m, k]) => m >= 1 && k >= 1,
    );
    // Time for a duplicate to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const mails = smtp.mails.filter((m) => m.to.includes(s.eng.user.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].raw).toMatch(/Subject: Action item overdue/);
    expect(mails[0].raw).toContain(`https://waypoint.example.test/orgs/${s.admin.ctx.organizationSlug}/projects/`);
    const slack = at(slackPath);
    expect(slack).toHaveLength(1);
    const message = JSON.parse(slack[0].body);
    expect(message.text).toMatch(/^Action item overdue/);
    expect(message.blocks[0].text.text).toMatch(/^\*<https:\/\/waypoint\.example\.test\/orgs\/.*\/stewardship\/meetings\/.*\|Action item overdue/);
    expect(await db.notification.count({ where: { userId: s.eng.user.id, kind: "action_item.overdue" } })).toBe(1);
    // A new due date that passes too is a new state: one more message.
    await db.actionItem.update({ where: { id: item.id }, data: { dueDate: new Date(`${addDays(dayKey(clock.now(), "UTC"), -2)}T00:00:00Z`) } });
    expect(await sweepOverdueActionItems(db)).toEqual({ notified: 1 });
  }, 60_000);

  test("a webhook receiver verifies the signature with the library; one that fails twice then succeeds gets the event once, with three attempts logged", async () => {
    const db = await testDb();
    const s = await setup(db);
    const path = `/hooks/${s.project.id}`;
    const endpoint = await createWebhookEndpoint(db, s.admin.ctx, s.project.id, { url: `${receiver.origin}${path}`, events: ["claim.handed_over"] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const verified: unknown[] = [];
    let calls = 0;
    answers.set(path, (r) => {
      calls++;
      if (calls <= 2) return 503;
      verified.push(new Webhook(endpoint.secret).verify(r.body, r.headers as Record<string, string>));
      return 204;
    });
    const result = await db.$transaction((tx) =>
      notifyEvent(tx, {
        organizationId: s.admin.organization.id,
        projectId: s.project.id,
        event: "claim.handed_over",
        subjectId: "claim-1",
        recipients: [s.eng.user.id],
        title: "Ada handed GET /orders over to you",
        link: "/orgs/x/projects/y/items/z",
      }),
    );
    // An event the filter does not take is not sent.
    await db.$transaction((tx) =>
      notifyEvent(tx, {
        organizationId: s.admin.organization.id,
        projectId: s.project.id,
        event: "import.finished",
        subjectId: "imp-1",
        recipients: [],
        title: "Import done",
      }),
    );
    await run(db);
    await until(
      "the third attempt",
      () => listDeliveries(db, s.admin.ctx, endpoint.id),
      (rows) => rows[0]?.status === "delivered",
    );
    const [delivery, ...others] = await listDeliveries(db, s.admin.ctx, endpoint.id);
    expect(others).toEqual([]);
    expect(delivery.attempts.map((a) => [a.number, a.ok, a.statusCode])).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, true, 204],
    ]);
    const requests = at(path);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([result.eventId]));
    expect(verified).toEqual([
      {
        type: "claim.handed_over",
        timestamp: expect.any(String),
        data: expect.objectContaining({ id: result.eventId, subjectId: "claim-1", url: "https://waypoint.example.test/orgs/x/projects/y/items/z" }),
      },
    ]);
    // A forged signature fails the library's check.
    expect(() => new Webhook(`whsec_${randomBytes(24).toString("base64")}`).verify(requests[2].body, requests[2].headers as Record<string, string>)).toThrow();

    // Redeliver: a fourth attempt, the same webhook-id.
    await redeliver(db, s.admin.ctx, delivery.id);
    await until(
      "the redelivery",
      () => listDeliveries(db, s.admin.ctx, endpoint.id),
      (rows) => rows[0].attempts.length === 4 && rows[0].status === "delivered",
    );
    expect(at(path).map((r) => r.headers["webhook-id"])).toEqual(Array(4).fill(result.eventId));
  }, 60_000);

  test("a receiver answering 410 Gone disables its endpoint: no more tries", async () => {
    const db = await testDb();
    const s = await setup(db);
    const path = `/gone/${s.project.id}`;
    answers.set(path, () => 410);
    const endpoint = await createWebhookEndpoint(db, s.admin.ctx, null, { url: `${receiver.origin}${path}` });
    const send = (subjectId: string) =>
      db.$transaction((tx) =>
        notifyEvent(tx, {
          organizationId: s.admin.organization.id,
          projectId: s.project.id,
          event: "import.finished",
          subjectId,
          recipients: [],
          title: `Import ${subjectId}`,
        }),
      );
    await send("a");
    await run(db);
    await until(
      "the endpoint to be disabled",
      () => db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
      (e) => e.disabledAt !== null,
    );
    // No retry (the schedule would try again after 1 s here), and a later event is not even queued for it.
    expect((await send("b")).deliveries).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(at(path).length).toBe(1);
    const log = await listDeliveries(db, s.admin.ctx, endpoint.id);
    expect(log.map((d) => [d.status, d.attempts.map((a) => a.statusCode)])).toEqual([["disabled", [410]]]);
  }, 60_000);

  test("tenant isolation: another organisation's webhook never receives this one's events", async () => {
    const db = await testDb();
    const s = await setup(db);
    const other = await setup(db);
    const mine = `/mine/${s.project.id}`;
    const theirs = `/theirs/${other.project.id}`;
    await createWebhookEndpoint(db, s.admin.ctx, null, { url: `${receiver.origin}${mine}` });
    await createWebhookEndpoint(db, other.admin.ctx, null, { url: `${receiver.origin}${theirs}` });
    await setSlackWebhook(db, other.admin.ctx, other.project.id, { url: `${receiver.origin}${theirs}/slack` });
    await db.$transaction((tx) =>
      notifyEvent(tx, {
        organizationId: s.admin.organization.id,
        projectId: s.project.id,
        event: "route.switched",
        subjectId: "r1",
        // Someone of the other organisation named as a recipient is not told either.
        recipients: [s.eng.user.id, other.eng.user.id],
        title: "GET /orders switched to new",
      }),
    );
    await run(db);
    await until(
      "this organisation's webhook",
      () => at(mine).length,
      (n) => n === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.requests.filter((r) => r.path.startsWith(theirs))).toEqual([]);
    expect(smtp.mails.filter((m) => m.to.includes(other.eng.user.email))).toEqual([]);
    expect(await db.notification.count({ where: { userId: other.eng.user.id } })).toBe(0);
    // Ids of the other organisation are not found.
    const [theirDelivery] = await db.notificationDelivery.findMany({ where: { organizationId: other.admin.organization.id } });
    if (theirDelivery) await expect(redeliver(db, s.admin.ctx, theirDelivery.id)).rejects.toMatchObject({ code: "not_found" });
  }, 60_000);

  test("preferences: a daily digest instead of immediate e-mail, no inbox for a group, a muted project sends nothing", async () => {
    const db = await testDb();
    const s = await setup(db);
    const second = await newProject(db, s.admin.ctx, { name: "Second" });
    await updatePreferences(db, s.eng.ctx, {
      groups: [
        { group: "imports", inbox: false, email: "daily" },
        { group: "cutover", inbox: true, email: "off" },
      ],
      mutedProjectIds: [second.id],
    });
    const send = (projectId: string, event: "import.finished" | "route.switched", subjectId: string) =>
      db.$transaction((tx) =>
        notifyEvent(tx, { organizationId: s.admin.organization.id, projectId, event, subjectId, recipients: [s.eng.user.id], title: `${event} ${subjectId}` }),
      );
    await send(s.project.id, "import.finished", "i1");
    await send(s.project.id, "import.finished", "i2");
    await send(s.project.id, "route.switched", "r1");
    await send(second.id, "route.switched", "r2");
    expect((await db.notification.findMany({ where: { userId: s.eng.user.id } })).map((n) => n.title)).toEqual(["route.switched r1"]);
    expect(await db.notificationDelivery.count({ where: { target: s.eng.user.id, channel: "email" } })).toBe(0);
    expect(await sendDigests(db)).toEqual({ sent: 1, failed: 0 });
    const digest = smtp.mails.filter((m) => m.to.includes(s.eng.user.email));
    expect(digest).toHaveLength(1);
    expect(digest[0].raw).toContain("import.finished i1");
    expect(digest[0].raw).toContain("import.finished i2");
    expect(await sendDigests(db)).toEqual({ sent: 0, failed: 0 });
  });

  test("one state change is one event: the same call twice sends once", async () => {
    const db = await testDb();
    const s = await setup(db);
    const input = {
      organizationId: s.admin.organization.id,
      projectId: s.project.id,
      event: "gate.blocked" as const,
      subjectId: "g1",
      state: "v1",
      recipients: [s.eng.user.id],
      title: "Blocked",
    };
    const first = await db.$transaction((tx) => notifyEvent(tx, input));
    const again = await db.$transaction((tx) => notifyEvent(tx, input));
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ eventId: null, duplicate: true, deliveries: 0 });
    expect(await db.notification.count({ where: { userId: s.eng.user.id } })).toBe(1);
  });

  test("webhook and Slack URLs: https only unless private receivers are allowed; the Slack URL is never shown back in full", async () => {
    const db = await testDb();
    const s = await setup(db);
    delete process.env.WAYPOINT_ALLOW_PRIVATE_WEBHOOKS;
    try {
      await expect(createWebhookEndpoint(db, s.admin.ctx, null, { url: "http://example.com/hook" })).rejects.toMatchObject({ code: "invalid_input" });
      await expect(createWebhookEndpoint(db, s.admin.ctx, null, { url: "https://127.0.0.1/hook" })).rejects.toMatchObject({ code: "invalid_input" });
      const slack = await setSlackWebhook(db, s.admin.ctx, s.project.id, { url: "https://hooks.slack.com/services/T000/B000/XXXXXXXXsecretWXYZ" });
      expect(slack.urlHint).toBe("https://hooks.slack.com/…WXYZ");
      const row = await db.slackWebhook.findUniqueOrThrow({ where: { projectId: s.project.id } });
      expect(row.urlSealed).not.toContain("secret");
    } finally {
      process.env.WAYPOINT_ALLOW_PRIVATE_WEBHOOKS = "1";
    }
    await expect(setSlackWebhook(db, s.eng.ctx, s.project.id, { url: "https://hooks.slack.com/services/x" })).rejects.toMatchObject({ code: "forbidden" });
  });

  test("domain events: a switched route tells its owner, a rollback is route.rolled_back, a committed import is import.finished — each to the project's webhook", async () => {
    const db = await testDb();
    const s = await setup(db);
    const path = `/domain/${s.project.id}`;
    await createWebhookEndpoint(db, s.admin.ctx, s.project.id, { url: `${receiver.origin}${path}` });
    const route = await createItem(db, s.admin.ctx, s.project.id, "ROUTE", { method: "GET", path: "/orders", trafficPerDay: 10 });
    await db.item.update({ where: { id: route.id }, data: { ownerUserId: s.eng.user.id } });
    await updateCutoverSettings(db, s.admin.ctx, s.project.id, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" });
    await switchRoute(db, s.admin.ctx, s.project.id, route.id, { target: { to: "shadow" }, reason: "shadow first" });
    await switchRoute(db, s.admin.ctx, s.project.id, route.id, { target: { to: "legacy" }, reason: "errors in shadow" });
    const upload = { name: "routes.csv", bytes: new TextEncoder().encode("method,path\nGET,/invoices\n") };
    const preview = await previewUpload(db, s.eng.ctx, s.project.id, { format: "csv", kind: "ROUTE", fileName: "routes.csv", source: { files: [upload] } });
    await commitImport(db, s.admin.ctx, s.project.id, preview.id);
    const inbox = await db.notification.findMany({ where: { userId: s.eng.user.id }, orderBy: { createdAt: "asc" } });
    expect(inbox.map((n) => [n.kind, n.title])).toEqual([
      ["route.switched", "GET /orders now goes to Shadow"],
      ["route.rolled_back", "GET /orders was rolled back to legacy"],
      ["import.finished", "Import of routes.csv finished: 1 new, 0 changed, 0 restored"],
    ]);
    await run(db);
    await until(
      "three webhook calls",
      () => at(path).length,
      (n) => n === 3,
    );
    expect(
      at(path)
        .map((r) => JSON.parse(r.body).type)
        .sort(),
    ).toEqual(["import.finished", "route.rolled_back", "route.switched"]);
  }, 60_000);

  test("a bulk switch or the kill switch of many routes is one message per owner and one to the webhooks, not one per route", async () => {
    const db = await testDb();
    const s = await setup(db);
    const path = `/bulk/${s.project.id}`;
    await createWebhookEndpoint(db, s.admin.ctx, s.project.id, { url: `${receiver.origin}${path}` });
    await updateCutoverSettings(db, s.admin.ctx, s.project.id, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await createItem(db, s.admin.ctx, s.project.id, "ROUTE", { method: "GET", path: `/r${i}`, trafficPerDay: 1 })).id);
    await db.item.updateMany({ where: { id: { in: ids.slice(0, 15) } }, data: { ownerUserId: s.eng.user.id } });
    await bulkSwitch(db, s.admin.ctx, s.project.id, { itemIds: ids, target: { to: "shadow" }, reason: "all to shadow" });
    await killSwitch(db, s.admin.ctx, s.project.id, { scope: { kind: "project" }, reason: "errors" });
    const inbox = await db.notification.findMany({ where: { userId: s.eng.user.id }, orderBy: { createdAt: "asc" } });
    expect(inbox.map((n) => n.title)).toEqual(["15 of your routes were moved to Shadow", "15 of your routes were rolled back to legacy"]);
    await run(db);
    await until(
      "two webhook calls",
      () => at(path).length,
      (n) => n === 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Deliveries run in parallel batches: order is not kept (the payload's timestamp is).
    expect(
      at(path)
        .map((r) => JSON.parse(r.body).data.title)
        .sort(),
    ).toEqual(["25 routes were moved to Shadow", "25 routes were rolled back to legacy"]);
  }, 60_000);
});
