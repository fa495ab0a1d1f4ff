import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { createSlot, listSlots } from "@/lib/stewardship/office-hours";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params }) => ({
  data: await listSlots(db, await contextForProject(db, principal, params.projectId), params.projectId),
}));

/** A recurring weekly slot; overlapping another slot of the same host is refused. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  return NextResponse.json(await createSlot(db, ctx, params.projectId, await jsonBody(request)), { status: 201 });
});
