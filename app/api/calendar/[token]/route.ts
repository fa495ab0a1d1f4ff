import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { calendarForToken } from "@/lib/stewardship/calendar";

// The private calendar feed. Not under /api/v1: calendar programs send neither a bearer token nor
// a session cookie; the secret in the URL is the authorisation (lib/stewardship/calendar.ts).
export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  // Calendar programs like a URL ending in ".ics"; the token is the same either way.
  const token = (await context.params).token.replace(/\.ics$/i, "");
  try {
    const db = await getDb();
    const { ics, project } = await calendarForToken(db, token);
    return new Response(ics, {
      status: 200,
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Cache-Control": "private, max-age=300",
        "Content-Disposition": `inline; filename="waypoint-${project.slug}.ics"`,
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      return new Response("No such calendar. The link may have been replaced by a new one.\n", {
        status: 404,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    throw error;
  }
}
