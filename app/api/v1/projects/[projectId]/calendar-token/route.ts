import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { rotateCalendarToken } from "@/lib/stewardship/calendar";

type Params = { projectId: string };

/** A new private calendar link (the old one stops working); the secret is shown once. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const { secret } = await rotateCalendarToken(db, await contextForProject(db, principal, params.projectId), params.projectId);
  const origin = process.env.NEXTAUTH_URL ?? new URL(request.url).origin;
  return NextResponse.json({ secret, url: `${origin.replace(/\/$/, "")}/api/calendar/${secret}.ics` }, { status: 201 });
});
