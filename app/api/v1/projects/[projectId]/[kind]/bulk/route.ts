import { apiRoute, jsonBody } from "@/lib/api/handler";
import { apiBulkUpdate } from "@/lib/inventory/api";

export const PATCH = apiRoute<{ projectId: string; kind: string }>(async ({ db, principal, params, request }) =>
  apiBulkUpdate(db, principal, params.projectId, params.kind, await jsonBody(request)),
);
