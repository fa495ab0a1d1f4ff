import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { DEMO_EMAIL } from "@/lib/demo/seed-demo";
import { demoSignInEnabled } from "@/lib/demo/demo-mode";
import { verifyPassword } from "./password";
import { THROTTLED_PREFIX } from "./throttle-message";
import { recordAuthEvent } from "./auth-events";
import { clearFailures, lockedFor, recordFailure, RULES, throttleKeys } from "./throttle";

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().min(1).max(200) });

// A hash of a random password: comparing against it when the e-mail is unknown keeps the
// answer's timing from telling which e-mails have accounts.
const DUMMY_HASH = "$2b$11$KorFur/NoAVNkljSCtg6peVC2Vr1HXAzgxrXASREQs10iCw9q867u";

export class SignInThrottled extends Error {
  constructor(readonly retryAfter: number) {
    super(`${THROTTLED_PREFIX}${retryAfter}`);
  }
}

/**
 * Checks e-mail and password for the credentials sign-in. Throttled per account and per client
 * address (shared by all instances through the database): while either is locked, the attempt is
 * refused with the seconds to wait, without checking the password. Failures and refusals are
 * written to the security log.
 */
export async function authorizeCredentials(db: Db, raw: unknown, address: string): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = [throttleKeys.signInAccount(email), throttleKeys.signInAddress(address)];
  const wait = await lockedFor(db, keys);
  if (wait > 0) {
    await recordAuthEvent(db, { action: "signin.throttled", email, address });
    throw new SignInThrottled(wait);
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (ok && user && email === DEMO_EMAIL && !demoSignInEnabled()) {
    await recordAuthEvent(db, { action: "signin.demo_refused", email, userId: user.id, address });
    return null;
  }
  if (!user || !user.passwordHash || !ok) {
    await recordFailure(db, [
      { key: keys[0], rule: RULES.account },
      { key: keys[1], rule: RULES.address },
    ]);
    await recordAuthEvent(db, { action: "signin.failed", email, userId: user?.id ?? null, address });
    return null;
  }
  await clearFailures(db, keys[0]);
  return { id: user.id, email: user.email, name: user.name };
}
