/**
 * E-mail updates for people outside engineering, through the share link (no session): a double
 * opt-in. Asking stores a *pending* subscriber and e-mails a confirmation link; only a confirmed
 * address gets status e-mails (lib/status/send-events.ts). Every status e-mail carries its own
 * one-click unsubscribe link (RFC 8058). The links' secrets are random (lib/secrets.ts) and stored
 * only as SHA-256; they belong to the subscriber, not to the share link, so rotating the share link
 * breaks none of them.
 *
 * No address enumeration: every accepted request answers the same words and sends one e-mail — a
 * confirmation to a new or pending address, "already subscribed" (with an unsubscribe link) to a
 * confirmed one — and the hourly limit applies to an address whatever its state.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound, parseInput, unavailable } from "@/lib/errors";
import { newSecret, sha256 } from "@/lib/secrets";
import { emailConfigured, sendEmail } from "@/lib/notifications/email";
import { absoluteLink } from "@/lib/notifications/links";
import { statusPaths } from "@/lib/projects/paths";
import { RULES, throttleKeys, throttled } from "@/lib/auth/throttle";
import * as clock from "@/lib/time/clock";
import { projectForStatusToken } from "./manage";
import { statusSubscriberSchema } from "./schemas";

const HOUR_MS = 3_600_000;
/** A pending address that was not confirmed within this time is forgotten. */
export const PENDING_TTL_MS = 7 * 24 * HOUR_MS;
/** Requests through one share link's page per hour, over all addresses. */
export const SUBSCRIBE_CAP_PER_HOUR = 20;
/** How many recent e-mails' unsubscribe links stay valid per address. */
export const UNSUBSCRIBE_LINKS_KEPT = 25;

export const CONFIRM_TOKEN_PREFIX = "wpsc";
export const UNSUBSCRIBE_TOKEN_PREFIX = "wpsu";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string; projectId: string };

/** The one answer to an accepted request, whatever the address's state. */
export function subscribeAnswer(email: string): string {
  return `Thank you. We have sent an e-mail to ${email}: follow its link to confirm (it works for 7 days). Until then, nothing else is sent to it.`;
}

const tokenHash = (token: string, prefix: string): string | null =>
  typeof token === "string" && token.startsWith(`${prefix}_`) && token.length <= 200 ? sha256(token) : null;

/**
 * Makes a new unsubscribe secret for one e-mail to this subscriber: its hash is put first in the
 * row's list (atomically, keeping the newest UNSUBSCRIBE_LINKS_KEPT). Returns the secret.
 */
export async function newUnsubscribeToken(db: Db | Tx, subscriber: { id: string; organizationId: string }): Promise<string> {
  const token = newSecret(UNSUBSCRIBE_TOKEN_PREFIX);
  await db.$executeRaw`
    UPDATE "StatusSubscriber"
    SET "unsubscribeTokenHashes" = (ARRAY[${sha256(token)}]::text[] || "unsubscribeTokenHashes")[1:${UNSUBSCRIBE_LINKS_KEPT}]
    WHERE "id" = ${subscriber.id} AND "organizationId" = ${subscriber.organizationId}`;
  return token;
}

/** The lines and headers every e-mail to a subscriber carries: a one-click unsubscribe (RFC 8058). */
export function unsubscribeParts(token: string): { link: string; headers: Record<string, string> } {
  const link = absoluteLink(statusPaths.unsubscribe(token))!;
  return {
    link,
    headers: { "List-Unsubscribe": `<${absoluteLink(statusPaths.oneClick(token))}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

const refused = (message: string, retryAfter: number) => new AppError("rate_limited", message, { retryAfter });

/**
 * The share-link page's "Get e-mail updates": stores the address as pending (or refreshes a pending
 * one with a new link) and e-mails it. Refused (rate_limited, in words) when this address asked
 * less than an hour ago, or when the link's page took SUBSCRIBE_CAP_PER_HOUR requests in the last
 * hour. An unknown, rotated or turned-off share link → not_found.
 */
export async function subscribeByShareLink(db: Db, shareToken: string, raw: unknown, address: string): Promise<{ message: string }> {
  // Every request from one address counts, over all projects: one client cannot use up a page's hourly cap.
  return throttled(db, throttleKeys.statusSubscribeAddress(address), RULES.statusSubscribe, "every", "Too many requests from this address", () =>
    subscribe(db, shareToken, raw),
  );
}

async function subscribe(db: Db, shareToken: string, raw: unknown): Promise<{ message: string }> {
  const project = await projectForStatusToken(db, shareToken);
  if (!project) throw notFound("No such page.");
  const { email } = parseInput(statusSubscriberSchema, raw);
  if (!emailConfigured()) throw unavailable(3600, "E-mail updates are not available here yet.");
  const now = clock.now();
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const scope: Scope = { organizationId: project.organizationId, projectId: project.id };

  const prepared = await db.$transaction(async (tx) => {
    // One request of this project at a time: the counts below cannot be outrun by a concurrent one.
    await tx.$queryRaw`SELECT "id" FROM "Project" WHERE "id" = ${scope.projectId} AND "organizationId" = ${scope.organizationId} FOR UPDATE`;
    const row = await tx.statusSubscriber.findFirst({ where: { ...scope, email }, select: { id: true, confirmedAt: true, requestedAt: true } });
    if (row?.requestedAt && row.requestedAt > hourAgo) {
      const wait = Math.ceil((row.requestedAt.getTime() + HOUR_MS - now.getTime()) / 60_000);
      throw refused(
        `An e-mail was sent to this address less than an hour ago: look for it in your inbox (or spam folder), or ask again in ${wait} minute${wait === 1 ? "" : "s"}.`,
        wait * 60,
      );
    }
    const recent = await tx.statusSubscriber.count({ where: { ...scope, requestedAt: { gt: hourAgo } } });
    if (recent >= SUBSCRIBE_CAP_PER_HOUR) {
      throw refused("This page has had too many sign-ups in the last hour. Please try again in an hour.", 3600);
    }
    const project = await tx.project.findFirstOrThrow({ where: { id: scope.projectId, organizationId: scope.organizationId }, select: { name: true } });
    if (row?.confirmedAt) {
      await tx.statusSubscriber.update({ where: { id: row.id }, data: { requestedAt: now } });
      const token = await newUnsubscribeToken(tx, { id: row.id, organizationId: scope.organizationId });
      return { kind: "already" as const, id: row.id, previous: row.requestedAt, token, projectName: project.name };
    }
    const token = newSecret(CONFIRM_TOKEN_PREFIX);
    const data = { requestedAt: now, confirmTokenHash: sha256(token) };
    const id = row
      ? (await tx.statusSubscriber.update({ where: { id: row.id }, data, select: { id: true } })).id
      : (await tx.statusSubscriber.create({ data: { ...scope, email, ...data }, select: { id: true } })).id;
    return { kind: "confirm" as const, id, previous: row?.requestedAt ?? null, token, projectName: project.name };
  });

  try {
    if (prepared.kind === "confirm") {
      await sendEmail({
        to: email,
        subject: `Confirm: e-mail updates about ${prepared.projectName}`,
        text:
          `Someone (we hope you) asked for e-mail when the plans of “${prepared.projectName}” change: when a planned change moves or is cancelled.\n\n` +
          `To confirm, open this link and press “Confirm”:\n${absoluteLink(statusPaths.confirm(prepared.token))}\n\n` +
          `The link works for 7 days. If you did not ask, ignore this e-mail: you will get nothing more.\n\n— Waypoint\n`,
      });
    } else {
      const { link, headers } = unsubscribeParts(prepared.token);
      await sendEmail({
        to: email,
        subject: `${prepared.projectName}: you are subscribed already`,
        text:
          `Someone (we hope you) asked for e-mail updates about “${prepared.projectName}”. This address gets them already: nothing has changed.\n\n` +
          `To stop them: ${link}\n\n— Waypoint\n`,
        headers,
      });
    }
  } catch (error) {
    // Not sent: the request does not count, so the person can simply try again.
    console.error(`[status] could not send the subscription e-mail for ${prepared.id}:`, (error as Error).message);
    await db.statusSubscriber.updateMany({ where: { id: prepared.id, ...scope }, data: { requestedAt: prepared.previous } });
    throw unavailable(300, "We could not send the e-mail just now. Please try again in a few minutes.");
  }
  return { message: subscribeAnswer(email) };
}

async function pendingByConfirmToken(db: Db, token: string) {
  const hash = tokenHash(token, CONFIRM_TOKEN_PREFIX);
  if (!hash) return null;
  const row = await db.statusSubscriber.findUnique({
    where: { confirmTokenHash: hash },
    select: { id: true, organizationId: true, projectId: true, email: true, confirmedAt: true, requestedAt: true, project: { select: { name: true } } },
  });
  const fresh = row?.requestedAt && row.requestedAt.getTime() > clock.nowMs() - PENDING_TTL_MS;
  return row && !row.confirmedAt && fresh ? row : null;
}

/** What the confirmation link's page shows (before its button is pressed); null: unknown, used or expired. */
export async function describeConfirmation(db: Db, token: string): Promise<{ email: string; projectName: string } | null> {
  const row = await pendingByConfirmToken(db, token);
  return row ? { email: row.email, projectName: row.project.name } : null;
}

/** The confirmation link's button: the address gets status e-mails from now on. */
export async function confirmStatusSubscription(db: Db, token: string): Promise<{ email: string; projectName: string }> {
  const row = await pendingByConfirmToken(db, token);
  if (!row) throw notFound("This link no longer works: it was used already or it has expired. Ask again on the status page.");
  const { count } = await db.statusSubscriber.updateMany({
    where: { id: row.id, organizationId: row.organizationId, projectId: row.projectId, confirmedAt: null },
    data: { confirmedAt: clock.now(), confirmTokenHash: null },
  });
  if (count === 0) throw notFound("This link no longer works: it was used already. Ask again on the status page.");
  return { email: row.email, projectName: row.project.name };
}

async function subscriberByUnsubscribeToken(db: Db, token: string) {
  const hash = tokenHash(token, UNSUBSCRIBE_TOKEN_PREFIX);
  if (!hash) return null;
  return db.statusSubscriber.findFirst({
    where: { unsubscribeTokenHashes: { has: hash } },
    select: { id: true, organizationId: true, projectId: true, email: true, project: { select: { name: true } } },
  });
}

/** What the unsubscribe link's page shows before its button; null when the address is no longer subscribed. */
export async function describeUnsubscribe(db: Db, token: string): Promise<{ email: string; projectName: string } | null> {
  const row = await subscriberByUnsubscribeToken(db, token);
  return row ? { email: row.email, projectName: row.project.name } : null;
}

/** The unsubscribe link (its page's button, or a mail program's one-click POST): the address is removed. */
export async function unsubscribeByToken(db: Db, token: string): Promise<{ removed: boolean; email: string | null; projectName: string | null }> {
  const row = await subscriberByUnsubscribeToken(db, token);
  if (!row) return { removed: false, email: null, projectName: null };
  const { count } = await db.statusSubscriber.deleteMany({ where: { id: row.id, organizationId: row.organizationId, projectId: row.projectId } });
  return { removed: count > 0, email: row.email, projectName: row.project.name };
}

/** Forgets pending addresses never confirmed within PENDING_TTL_MS (the hourly sweep). */
export async function purgeExpiredStatusSubscribers(db: Db): Promise<number> {
  const { count } = await db.statusSubscriber.deleteMany({
    where: { confirmedAt: null, requestedAt: { lt: new Date(clock.nowMs() - PENDING_TTL_MS) } },
  });
  return count;
}
