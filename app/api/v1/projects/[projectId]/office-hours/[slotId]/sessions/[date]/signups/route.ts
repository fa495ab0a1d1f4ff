import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { sessionSignups, signUp } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; slotId: string; date: string };

/** The session's sign-ups (hosts and stewards see them all). */
export const GET = apiRoute<Params>(async ({ db, principal, params }) => ({
  data: await sessionSignups(db, await contextForProject(db, principal, params.projectId), params.projectId, params.slotId, { date: params.date }),
}));

/** Sign up with a topic (and optionally an item): `{ "topic", "itemId"? }`. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  const body = (await jsonBody(request)) as Record<string, unknown>;
  return NextResponse.json(await signUp(db, ctx, params.projectId, params.slotId, { ...body, sessionDate: params.date }), { status: 201 });
});
