import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { canAny, type Action } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { orgContextFor } from "@/lib/orgs/membership";
import { getProjectBySlug } from "@/lib/projects/projects";
import { REQUEST_PATH_HEADER } from "./request-path";
import { orgPath } from "@/lib/projects/paths";

/**
 * Page guards. Each runs before any `loading.tsx` boundary of the page it guards (in a layout or
 * the page itself), so that a redirect, a 404 or a 403 is the response's HTTP status and not a
 * page streamed with 200. They are cached per request: a layout and its page ask once.
 */

/** The path (and query) of the page being rendered, as the proxy recorded it; `fallback` if none. */
async function requestedPath(fallback: string): Promise<string> {
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  return path && path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

async function signInRedirect(fallback: string): Promise<never> {
  redirect(`/signin?callbackUrl=${encodeURIComponent(await requestedPath(fallback))}`);
}

/**
 * For pages: the signed-in user, or a redirect to sign-in that comes back to the page asked for
 * (its whole path and query; `returnTo` only when the proxy did not say).
 */
export const requireUserPage = cache(async (returnTo = "/") => {
  const userId = await getSessionUserId();
  if (!userId) return signInRedirect(returnTo);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
  if (!user) return signInRedirect(returnTo);
  return { db, user };
});

/** For pages under /orgs/[org]: the member's context; a non-member gets the 404 page. */
export const requireOrgPage = cache(async (orgSlug: string) => {
  const { db, user } = await requireUserPage(orgPath(orgSlug));
  try {
    return { db, user, ctx: await orgContextFor(db, user.id, orgSlug) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export const requireProjectPage = cache(async (orgSlug: string, projectSlug: string) => {
  const page = await requireOrgPage(orgSlug);
  try {
    return { ...page, project: await getProjectBySlug(page.db, page.ctx, projectSlug) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

/**
 * For the pages of an action (edit, create, tune): the 403 page unless the member's role may do
 * one of `actions`. The tabs and links hide these pages from such roles; this refuses the direct
 * URL, and the domain functions refuse the change itself whatever the page shows.
 */
export async function requireOrgPermission(orgSlug: string, ...actions: Action[]) {
  const page = await requireOrgPage(orgSlug);
  if (!canAny(page.ctx.role, actions)) forbidden();
  return page;
}

export async function requireProjectPermission(orgSlug: string, projectSlug: string, ...actions: Action[]) {
  const page = await requireProjectPage(orgSlug, projectSlug);
  if (!canAny(page.ctx.role, actions)) forbidden();
  return page;
}
