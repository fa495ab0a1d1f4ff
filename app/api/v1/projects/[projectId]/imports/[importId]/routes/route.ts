import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { addUnmatchedRoutes } from "@/lib/import/unmatched-routes";

type Params = { projectId: string; importId: string };

/** Adds routes for paths an access-log import found no route for. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  return NextResponse.json(await addUnmatchedRoutes(db, ctx, params.projectId, params.importId, await jsonBody(request)), { status: 201 });
});
