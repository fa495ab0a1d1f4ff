import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import * as clock from "@/lib/time/clock";

/** How long a session lasts without signing in again. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export type SessionEndReason = "signed_out" | "removed" | "role_changed" | "password_changed" | "signed_out_elsewhere";

type Tx = Db | Prisma.TransactionClient;

/** Opens a session row for a sign-in; its id goes into the signed session cookie. */
export async function startSession(db: Db, userId: string): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db.userSession.create({ data: { id, userId, expiresAt: new Date(clock.nowMs() + SESSION_MAX_AGE_SECONDS * 1000) } });
  return id;
}

/**
 * Whether the cookie's session is still open: its row exists for that user, is not revoked and has
 * not expired. One primary-key read per request, so an ended session stops on its next request.
 */
export async function sessionIsOpen(db: Db, sessionId: unknown, userId: unknown): Promise<boolean> {
  if (typeof sessionId !== "string" || typeof userId !== "string") return false;
  const row = await db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true, expiresAt: true } });
  return Boolean(row && row.userId === userId && !row.revokedAt && row.expiresAt > clock.now());
}

export async function endSession(db: Tx, sessionId: string, reason: SessionEndReason): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: clock.now(), revokedReason: reason } });
}

/** Ends every open session of a user (but `keep`, the one making the change, if given). Answers how many. */
export async function endUserSessions(db: Tx, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: clock.now(), revokedReason: reason },
  });
  return count;
}
