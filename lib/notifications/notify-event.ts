/**
 * The one entry point domain code calls when something worth telling people happened, in the
 * transaction of the change: it records the event once per state change (dedupe key
 * "event:subject:state" — a second call for the same state sends nothing), writes the inbox rows,
 * and queues a delivery per channel — each recipient's e-mail as they chose (immediate or daily
 * digest, or none; a muted project sends them nothing), the project's Slack webhook, the
 * organisation's and project's outbound webhooks whose filter takes the event.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueue } from "@/lib/jobs/enqueue";
import { emailConfigured } from "./email";
import { groupOf, type EventName } from "./events";

type Tx = Prisma.TransactionClient;

export type EventInput = {
  organizationId: string;
  projectId?: string | null;
  event: EventName;
  /** The item, action item, decision, … the event is about. */
  subjectId: string;
  /** The state this message is about (a due date, a status): a new state is a new message. Default: none. */
  state?: string;
  /** The people told (their inbox and e-mail); the acting person is left out by the caller. */
  recipients: string[];
  title: string;
  body?: string;
  /** A path inside the app ("/orgs/…/items/…"), made absolute in e-mail, Slack and webhooks. */
  link?: string | null;
  /** Also to the project's Slack and the webhooks (default). Off for per-person parts of a bulk change announced once. */
  broadcast?: boolean;
};

export type EventResult = { eventId: string | null; duplicate: boolean; deliveries: number };

export async function notifyEvent(tx: Tx, input: EventInput): Promise<EventResult> {
  const { organizationId } = input;
  const projectId = input.projectId ?? null;
  const id = randomUUID();
  const dedupeKey = [input.event, input.subjectId, input.state ?? ""].join(":").slice(0, 500);
  const title = input.title.slice(0, 300);
  const body = (input.body ?? "").slice(0, 2000);
  // ON CONFLICT DO NOTHING: a duplicate does not abort the caller's transaction.
  const { count } = await tx.notificationEvent.createMany({
    data: [{ id, organizationId, projectId, event: input.event, subjectId: input.subjectId, dedupeKey, title, body, link: input.link ?? null }],
    skipDuplicates: true,
  });
  if (count === 0) return { eventId: null, duplicate: true, deliveries: 0 };

  const group = groupOf(input.event);
  const people = await recipientsOf(tx, organizationId, projectId, group, [...new Set(input.recipients)]);
  const inbox = people.filter((p) => p.inbox);
  if (inbox.length) {
    await tx.notification.createMany({
      data: inbox.map((p) => ({ organizationId, projectId, userId: p.userId, kind: input.event, title, body, link: input.link ?? null })),
    });
  }
  const deliveries: { channel: string; target: string; status: string }[] = [];
  if (emailConfigured()) {
    for (const p of people) {
      if (p.email === "immediate") deliveries.push({ channel: "email", target: p.userId, status: "pending" });
      if (p.email === "daily") deliveries.push({ channel: "email_digest", target: p.userId, status: "digest" });
    }
  }
  const broadcast = input.broadcast ?? true;
  if (projectId && broadcast) {
    const slack = await tx.slackWebhook.findFirst({ where: { organizationId, projectId }, select: { groups: true } });
    if (slack && (slack.groups.length === 0 || slack.groups.includes(group))) deliveries.push({ channel: "slack", target: projectId, status: "pending" });
  }
  const endpoints = !broadcast
    ? []
    : await tx.webhookEndpoint.findMany({
        where: { organizationId, disabledAt: null, OR: [{ projectId: null }, ...(projectId ? [{ projectId }] : [])] },
        select: { id: true, events: true },
        orderBy: { createdAt: "asc" },
      });
  for (const e of endpoints)
    if (e.events.length === 0 || e.events.includes(input.event)) deliveries.push({ channel: "webhook", target: e.id, status: "pending" });

  if (deliveries.length) {
    await tx.notificationDelivery.createMany({ data: deliveries.map((d) => ({ organizationId, eventId: id, ...d })) });
    const queued = await tx.notificationDelivery.findMany({ where: { organizationId, eventId: id, status: "pending" }, select: { id: true } });
    for (const d of queued) await enqueue(tx, "deliverNotification", { organizationId, deliveryId: d.id, attempt: 1 }, { singletonKey: `${d.id}:1` });
  }
  return { eventId: id, duplicate: false, deliveries: deliveries.length };
}

type Recipient = { userId: string; inbox: boolean; email: "off" | "immediate" | "daily" };

/** Members of the organisation among the ids, with their choice for the group; those who muted the project are left out. */
async function recipientsOf(tx: Tx, organizationId: string, projectId: string | null, group: string, userIds: string[]): Promise<Recipient[]> {
  if (userIds.length === 0) return [];
  const members = await tx.membership.findMany({ where: { organizationId, userId: { in: userIds } }, select: { userId: true } });
  const ids = members.map((m) => m.userId);
  const muted = projectId
    ? new Set(
        (await tx.notificationMute.findMany({ where: { organizationId, projectId, userId: { in: ids } }, select: { userId: true } })).map((m) => m.userId),
      )
    : new Set<string>();
  const prefs = new Map(
    (await tx.notificationPreference.findMany({ where: { organizationId, group, userId: { in: ids } } })).map((p) => [p.userId, p] as const),
  );
  return ids
    .filter((id) => !muted.has(id))
    .map((userId) => {
      const p = prefs.get(userId);
      const email = p?.email === "off" || p?.email === "daily" ? p.email : "immediate";
      return { userId, inbox: p?.inbox ?? true, email };
    });
}
