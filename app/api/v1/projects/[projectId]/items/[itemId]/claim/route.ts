import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { claimItem, releaseClaim } from "@/lib/claims/claims";

type Params = { projectId: string; itemId: string };

/** An empty body claims for yourself; tokens and stewards may name the holder. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  const body = await jsonBody(request, { optional: true });
  return NextResponse.json(await claimItem(db, ctx, params.projectId, params.itemId, body), { status: 201 });
});

export const DELETE = apiRoute<Params>(async ({ db, principal, params }) => {
  await releaseClaim(db, await contextForProject(db, principal, params.projectId), params.projectId, params.itemId);
  return new Response(null, { status: 204 });
});
