import { projectRoute } from "@/lib/api/endpoint-route";
import { rotateCalendarToken } from "@/lib/stewardship/calendar";

/** A new private calendar link (the old one stops working); the secret is shown once. */
export const POST = projectRoute<{ projectId: string }>("post", "/api/v1/projects/{projectId}/calendar-token", async ({ db, ctx, params, request }) => {
  const { secret } = await rotateCalendarToken(db, ctx, params.projectId);
  const origin = process.env.NEXTAUTH_URL ?? new URL(request.url).origin;
  return { secret, url: `${origin.replace(/\/$/, "")}/api/calendar/${secret}.ics` };
});
