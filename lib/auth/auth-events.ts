import type { Db } from "@/lib/db/client";

export type AuthEventAction = "signin.failed" | "signin.throttled" | "signin.demo_refused" | "token.failed" | "token.throttled";

/** A security event that belongs to no organisation (a failed sign-in names an e-mail, not a tenant). */
export async function recordAuthEvent(db: Db, event: { action: AuthEventAction; email?: string | null; userId?: string | null; address?: string | null }) {
  await db.authEvent.create({ data: { action: event.action, email: event.email ?? null, userId: event.userId ?? null, address: event.address ?? null } });
}
