import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { projectWhere } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { newSecret, sha256 } from "@/lib/secrets";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import { mySubscriptionSchema, statusNoteSchema, statusSubscriberSchema, statusSummarySchema } from "./schemas";

/**
 * What stewards write and control on the status page: the share link (a secret URL
 * `/status/<token>`; only its SHA-256 is stored in Project.statusShareTokenHash, as the calendar
 * feed's), the summary, the notes per upcoming cutover and the e-mail subscribers.
 */

export const STATUS_TOKEN_PREFIX = "wps";

/** Makes a new share link (the old one, if any, answers 404 from now on); the secret is returned once. */
export async function rotateStatusShareLink(db: Db, ctx: OrgContext, projectId: string): Promise<{ secret: string }> {
  assertCan(ctx.role, "status:manage");
  const secret = newSecret(STATUS_TOKEN_PREFIX);
  await db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: projectWhere(ctx, { id: projectId }), select: { id: true, slug: true, statusShareTokenHash: true } });
    if (!project) throw notFound("No such project.");
    await tx.project.update({ where: { id: project.id }, data: { statusShareTokenHash: sha256(secret) } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: project.statusShareTokenHash ? "status_link.rotated" : "status_link.created",
      targetType: "project",
      targetId: project.id,
      data: { project: project.slug },
    });
  });
  return { secret };
}

/** Turns the share link off: the page is for members only again. */
export async function disableStatusShareLink(db: Db, ctx: OrgContext, projectId: string): Promise<{ disabled: boolean }> {
  assertCan(ctx.role, "status:manage");
  return db.$transaction(async (tx) => {
    const project = await tx.project.findFirst({ where: projectWhere(ctx, { id: projectId }), select: { id: true, slug: true, statusShareTokenHash: true } });
    if (!project) throw notFound("No such project.");
    if (!project.statusShareTokenHash) return { disabled: false };
    await tx.project.update({ where: { id: project.id }, data: { statusShareTokenHash: null } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "status_link.disabled",
      targetType: "project",
      targetId: project.id,
      data: { project: project.slug },
    });
    return { disabled: true };
  });
}

/** The project a share token opens, or null for a malformed, unknown, rotated or turned-off one. */
export async function projectForStatusToken(db: Db, token: string) {
  if (typeof token !== "string" || !token.startsWith(`${STATUS_TOKEN_PREFIX}_`) || token.length > 200) return null;
  return db.project.findUnique({ where: { statusShareTokenHash: sha256(token) }, select: { id: true, organizationId: true, archivedAt: true } });
}

export async function updateStatusSummary(db: Db, ctx: OrgContext, projectId: string, raw: unknown): Promise<{ summary: string }> {
  assertCan(ctx.role, "status:manage");
  const input = parseInput(statusSummarySchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    await tx.project.update({ where: { id: project.id }, data: { statusSummary: input.summary } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "status_summary.updated",
      targetType: "project",
      targetId: project.id,
    });
    return { summary: input.summary };
  });
}

/** Adds a "how to notice, whom to tell" note, for a planned switch of this project or on its own. */
export async function createStatusNote(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "status:manage");
  const input = parseInput(statusNoteSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    if (input.scheduledSwitchId) {
      const planned = await tx.scheduledSwitch.findFirst({
        where: { id: input.scheduledSwitchId, projectId: project.id, organizationId: ctx.organizationId },
        select: { id: true },
      });
      if (!planned) throw notFound("No such planned switch.");
    }
    return tx.statusNote.create({
      data: {
        organizationId: ctx.organizationId,
        projectId: project.id,
        scheduledSwitchId: input.scheduledSwitchId ?? null,
        title: input.title,
        howToNotice: input.howToNotice,
        whomToTell: input.whomToTell,
        createdById: ctx.userId,
      },
      select: { id: true, title: true, howToNotice: true, whomToTell: true, scheduledSwitchId: true },
    });
  });
}

export async function deleteStatusNote(db: Db, ctx: OrgContext, projectId: string, noteId: string): Promise<{ deleted: true }> {
  assertCan(ctx.role, "status:manage");
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const { count } = await tx.statusNote.deleteMany({ where: { id: noteId, projectId: project.id, organizationId: ctx.organizationId } });
    if (count === 0) throw notFound("No such note.");
    return { deleted: true as const };
  });
}

/**
 * Confirms an address that waits for its double opt-in (asked on the share-link page): a steward
 * or the member themselves vouches for it. Answers whether such a pending row was there.
 */
async function confirmPending(db: Db, where: { organizationId: string; projectId: string; email: string }): Promise<boolean> {
  const { count } = await db.statusSubscriber.updateMany({
    where: { ...where, confirmedAt: null },
    data: { confirmedAt: clock.now(), confirmTokenHash: null },
  });
  return count > 0;
}

/**
 * Adds an address told when a planned switch moves or is cancelled (a steward adds others; any
 * member may add their own). Confirmed at once: no double opt-in (a pending one is confirmed).
 */
export async function addStatusSubscriber(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "status:manage");
  const input = parseInput(statusSubscriberSchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const where = { organizationId: ctx.organizationId, projectId: project.id, email: input.email };
  if (await confirmPending(db, where)) return db.statusSubscriber.findFirstOrThrow({ where, select: { id: true, email: true } });
  try {
    return await db.statusSubscriber.create({
      data: { ...where, createdById: ctx.userId, confirmedAt: clock.now() },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("This address is subscribed already.", { fields: { email: ["Subscribed already."] } });
    throw error;
  }
}

export async function removeStatusSubscriber(db: Db, ctx: OrgContext, projectId: string, subscriberId: string): Promise<{ removed: true }> {
  assertCan(ctx.role, "status:manage");
  const project = await projectInScope(db, ctx, projectId);
  const { count } = await db.statusSubscriber.deleteMany({ where: { id: subscriberId, projectId: project.id, organizationId: ctx.organizationId } });
  if (count === 0) throw notFound("No such subscriber.");
  return { removed: true };
}

/** The signed-in member's own subscription: their account's address, and whether it is subscribed. */
export async function myStatusSubscription(db: Db, ctx: OrgContext, projectId: string): Promise<{ email: string | null; subscribed: boolean }> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  if (!ctx.userId) return { email: null, subscribed: false };
  const user = await db.user.findUnique({ where: { id: ctx.userId }, select: { email: true } });
  if (!user) return { email: null, subscribed: false };
  const email = user.email.toLowerCase();
  const row = await db.statusSubscriber.findFirst({
    where: { projectId: project.id, organizationId: ctx.organizationId, email, confirmedAt: { not: null } },
    select: { id: true },
  });
  return { email, subscribed: Boolean(row) };
}

/** Any member subscribes or unsubscribes their own account's address (no one else's). */
export async function setMyStatusSubscription(db: Db, ctx: OrgContext, projectId: string, raw: unknown): Promise<{ subscribed: boolean }> {
  assertCan(ctx.role, "project:view");
  const { subscribed } = parseInput(mySubscriptionSchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const user = ctx.userId ? await db.user.findUnique({ where: { id: ctx.userId }, select: { email: true } }) : null;
  if (!user) throw notFound("No such member.");
  const email = user.email.toLowerCase();
  const where = { projectId: project.id, organizationId: ctx.organizationId, email };
  if (!subscribed) {
    await db.statusSubscriber.deleteMany({ where });
    return { subscribed: false };
  }
  if (!(await db.statusSubscriber.findFirst({ where, select: { id: true } }))) {
    try {
      await db.statusSubscriber.create({ data: { ...where, createdById: ctx.userId, confirmedAt: clock.now() } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // subscribed meanwhile: the same outcome
    }
  }
  await confirmPending(db, where); // asked on the share-link page before: their own account vouches for it
  return { subscribed: true };
}

/** The confirmed subscribers to tell about the project's status changes (the e-mail channel). */
export function confirmedStatusSubscribers(db: Db, scope: { organizationId: string; projectId: string }) {
  return db.statusSubscriber.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, confirmedAt: { not: null } },
    orderBy: { email: "asc" },
    select: { id: true, organizationId: true, email: true },
  });
}

/** The addresses to tell about the project's status changes: confirmed ones only. */
export async function statusSubscribersFor(db: Db, scope: { organizationId: string; projectId: string }): Promise<string[]> {
  return (await confirmedStatusSubscribers(db, scope)).map((r) => r.email);
}

/** What the member view's management panel lists. */
export async function statusManagement(db: Db, ctx: OrgContext, projectId: string) {
  assertCan(ctx.role, "status:manage");
  const project = await projectInScope(db, ctx, projectId);
  const [row, subscribers, notes, pending] = await Promise.all([
    db.project.findFirstOrThrow({ where: { id: project.id, organizationId: ctx.organizationId }, select: { statusShareTokenHash: true, statusSummary: true } }),
    db.statusSubscriber.findMany({
      where: { projectId: project.id, organizationId: ctx.organizationId },
      orderBy: { email: "asc" },
      select: { id: true, email: true, confirmedAt: true, requestedAt: true },
    }),
    db.statusNote.findMany({
      where: { projectId: project.id, organizationId: ctx.organizationId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, title: true, scheduledSwitch: { select: { status: true } } },
    }),
    db.scheduledSwitch.findMany({
      where: { projectId: project.id, organizationId: ctx.organizationId, status: "pending" },
      orderBy: [{ runAt: "asc" }, { id: "asc" }],
      take: 200,
      select: { id: true, runAt: true, toState: true, toPercent: true, item: { select: { key: true, path: true } } },
    }),
  ]);
  return { hasShareLink: Boolean(row.statusShareTokenHash), summary: row.statusSummary, subscribers, notes, pending, timeZone: project.timeZone };
}
