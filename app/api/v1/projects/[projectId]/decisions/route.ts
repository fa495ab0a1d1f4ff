import { NextResponse } from "next/server";
import { apiRoute, jsonBody, queryObject } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { createDecision, listDecisions } from "@/lib/stewardship/decisions";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const { data, nextCursor } = await listDecisions(db, await contextForProject(db, principal, params.projectId), params.projectId, queryObject(request));
  return { data, nextCursor };
});

/** Records a decision; with `supersedesId` it replaces an accepted one. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  return NextResponse.json(await createDecision(db, ctx, params.projectId, await jsonBody(request)), { status: 201 });
});
