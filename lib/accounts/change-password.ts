import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { invalid, notFound, parseInput } from "@/lib/errors";
import { hashPassword, passwordSchema, verifyPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Required." }).min(1, "Required.").max(200, "Use at most 200 characters."),
    newPassword: passwordSchema,
  })
  .strict()
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password other than the current one." });

/**
 * Changes a password after checking the current one, and ends every session of the account (this
 * one included: the person signs in again with the new password), in one transaction — whoever
 * held an old session, or knew the old password, is out on their next request.
 */
export async function changePassword(db: Db, userId: string, raw: unknown): Promise<{ sessionsEnded: number }> {
  const input = parseInput(changePasswordSchema, raw);
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw notFound("No such account.");
  if (!user.passwordHash) throw invalid("This account signs in with GitHub and has no password to change.");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw invalid("The current password is not right.", { currentPassword: ["Not your current password."] });
  if (input.newPassword.toLowerCase().includes(user.email.split("@")[0]))
    throw invalid("The password must not contain your e-mail name.", { newPassword: ["Must not contain your e-mail name."] });
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return { sessionsEnded: await endUserSessions(tx, userId, "password_changed") };
  });
}

/** Ends every session of the account, on every device. */
export async function signOutEverywhere(db: Db, userId: string): Promise<{ sessionsEnded: number }> {
  return { sessionsEnded: await endUserSessions(db, userId, "signed_out_elsewhere") };
}
