import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { orgContextFor } from "@/lib/orgs/membership";
import { getProjectBySlug } from "@/lib/projects/projects";

/** For pages: the signed-in user, or a redirect to sign-in that comes back here. */
export async function requireUserPage(returnTo: string) {
  const userId = await getSessionUserId();
  if (!userId) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { db, user };
}

/** For pages under /orgs/[org]: the member's context; a non-member gets the 404 page. */
export async function requireOrgPage(orgSlug: string) {
  const { db, user } = await requireUserPage(`/orgs/${orgSlug}`);
  try {
    return { db, user, ctx: await orgContextFor(db, user.id, orgSlug) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function requireProjectPage(orgSlug: string, projectSlug: string) {
  const page = await requireOrgPage(orgSlug);
  try {
    return { ...page, project: await getProjectBySlug(page.db, page.ctx, projectSlug) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
