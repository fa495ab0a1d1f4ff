/**
 * The one entry point domain code calls when something worth telling people happened, in the
 * transaction of the change: it records the event once per state change (dedupe key
 * "event:subject:state" — a second call for the same state sends nothing), writes the inbox rows,
 * and queues a delivery per channel — each recipient's e-mail as they chose (immediate or daily
 * digest, or none; a muted project sends them nothing), the project's Slack webhook, the
 * organisation's and project's outbound webhooks whose filter takes the event.
 *
 * `notifyEvents` does the same for many events at once (sweeps, imports): a fixed number of
 * statements per batch, whatever its size — the events and their inbox rows and deliveries
 * inserted with one statement each (one JSON parameter, see `insertRows`), preferences, mutes,
 * Slack webhooks and endpoints looked up once, the delivery jobs enqueued with one multi-row
 * insert (lib/jobs/enqueue.ts) — all in the caller's transaction. `notifyEvent` is its one-event form.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMany } from "@/lib/jobs/enqueue";
import * as clock from "@/lib/time/clock";
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
  const [result] = await notifyEvents(tx, [input]);
  return result;
}

/** Rows per multi-row insert (well under PostgreSQL's 65,535 bind parameters). */
const CHUNK = 1_000;

type Delivery = { id: string; organizationId: string; eventId: string; channel: string; target: string; status: string };

let sequence = 0;

/**
 * An id that sorts in the order it was made within this process: the time, a counter, then
 * randomness. The inbox and the delivery log list by createdAt then id, and the rows of one batch
 * share their createdAt (a pinned or coarse clock gives equal ones too), so a random id would
 * shuffle them.
 */
function orderedId(): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `n${clock.nowMs().toString(36).padStart(9, "0")}${sequence.toString(36).padStart(6, "0")}${randomUUID().replace(/-/g, "").slice(0, 12)}`;
}

/**
 * Many events in the caller's transaction; one result per input, in order. An event whose dedupe
 * key is already recorded (before, or earlier in the same batch) is a duplicate: nothing is sent.
 */
export async function notifyEvents(tx: Tx, inputs: EventInput[]): Promise<EventResult[]> {
  const results: EventResult[] = inputs.map(() => ({ eventId: null, duplicate: true, deliveries: 0 }));
  if (inputs.length === 0) return results;

  // 1. The events, once per (organisation, dedupe key): ON CONFLICT DO NOTHING, and the inserted ones returned.
  const rows = inputs.map((input) => ({
    id: orderedId(),
    organizationId: input.organizationId,
    projectId: input.projectId ?? null,
    event: input.event,
    subjectId: input.subjectId,
    dedupeKey: [input.event, input.subjectId, input.state ?? ""].join(":").slice(0, 500),
    title: input.title.slice(0, 300),
    body: (input.body ?? "").slice(0, 2000),
    link: input.link ?? null,
  }));
  const createdAt = clock.now().toISOString();
  const created = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await insertRows<{ id: string }>(tx, "NotificationEvent", EVENT_COLUMNS, rows.slice(i, i + CHUNK), createdAt, {
      conflict: `ON CONFLICT ("organizationId", "dedupeKey") DO NOTHING RETURNING id`,
    });
    for (const r of inserted) created.add(r.id);
  }
  const fresh = rows.map((row, index) => ({ row, input: inputs[index], index })).filter((e) => created.has(e.row.id));
  if (fresh.length === 0) return results;

  // 2. What the fresh events need, looked up once for the batch.
  const lookup = await lookUp(tx, fresh);

  // 3. Inbox rows and deliveries, per event.
  const inbox: InboxRow[] = [];
  const deliveries: Delivery[] = [];
  const email = emailConfigured();
  for (const { row, input, index } of fresh) {
    const { organizationId, projectId } = row;
    const group = groupOf(input.event);
    const people = lookup.recipients(organizationId, projectId, group, input.recipients);
    const mine: Delivery[] = [];
    const add = (channel: string, target: string, status: string) => mine.push({ id: orderedId(), organizationId, eventId: row.id, channel, target, status });
    for (const p of people) {
      if (p.inbox)
        inbox.push({ id: orderedId(), organizationId, projectId, userId: p.userId, kind: input.event, title: row.title, body: row.body, link: row.link });
      if (email && p.email === "immediate") add("email", p.userId, "pending");
      if (email && p.email === "daily") add("email_digest", p.userId, "digest");
    }
    if (input.broadcast ?? true) {
      const slack = projectId ? lookup.slack.get(projectId) : undefined;
      if (slack && slack.organizationId === organizationId && (slack.groups.length === 0 || slack.groups.includes(group))) add("slack", projectId!, "pending");
      for (const e of lookup.endpoints)
        if (
          e.organizationId === organizationId &&
          (e.projectId === null || e.projectId === projectId) &&
          (e.events.length === 0 || e.events.includes(input.event))
        )
          add("webhook", e.id, "pending");
    }
    results[index] = { eventId: row.id, duplicate: false, deliveries: mine.length };
    deliveries.push(...mine);
  }

  // 4. Written with one insert per chunk; one job per pending delivery, enqueued in bulk.
  for (let i = 0; i < inbox.length; i += CHUNK) await insertRows(tx, "Notification", INBOX_COLUMNS, inbox.slice(i, i + CHUNK), createdAt);
  for (let i = 0; i < deliveries.length; i += CHUNK) await insertRows(tx, "NotificationDelivery", DELIVERY_COLUMNS, deliveries.slice(i, i + CHUNK), createdAt);
  const pending = deliveries.filter((d) => d.status === "pending");
  await enqueueMany(
    tx,
    "deliverNotification",
    pending.map((d) => ({ data: { organizationId: d.organizationId, deliveryId: d.id, attempt: 1 }, singletonKey: `${d.id}:1` })),
  );
  return results;
}

type InboxRow = {
  id: string;
  organizationId: string;
  projectId: string | null;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
};

// The columns each bulk insert writes (all text), besides "createdAt".
const EVENT_COLUMNS = ["id", "organizationId", "projectId", "event", "subjectId", "dedupeKey", "title", "body", "link"] as const;
const INBOX_COLUMNS = ["id", "organizationId", "projectId", "userId", "kind", "title", "body", "link"] as const;
const DELIVERY_COLUMNS = ["id", "organizationId", "eventId", "channel", "target", "status"] as const;

/**
 * Rows inserted with one statement and one JSON parameter (`jsonb_to_recordset`) rather than
 * Prisma's `createMany`: the statement is the same whatever the number of rows, so no query plan
 * and no argument list per row is built, cached or held (the bench's memory, docs/BENCHMARKS.md).
 * The table and column names are constants of this file; the values travel only in the parameter.
 */
async function insertRows<T = unknown>(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: object[],
  createdAt: string,
  options: { conflict?: string } = {},
): Promise<T[]> {
  if (rows.length === 0) return [];
  const list = columns.map((c) => `"${c}"`).join(", ");
  const types = columns.map((c) => `"${c}" text`).join(", ");
  const sql = `INSERT INTO "${table}" (${list}, "createdAt") SELECT ${list}, $2::timestamptz AT TIME ZONE 'UTC' FROM jsonb_to_recordset($1::jsonb) AS x(${types}) ${options.conflict ?? ""}`;
  if (options.conflict?.includes("RETURNING")) return tx.$queryRawUnsafe<T[]>(sql, JSON.stringify(rows), createdAt);
  await tx.$executeRawUnsafe(sql, JSON.stringify(rows), createdAt);
  return [];
}

type Recipient = { userId: string; inbox: boolean; email: "off" | "immediate" | "daily" };
type Fresh = { row: { organizationId: string; projectId: string | null }; input: EventInput };

/**
 * The batch's members, mutes, preferences, Slack webhooks and outbound endpoints: one query each,
 * every one scoped by the batch's organisations (rows are matched to their event's organisation).
 */
async function lookUp(tx: Tx, fresh: Fresh[]) {
  const organizationIds = [...new Set(fresh.map((f) => f.row.organizationId))];
  const projectIds = [...new Set(fresh.flatMap((f) => (f.row.projectId ? [f.row.projectId] : [])))];
  const userIds = [...new Set(fresh.flatMap((f) => f.input.recipients))];
  const broadcast = fresh.some((f) => f.input.broadcast ?? true);
  const groups = [...new Set(fresh.map((f) => groupOf(f.input.event)))];
  // One after another: a transaction is one connection (concurrent queries on it are queued anyway).
  const members = userIds.length
    ? await tx.membership.findMany({
        where: { organizationId: { in: organizationIds }, userId: { in: userIds } },
        select: { organizationId: true, userId: true },
      })
    : [];
  const mutes =
    userIds.length && projectIds.length
      ? await tx.notificationMute.findMany({
          where: { organizationId: { in: organizationIds }, projectId: { in: projectIds }, userId: { in: userIds } },
          select: { organizationId: true, projectId: true, userId: true },
        })
      : [];
  const prefs = userIds.length
    ? await tx.notificationPreference.findMany({
        where: { organizationId: { in: organizationIds }, group: { in: groups }, userId: { in: userIds } },
        select: { organizationId: true, userId: true, group: true, inbox: true, email: true },
      })
    : [];
  const slack =
    broadcast && projectIds.length
      ? await tx.slackWebhook.findMany({
          where: { organizationId: { in: organizationIds }, projectId: { in: projectIds } },
          select: { organizationId: true, projectId: true, groups: true },
        })
      : [];
  const endpoints = broadcast
    ? await tx.webhookEndpoint.findMany({
        where: {
          organizationId: { in: organizationIds },
          disabledAt: null,
          OR: [{ projectId: null }, ...(projectIds.length ? [{ projectId: { in: projectIds } }] : [])],
        },
        select: { id: true, organizationId: true, projectId: true, events: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      })
    : [];

  const member = new Set(members.map((m) => `${m.organizationId}:${m.userId}`));
  const muted = new Set(mutes.map((m) => `${m.organizationId}:${m.projectId}:${m.userId}`));
  const pref = new Map(prefs.map((p) => [`${p.organizationId}:${p.userId}:${p.group}`, p] as const));
  return {
    slack: new Map(slack.map((s) => [s.projectId, s] as const)),
    endpoints,
    /** Members of the organisation among the ids, with their choice for the group; those who muted the project are left out. */
    recipients(organizationId: string, projectId: string | null, group: string, ids: string[]): Recipient[] {
      return [...new Set(ids)]
        .filter((id) => member.has(`${organizationId}:${id}`) && !(projectId && muted.has(`${organizationId}:${projectId}:${id}`)))
        .map((userId) => {
          const p = pref.get(`${organizationId}:${userId}:${group}`);
          const email = p?.email === "off" || p?.email === "daily" ? p.email : "immediate";
          return { userId, inbox: p?.inbox ?? true, email };
        });
    },
  };
}

/** Events per transaction when a sweep sends what it found. */
const PER_TRANSACTION = 500;

/** A sweep's events, in transactions of 500 (`notifyEvents` each): the number of new ones (duplicates left out). */
export async function notifyInBatches(db: Db, inputs: EventInput[]): Promise<number> {
  let fresh = 0;
  for (let i = 0; i < inputs.length; i += PER_TRANSACTION) {
    const results = await db.$transaction((tx) => notifyEvents(tx, inputs.slice(i, i + PER_TRANSACTION)), { maxWait: 60_000, timeout: 120_000 });
    fresh += results.filter((r) => !r.duplicate).length;
  }
  return fresh;
}
