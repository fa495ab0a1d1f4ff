import { NextResponse } from "next/server";
import { apiRoute, jsonBody, queryObject } from "@/lib/api/handler";
import { apiCreateItem, apiListItems } from "@/lib/inventory/api";

type Params = { projectId: string; kind: string };

export const GET = apiRoute<Params>(({ db, principal, params, request }) => apiListItems(db, principal, params.projectId, params.kind, queryObject(request)));

export const POST = apiRoute<Params>(async ({ db, principal, params, request }) =>
  NextResponse.json(await apiCreateItem(db, principal, params.projectId, params.kind, await jsonBody(request)), { status: 201 }),
);
