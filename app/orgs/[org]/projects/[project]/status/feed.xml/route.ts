import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appUrlOf } from "@/lib/app-url";
import { getSessionUserId } from "@/lib/auth/session";
import { orgContextFor } from "@/lib/orgs/membership";
import { getProjectBySlug } from "@/lib/projects/projects";
import { projectPath } from "@/lib/projects/paths";
import { statusPageForMember } from "@/lib/status/page-data";
import { statusFeed } from "@/lib/status/feed";

// The status page's Atom feed for a signed-in member (a browser's feed reader with the session).
// Signed out, not a member, or an unknown project: 404, as the page would (naming nothing).
export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ org: string; project: string }> }): Promise<Response> {
  const { org, project: slug } = await context.params;
  try {
    const userId = await getSessionUserId();
    if (!userId) throw new AppError("not_found", "No such page.");
    const db = await getDb();
    const ctx = await orgContextFor(db, userId, org);
    const project = await getProjectBySlug(db, ctx, slug);
    const page = await statusPageForMember(db, ctx, project.id);
    const base = `${appUrlOf(request)}${projectPath(ctx.organizationSlug, project.slug)}/status`;
    return new Response(statusFeed(page, { selfUrl: `${base}/feed.xml`, pageUrl: base }), {
      status: 200,
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) {
      return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
    throw error;
  }
}
