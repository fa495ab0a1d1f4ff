import { apiRoute, jsonBody } from "@/lib/api/handler";
import { apiDeleteItem, apiGetItem, apiUpdateItem } from "@/lib/inventory/api";

type Params = { projectId: string; kind: string; itemId: string };

export const GET = apiRoute<Params>(({ db, principal, params }) => apiGetItem(db, principal, params.projectId, params.kind, params.itemId));
export const PATCH = apiRoute<Params>(async ({ db, principal, params, request }) =>
  apiUpdateItem(db, principal, params.projectId, params.kind, params.itemId, await jsonBody(request)),
);
export const DELETE = apiRoute<Params>(({ db, principal, params }) => apiDeleteItem(db, principal, params.projectId, params.kind, params.itemId));
