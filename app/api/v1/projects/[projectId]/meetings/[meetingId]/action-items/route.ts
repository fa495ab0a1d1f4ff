import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { createActionItem } from "@/lib/stewardship/meetings";

type Params = { projectId: string; meetingId: string };

export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  return NextResponse.json(await createActionItem(db, ctx, params.projectId, params.meetingId, await jsonBody(request)), { status: 201 });
});
