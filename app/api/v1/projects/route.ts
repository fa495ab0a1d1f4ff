import { NextResponse } from "next/server";
import { apiRoute, jsonBody, parseQuery } from "@/lib/api/handler";
import { listProjectsQuerySchema } from "@/lib/projects/schemas";
import { createProjectForPrincipal, listProjectsForPrincipal } from "@/lib/projects/api-queries";

export const GET = apiRoute(({ db, principal, request }) =>
  listProjectsForPrincipal(db, principal, parseQuery(listProjectsQuerySchema, request)),
);

export const POST = apiRoute(async ({ db, principal, request }) =>
  NextResponse.json(await createProjectForPrincipal(db, principal, await jsonBody(request)), { status: 201 }),
);
