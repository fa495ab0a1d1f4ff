import { can } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/tenancy";

/**
 * Members see each other's names; e-mail addresses only when they may manage members (admins), or
 * their own. Every list that shows people passes them through here.
 */
export function mayReadEmailsOf(ctx: Pick<OrgContext, "role">): boolean {
  return can(ctx.role, "members:manage");
}

export function withVisibleEmail<U extends { id: string; email: string }>(
  ctx: Pick<OrgContext, "role" | "userId">,
  user: U,
): Omit<U, "email"> & { email?: string } {
  if (mayReadEmailsOf(ctx) || user.id === ctx.userId) return user;
  const { email: _hidden, ...rest } = user;
  return rest;
}
