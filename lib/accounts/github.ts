import type { Db } from "@/lib/db/client";

/**
 * Maps a GitHub sign-in to a local user: by GitHub id, else by the (GitHub-verified) e-mail,
 * else a new user. Returns null without an e-mail. A new user belongs to no organisation yet:
 * whoever came by an invitation link is sent back to it (the sign-in's callbackUrl) and joins that
 * organisation only; anyone else lands on "New organisation" (app/page.tsx).
 */
export async function signInWithGitHub(db: Db, input: { githubId: string; email: string | null; name: string | null }) {
  const byId = await db.user.findUnique({ where: { githubId: input.githubId }, select: { id: true } });
  if (byId) return byId;
  if (!input.email) return null;
  const email = input.email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const byEmail = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (byEmail) return tx.user.update({ where: { id: byEmail.id }, data: { githubId: input.githubId }, select: { id: true } });
    const name = input.name?.trim() || email.split("@")[0];
    return tx.user.create({ data: { email, name, githubId: input.githubId }, select: { id: true } });
  });
}
