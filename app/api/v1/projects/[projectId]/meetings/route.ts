import { NextResponse } from "next/server";
import { apiRoute, jsonBody, queryObject } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { createMeeting, listMeetings } from "@/lib/stewardship/meetings";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params, request }) =>
  listMeetings(db, await contextForProject(db, principal, params.projectId), params.projectId, queryObject(request)),
);

/** Creates the meeting of a day with its proposed agenda. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  return NextResponse.json(await createMeeting(db, ctx, params.projectId, await jsonBody(request)), { status: 201 });
});
