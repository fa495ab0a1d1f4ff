/**
 * The batched `notifyEvents` (issue 17 leftovers): a batch records each event once (dedupe by
 * organisation and key, within the batch and against earlier ones), writes the right deliveries
 * per channel, and enqueues exactly one `notifications.deliver` job per pending delivery in the
 * same transaction; the same batch again creates nothing. Events of two organisations in one batch
 * reach only their own organisation's webhooks.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import type { Db } from "@/lib/db/client";
import { notifyEvent, notifyEvents, type EventInput } from "@/lib/notifications/notify-event";
import { createWebhookEndpoint, setSlackWebhook } from "@/lib/notifications/channels";
import { updatePreferences } from "@/lib/notifications/preferences";

const env = {
  WAYPOINT_SECRET_KEY: randomBytes(32).toString("base64"),
  WAYPOINT_ALLOW_PRIVATE_WEBHOOKS: "1",
  // E-mail configured (nothing is sent: no worker runs here).
  WAYPOINT_SMTP_URL: "smtp://127.0.0.1:2525",
};
beforeAll(() => void Object.assign(process.env, env));
afterAll(() => {
  for (const key of Object.keys(env)) delete process.env[key];
});

type JobRow = { id: string; deliveryId: string; singleton_key: string };
const deliverJobs = (db: Db) =>
  db.$queryRawUnsafe<JobRow[]>(
    `SELECT id::text AS id, data->>'deliveryId' AS "deliveryId", singleton_key FROM pgboss.job WHERE name = 'notifications.deliver' ORDER BY created_on`,
  );

async function counts(db: Db, organizationId: string) {
  const [events, inbox, deliveries] = await Promise.all([
    db.notificationEvent.count({ where: { organizationId } }),
    db.notification.count({ where: { organizationId } }),
    db.notificationDelivery.groupBy({ by: ["channel", "status"], where: { organizationId }, _count: { _all: true } }),
  ]);
  return { events, inbox, deliveries: Object.fromEntries(deliveries.map((d) => [`${d.channel}:${d.status}`, d._count._all])) };
}

describe("notifyEvents", () => {
  test("a batch of N events with one duplicate: N-1 events, the right deliveries per channel, one job per delivery; the same batch again creates nothing", async () => {
    const db = await testDb();
    const a = await newAdmin(db);
    const project = await newProject(db, a.ctx);
    const eng = await newMember(db, a.organization.id, "ENGINEER", "Eli Engineer");
    const daily = await newMember(db, a.organization.id, "ENGINEER", "Dana Daily");
    const muter = await newMember(db, a.organization.id, "ENGINEER", "Mo Muted");
    await updatePreferences(db, daily.ctx, { groups: [{ group: "actions", inbox: false, email: "daily" }], mutedProjectIds: [] });
    await updatePreferences(db, muter.ctx, { groups: [], mutedProjectIds: [project.id] });
    await setSlackWebhook(db, a.ctx, project.id, { url: "http://127.0.0.1:9/slack" });
    const orgWide = await createWebhookEndpoint(db, a.ctx, null, { url: "http://127.0.0.1:9/org" });
    const ownProject = await createWebhookEndpoint(db, a.ctx, project.id, { url: "http://127.0.0.1:9/project", events: ["action_item.overdue"] });
    const otherEvent = await createWebhookEndpoint(db, a.ctx, project.id, { url: "http://127.0.0.1:9/other", events: ["route.switched"] });

    // Another organisation in the same batch, with its own endpoint.
    const b = await newAdmin(db, "Bea Other");
    const bProject = await newProject(db, b.ctx);
    const bEndpoint = await createWebhookEndpoint(db, b.ctx, null, { url: "http://127.0.0.1:9/b" });

    const N = 12;
    const item = (i: number): EventInput => ({
      organizationId: a.organization.id,
      projectId: project.id,
      event: "action_item.overdue",
      subjectId: `item-${i}`,
      state: "2026-12-01",
      // A person outside the organisation is never a recipient.
      recipients: [eng.user.id, daily.user.id, muter.user.id, eng.user.id, b.user.id],
      title: `Action item ${i} overdue`,
      link: `/orgs/${a.ctx.organizationSlug}/x/${i}`,
    });
    const batch: EventInput[] = [];
    for (let i = 0; i < N - 2; i++) batch.push(item(i));
    batch.splice(4, 0, { ...item(3), title: "the same state again" }); // the duplicate (index 4)
    batch.push({
      organizationId: b.organization.id,
      projectId: bProject.id,
      event: "import.finished",
      subjectId: "import-1",
      recipients: [b.user.id],
      title: "Imported",
    });
    expect(batch).toHaveLength(N);

    const results = await db.$transaction((tx) => notifyEvents(tx, batch));
    expect(results.map((r) => r.duplicate)).toEqual(batch.map((_, i) => i === 4));
    expect(results[4]).toEqual({ eventId: null, duplicate: true, deliveries: 0 });
    // Per event of A: eng's e-mail, daily's digest, Slack, the org-wide and the project's endpoint.
    expect(results[0].deliveries).toBe(5);
    expect(results[N - 1].deliveries).toBe(2); // B: B's e-mail and B's endpoint

    const eventsOfA = N - 2;
    expect(await counts(db, a.organization.id)).toEqual({
      events: eventsOfA,
      inbox: eventsOfA, // eng only: daily turned the inbox off, muter muted the project, b is not a member
      deliveries: {
        "email:pending": eventsOfA,
        "email_digest:digest": eventsOfA,
        "slack:pending": eventsOfA,
        "webhook:pending": 2 * eventsOfA,
      },
    });
    expect(await counts(db, b.organization.id)).toEqual({ events: 1, inbox: 1, deliveries: { "email:pending": 1, "webhook:pending": 1 } });
    const kept = await db.notificationEvent.findFirstOrThrow({ where: { organizationId: a.organization.id, subjectId: "item-3" } });
    expect(kept.title).toBe("Action item 3 overdue");

    const webhookTargets = await db.notificationDelivery.groupBy({ by: ["target"], where: { channel: "webhook" }, _count: { _all: true } });
    expect(Object.fromEntries(webhookTargets.map((t) => [t.target, t._count._all]))).toEqual({
      [orgWide.id]: eventsOfA,
      [ownProject.id]: eventsOfA,
      [bEndpoint.id]: 1,
    });
    expect(webhookTargets.map((t) => t.target)).not.toContain(otherEvent.id);

    // Exactly one job per pending delivery, keyed by the delivery and its first attempt.
    const pending = await db.notificationDelivery.findMany({ where: { status: "pending" }, select: { id: true } });
    const jobs = await deliverJobs(db);
    expect(jobs).toHaveLength(pending.length);
    expect(jobs.map((j) => j.deliveryId).sort()).toEqual(pending.map((d) => d.id).sort());
    expect(jobs.every((j) => j.singleton_key === `${j.deliveryId}:1`)).toBe(true);

    // The same batch again: every event is a duplicate; nothing new anywhere.
    const again = await db.$transaction((tx) => notifyEvents(tx, batch));
    expect(again.every((r) => r.duplicate && r.eventId === null && r.deliveries === 0)).toBe(true);
    expect((await counts(db, a.organization.id)).events).toBe(eventsOfA);
    expect(await db.notificationDelivery.count()).toBe(5 * eventsOfA + 2);
    expect(await db.notification.count()).toBe(eventsOfA + 1);
    expect(await deliverJobs(db)).toHaveLength(jobs.length);

    // The one-event form goes through the batch: a new state is one new event, a repeat nothing.
    const one = await db.$transaction((tx) => notifyEvent(tx, { ...item(0), state: "2026-12-02" }));
    expect(one).toMatchObject({ duplicate: false, deliveries: 5 });
    expect(await db.$transaction((tx) => notifyEvent(tx, { ...item(0), state: "2026-12-02" }))).toEqual({ eventId: null, duplicate: true, deliveries: 0 });
    expect(await deliverJobs(db)).toHaveLength(jobs.length + 4);
  });

  test("a batch rolled back leaves no event, delivery or job behind", async () => {
    const db = await testDb();
    const a = await newAdmin(db);
    const project = await newProject(db, a.ctx);
    await createWebhookEndpoint(db, a.ctx, null, { url: "http://127.0.0.1:9/org" });
    const before = (await deliverJobs(db)).length;
    const input = { organizationId: a.organization.id, projectId: project.id, event: "import.finished" as const, subjectId: "i", recipients: [], title: "t" };
    await expect(
      db.$transaction(async (tx) => {
        await notifyEvents(tx, [input, { ...input, subjectId: "j" }]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.notificationEvent.count({ where: { organizationId: a.organization.id } })).toBe(0);
    expect(await db.notificationDelivery.count({ where: { organizationId: a.organization.id } })).toBe(0);
    expect(await deliverJobs(db)).toHaveLength(before);
    // And an empty batch does nothing at all.
    expect(await db.$transaction((tx) => notifyEvents(tx, []))).toEqual([]);
  });
});
