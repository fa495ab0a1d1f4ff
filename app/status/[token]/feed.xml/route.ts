import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appUrlOf } from "@/lib/app-url";
import { statusPageForToken } from "@/lib/status/page-data";
import { statusFeed } from "@/lib/status/feed";

// The status page's Atom feed for feed readers, which cannot sign in: the share link's secret is
// the authorisation, as for the page. Unknown, rotated or turned-off → 404.
export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  try {
    const db = await getDb();
    const page = await statusPageForToken(db, token);
    const base = `${appUrlOf(request)}/status/${encodeURIComponent(token)}`;
    return new Response(statusFeed(page, { selfUrl: `${base}/feed.xml`, pageUrl: base }), {
      status: 200,
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer" },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
    throw error;
  }
}
