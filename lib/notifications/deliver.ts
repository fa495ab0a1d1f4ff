/**
 * Carrying out one delivery (the `notifications.deliver` job): send over its channel, log the
 * attempt, and on failure queue the next try on the retry schedule (retry.ts). Idempotent: a job
 * for an attempt already made, or for a delivery no longer pending, does nothing — so pg-boss's
 * own retry of a job whose worker died cannot send twice what was logged as sent.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/enqueue";
import * as clock from "@/lib/time/clock";
import { eventText, sendEmail } from "./email";
import { absoluteLink } from "./links";
import { assertSendable } from "./outbound-url";
import type { HostResolver } from "@/lib/repositories/remote-policy";
import { delayAfter } from "./retry";
import { open } from "./sealed";
import { postJson } from "./pinned-post";
import { slackMessage } from "./slack";
import { signedRequest } from "./webhook-send";

export const deliverJob = z.object({ organizationId: z.string().min(1), deliveryId: z.string().min(1), attempt: z.number().int().min(1) }).strict();

type Outcome = { ok: boolean; statusCode?: number; error?: string; gone?: boolean; final?: boolean };
type Delivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

function loadDelivery(db: Db, organizationId: string, id: string) {
  return db.notificationDelivery.findFirst({ where: { id, organizationId }, include: { event: true } });
}

/** `resolve`: how host names are resolved before a send (the system's resolver; a test's stand-in). */
export type DeliverOptions = { resolve?: HostResolver };

export async function deliverNotification(db: Db, raw: unknown, options: DeliverOptions = {}): Promise<{ result: string }> {
  const job = deliverJob.parse(raw);
  const d = await loadDelivery(db, job.organizationId, job.deliveryId);
  if (!d || d.status !== "pending" || d.attempts >= job.attempt) return { result: "skipped" };
  const number = d.attempts + 1;
  const started = clock.nowMs();
  let outcome: Outcome;
  try {
    outcome = await send(db, d, options);
  } catch (error) {
    outcome = { ok: false, error: (error as Error).message.slice(0, 500) };
  }
  const at = clock.now();
  const delay = outcome.ok || outcome.gone || outcome.final ? null : delayAfter(number);
  await db.$transaction(
    async (tx) => {
      await tx.notificationAttempt.create({
        data: {
          organizationId: d.organizationId,
          deliveryId: d.id,
          number,
          at,
          ok: outcome.ok,
          statusCode: outcome.statusCode ?? null,
          error: outcome.error ?? null,
          durationMs: Math.max(0, clock.nowMs() - started),
        },
      });
      const status = outcome.ok ? "delivered" : outcome.gone ? "disabled" : delay === null ? "gave_up" : "pending";
      await tx.notificationDelivery.update({
        where: { id: d.id },
        data: {
          attempts: number,
          status,
          deliveredAt: outcome.ok ? at : null,
          lastError: outcome.ok ? null : (outcome.error ?? `HTTP ${outcome.statusCode}`),
          nextAttemptAt: delay === null ? null : new Date(at.getTime() + delay * 1000),
        },
      });
      if (outcome.gone && d.channel === "webhook") await disableEndpoint(tx, d.organizationId, d.target, "The receiver answered 410 Gone.", at);
      if (delay !== null) {
        // Seconds by the database's clock: the queue's own, whatever the instance's clock says.
        await enqueue(
          tx,
          "deliverNotification",
          { organizationId: d.organizationId, deliveryId: d.id, attempt: number + 1 },
          { startAfter: delay, singletonKey: `${d.id}:${number + 1}` },
        );
      }
      // A batch's deliveries log their attempts one after another on the embedded database (one
      // session): wait for the turn rather than fail after Prisma's default 2 s — a failed log would resend.
    },
    { maxWait: 60_000, timeout: 60_000 },
  );
  return { result: outcome.ok ? "delivered" : delay === null ? "stopped" : "retrying" };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A receiver that answered 410 gets nothing more: the endpoint is disabled and its queued deliveries with it. */
async function disableEndpoint(tx: Tx, organizationId: string, endpointId: string, reason: string, at: Date) {
  await tx.webhookEndpoint.updateMany({ where: { id: endpointId, organizationId, disabledAt: null }, data: { disabledAt: at, disabledReason: reason } });
  await tx.notificationDelivery.updateMany({
    where: { organizationId, channel: "webhook", target: endpointId, status: "pending" },
    data: { status: "disabled", nextAttemptAt: null },
  });
}

async function send(db: Db, d: Delivery, options: DeliverOptions): Promise<Outcome> {
  const link = absoluteLink(d.event.link);
  if (d.channel === "email") {
    const user = await db.user.findFirst({ where: { id: d.target, memberships: { some: { organizationId: d.organizationId } } }, select: { email: true } });
    if (!user) return { ok: false, final: true, error: "The person is no longer a member." };
    await sendEmail({ to: user.email, subject: d.event.title, text: eventText({ ...d.event, link }) });
    return { ok: true };
  }
  if (d.channel === "slack") {
    const hook = await db.slackWebhook.findFirst({ where: { projectId: d.target, organizationId: d.organizationId } });
    if (!hook) return { ok: false, final: true, error: "The project's Slack webhook was removed." };
    const project = await db.project.findFirst({ where: { id: d.target, organizationId: d.organizationId }, select: { name: true } });
    const target = await assertSendable(open(hook.urlSealed, `slack:${hook.projectId}`), options.resolve);
    const message = slackMessage({ event: d.event.event, title: d.event.title, body: d.event.body, link, projectName: project?.name ?? "" });
    const r = await postJson(target, JSON.stringify(message));
    // Slack: 2xx is posted; 429 and 5xx heal; any other 4xx (revoked, archived channel) will not.
    if (r.status >= 200 && r.status < 300) return { ok: true, statusCode: r.status };
    return { ok: false, statusCode: r.status, error: r.text || `HTTP ${r.status}`, final: r.status >= 400 && r.status < 500 && r.status !== 429 };
  }
  if (d.channel === "webhook") {
    const endpoint = await db.webhookEndpoint.findFirst({ where: { id: d.target, organizationId: d.organizationId } });
    if (!endpoint) return { ok: false, final: true, error: "The endpoint was deleted." };
    if (endpoint.disabledAt) return { ok: false, final: true, error: "The endpoint is disabled." };
    const target = await assertSendable(endpoint.url, options.resolve);
    const e = d.event;
    const data = { id: e.id, organizationId: e.organizationId, projectId: e.projectId, subjectId: e.subjectId, title: e.title, body: e.body, url: link };
    const request = signedRequest(open(endpoint.secretSealed, `webhook:${endpoint.id}`), { id: e.id, type: e.event, at: e.createdAt, data }, clock.now());
    const r = await postJson(target, request.body, request.headers);
    if (r.status >= 200 && r.status < 300) return { ok: true, statusCode: r.status };
    return { ok: false, statusCode: r.status, error: r.text || `HTTP ${r.status}`, gone: r.status === 410 };
  }
  return { ok: false, final: true, error: `No such channel: ${d.channel}` };
}
