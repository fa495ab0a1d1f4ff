/**
 * What managers set up: a project's Slack incoming webhook and the outbound webhooks of the
 * organisation or a project (URL, event filter, a signing secret shown once), their delivery log
 * and "redeliver". Secrets are sealed at rest and never shown back in full.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, notFound, parseInput } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import type { OrgContext } from "@/lib/tenancy";
import { projectWhere } from "@/lib/tenancy";
import * as clock from "@/lib/time/clock";
import { EVENT_NAMES, GROUP_KEYS } from "./events";
import { checkOutboundUrl, urlHint } from "./outbound-url";
import { seal } from "./sealed";
import { newWebhookSecret } from "./webhook-send";

async function projectOf(db: Db, ctx: OrgContext, projectId: string) {
  const project = await db.project.findFirst({ where: projectWhere(ctx, { id: projectId }), select: { id: true, organizationId: true } });
  if (!project) throw notFound("No such project.");
  return project;
}

export const slackWebhookSchema = z
  .object({
    url: z.string().trim().min(1).max(500),
    groups: z
      .array(z.enum(GROUP_KEYS as [string, ...string[]]))
      .max(20)
      .default([]),
  })
  .strict();

export async function setSlackWebhook(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "notifications:manage");
  const input = parseInput(slackWebhookSchema, raw);
  const project = await projectOf(db, ctx, projectId);
  const url = checkOutboundUrl(input.url).toString();
  const data = { urlSealed: seal(url, `slack:${project.id}`), urlHint: urlHint(url), groups: input.groups, updatedById: ctx.userId };
  await db.slackWebhook.upsert({
    where: { projectId: project.id },
    create: { projectId: project.id, organizationId: project.organizationId, ...data },
    update: data,
  });
  return { urlHint: data.urlHint, groups: input.groups };
}

export async function removeSlackWebhook(db: Db, ctx: OrgContext, projectId: string) {
  assertCan(ctx.role, "notifications:manage");
  const project = await projectOf(db, ctx, projectId);
  const { count } = await db.slackWebhook.deleteMany({ where: { projectId: project.id, organizationId: ctx.organizationId } });
  return { removed: count };
}

export const endpointSchema = z
  .object({
    url: z.string().trim().min(1).max(500),
    description: z.string().trim().max(200).default(""),
    events: z
      .array(z.enum(EVENT_NAMES as [string, ...string[]]))
      .max(50)
      .default([]),
  })
  .strict();

/** A new endpoint for the project (or the whole organisation with projectId null). The secret is returned this once. */
export async function createWebhookEndpoint(db: Db, ctx: OrgContext, projectId: string | null, raw: unknown) {
  assertCan(ctx.role, "notifications:manage");
  const input = parseInput(endpointSchema, raw);
  if (projectId) await projectOf(db, ctx, projectId);
  else if (ctx.tokenProjectId) throw invalid("A project token cannot add an organisation-wide webhook.");
  const url = checkOutboundUrl(input.url).toString();
  const secret = newWebhookSecret();
  const endpoint = await db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        organizationId: ctx.organizationId,
        projectId,
        url,
        description: input.description,
        events: input.events,
        secretSealed: "pending",
        createdById: ctx.userId,
      },
    });
    return tx.webhookEndpoint.update({ where: { id: row.id }, data: { secretSealed: seal(secret, `webhook:${row.id}`) } });
  });
  return { ...publicEndpoint(endpoint), secret };
}

type EndpointRow = {
  id: string;
  projectId: string | null;
  url: string;
  description: string;
  events: string[];
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
};
const publicEndpoint = (e: EndpointRow) => ({
  id: e.id,
  projectId: e.projectId,
  url: e.url,
  description: e.description,
  events: e.events,
  disabledAt: e.disabledAt,
  disabledReason: e.disabledReason,
  createdAt: e.createdAt,
});

/** The endpoints that serve a project: its own and the organisation's. */
export async function listChannels(db: Db, ctx: OrgContext, projectId: string) {
  assertCan(ctx.role, "notifications:manage");
  const project = await projectOf(db, ctx, projectId);
  const [slack, endpoints] = await Promise.all([
    db.slackWebhook.findFirst({
      where: { projectId: project.id, organizationId: ctx.organizationId },
      select: { urlHint: true, groups: true, updatedAt: true },
    }),
    db.webhookEndpoint.findMany({
      where: { organizationId: ctx.organizationId, OR: [{ projectId: null }, { projectId: project.id }] },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { slack, endpoints: endpoints.map(publicEndpoint) };
}

async function endpointOf(db: Db, ctx: OrgContext, endpointId: string) {
  const e = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, organizationId: ctx.organizationId, ...(ctx.tokenProjectId ? { projectId: ctx.tokenProjectId } : {}) },
  });
  if (!e) throw notFound("No such webhook endpoint.");
  return e;
}

export async function deleteWebhookEndpoint(db: Db, ctx: OrgContext, endpointId: string) {
  assertCan(ctx.role, "notifications:manage");
  const e = await endpointOf(db, ctx, endpointId);
  await db.webhookEndpoint.deleteMany({ where: { id: e.id, organizationId: ctx.organizationId } });
  return { deleted: true };
}

/** Turn an endpoint on again (after a 410, once the receiver is back) or off. */
export async function setEndpointEnabled(db: Db, ctx: OrgContext, endpointId: string, enabled: boolean) {
  assertCan(ctx.role, "notifications:manage");
  const e = await endpointOf(db, ctx, endpointId);
  await db.webhookEndpoint.updateMany({
    where: { id: e.id, organizationId: ctx.organizationId },
    data: enabled ? { disabledAt: null, disabledReason: null } : { disabledAt: clock.now(), disabledReason: "Turned off by a manager." },
  });
  return { enabled };
}

/** An endpoint's delivery log: the latest deliveries with each attempt. */
export async function listDeliveries(db: Db, ctx: OrgContext, endpointId: string) {
  assertCan(ctx.role, "notifications:manage");
  const e = await endpointOf(db, ctx, endpointId);
  const rows = await db.notificationDelivery.findMany({
    where: { organizationId: ctx.organizationId, channel: "webhook", target: e.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    include: { event: { select: { event: true, title: true, createdAt: true } }, attemptLog: { orderBy: { number: "asc" } } },
  });
  return rows.map((d) => ({
    id: d.id,
    event: d.event.event,
    title: d.event.title,
    status: d.status,
    attempts: d.attemptLog.map((a) => ({ number: a.number, at: a.at, ok: a.ok, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
    nextAttemptAt: d.nextAttemptAt,
    deliveredAt: d.deliveredAt,
  }));
}

/** Send a delivery again now (same webhook-id: the receiver can tell it is the same event). */
export async function redeliver(db: Db, ctx: OrgContext, deliveryId: string) {
  assertCan(ctx.role, "notifications:manage");
  return db.$transaction(async (tx) => {
    const d = await tx.notificationDelivery.findFirst({ where: { id: deliveryId, organizationId: ctx.organizationId, channel: { in: ["webhook", "slack"] } } });
    if (!d) throw notFound("No such delivery.");
    if (d.channel === "webhook") {
      const e = await tx.webhookEndpoint.findFirst({
        where: { id: d.target, organizationId: ctx.organizationId, ...(ctx.tokenProjectId ? { projectId: ctx.tokenProjectId } : {}) },
      });
      if (!e) throw notFound("No such delivery.");
      if (e.disabledAt) throw invalid("The endpoint is disabled: turn it on first.");
    } else if (ctx.tokenProjectId && d.target !== ctx.tokenProjectId) throw notFound("No such delivery.");
    if (d.status === "pending" && d.nextAttemptAt === null) throw invalid("This delivery is being sent.");
    const attempt = d.attempts + 1;
    await tx.notificationDelivery.update({ where: { id: d.id }, data: { status: "pending", nextAttemptAt: null } });
    await enqueue(tx, "deliverNotification", { organizationId: d.organizationId, deliveryId: d.id, attempt }, { singletonKey: `${d.id}:${attempt}` });
    return { queued: true, attempt };
  });
}

/** The endpoint form's fields (url, description, event_<name>=on) as the create input. */
export function endpointFromForm(fields: Record<string, string>) {
  return {
    url: fields.url ?? "",
    description: fields.description ?? "",
    events: Object.keys(fields)
      .filter((k) => k.startsWith("event_") && fields[k] === "on")
      .map((k) => k.slice("event_".length)),
  };
}

/** The Slack form's fields (url, group_<key>=on) as the input. */
export function slackFromForm(fields: Record<string, string>) {
  return {
    url: fields.url ?? "",
    groups: Object.keys(fields)
      .filter((k) => k.startsWith("group_") && fields[k] === "on")
      .map((k) => k.slice("group_".length)),
  };
}

/** The managers' page: the project's Slack webhook, and each endpoint serving it with its delivery log. */
export async function getChannelsPage(db: Db, ctx: OrgContext, projectId: string) {
  const { slack, endpoints } = await listChannels(db, ctx, projectId);
  const logs = [];
  for (const e of endpoints) logs.push({ ...e, deliveries: await listDeliveries(db, ctx, e.id) });
  return { slack, endpoints: logs };
}
