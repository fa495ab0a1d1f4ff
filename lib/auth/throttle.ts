import type { Db } from "@/lib/db/client";
import { AppError, rateLimited } from "@/lib/errors";
import * as clock from "@/lib/time/clock";

/**
 * Failed authentication attempts, counted per key in the database so that every app instance
 * shares the count. After a number of free failures each new one locks the key for twice as long
 * as the last (1 s, 2 s, 4 s, … up to a cap); failures an hour apart start the count again.
 * Attempts made while a key is locked are refused without being checked or counted, so they cost
 * nothing and cannot extend a lock someone else caused.
 */
export type ThrottleRule = { freeFailures: number; maxDelaySeconds: number };

export const RULES = {
  /** One account, from anywhere: a handful of typos are free. */
  account: { freeFailures: 5, maxDelaySeconds: 900 },
  /** One client address, over any accounts: an office behind one NAT makes more mistakes. */
  address: { freeFailures: 20, maxDelaySeconds: 900 },
  /** New organisations made from one address: every attempt counts (joining through an invitation does not). */
  signUp: { freeFailures: 30, maxDelaySeconds: 3600 },
  /** Public status-page e-mail requests from one address, over every project: every request counts. */
  statusSubscribe: { freeFailures: 6, maxDelaySeconds: 3600 },
} as const satisfies Record<string, ThrottleRule>;

const FORGET_AFTER_MS = 60 * 60 * 1000;

export const throttleKeys = {
  signInAccount: (email: string) => `signin:account:${email.trim().toLowerCase()}`,
  signInAddress: (address: string) => `signin:address:${address}`,
  tokenAddress: (address: string) => `token:address:${address}`,
  signUpAddress: (address: string) => `signup:address:${address}`,
  inviteAddress: (address: string) => `invite:address:${address}`,
  statusSubscribeAddress: (address: string) => `status-subscribe:address:${address}`,
  pushWebhookAddress: (address: string) => `push-webhook:address:${address}`,
};

/** Seconds of lock after `failures` failures. Pure. */
export function lockSeconds(failures: number, rule: ThrottleRule): number {
  if (failures <= rule.freeFailures) return 0;
  return Math.min(2 ** (failures - rule.freeFailures - 1), rule.maxDelaySeconds);
}

/** Whole seconds until every key is free again; 0 when none is locked. */
export async function lockedFor(db: Db, keys: string[], now = clock.now()): Promise<number> {
  const rows = await db.authThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failure on each key (atomically: concurrent failures on other instances all count)
 * and locks each key by its rule. Answers the longest lock that now applies, in seconds.
 */
export async function recordFailure(db: Db, entries: { key: string; rule: ThrottleRule }[], now = clock.now()): Promise<number> {
  let longest = 0;
  for (const { key, rule } of entries) {
    // Timestamps as UTC text cast to `timestamp`, the columns' type: no session zone in between.
    const at = now.toISOString();
    const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "AuthThrottle" ("key", "failures", "lastFailedAt") VALUES (${key}, 1, ${at}::timestamp)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "AuthThrottle"."lastFailedAt" < ${forgetBefore}::timestamp THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
        "lastFailedAt" = ${at}::timestamp
      RETURNING "failures"`;
    const seconds = lockSeconds(row.failures, rule);
    if (seconds > 0) {
      const until = new Date(now.getTime() + seconds * 1000).toISOString();
      // GREATEST: a concurrent failure that computed a longer lock keeps it.
      await db.$executeRaw`UPDATE "AuthThrottle" SET "lockedUntil" = GREATEST(COALESCE("lockedUntil", ${until}::timestamp), ${until}::timestamp) WHERE "key" = ${key}`;
      longest = Math.max(longest, seconds);
    }
  }
  return longest;
}

/** A success forgets the key's failures (the account's, not the address's). */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } });
}

/**
 * Runs an attempt guarded by one key: refused with rate_limited (the seconds to wait) while the key
 * is locked, without running it. What counts against the key: every attempt (`count: "every"`, for
 * requests that cost something even when they succeed, like making an account or sending an
 * e-mail) or only refused ones (`count: "refused"`: the attempt threw an AppError other than invalid
 * input — a wrong invitation link, say).
 */
export async function throttled<T>(db: Db, key: string, rule: ThrottleRule, count: "every" | "refused", what: string, attempt: () => Promise<T>): Promise<T> {
  const wait = await lockedFor(db, [key]);
  if (wait > 0) throw rateLimited(wait, what);
  if (count === "every") await recordFailure(db, [{ key, rule }]);
  try {
    return await attempt();
  } catch (error) {
    if (count === "refused" && error instanceof AppError && error.code !== "invalid_input") await recordFailure(db, [{ key, rule }]);
    throw error;
  }
}
