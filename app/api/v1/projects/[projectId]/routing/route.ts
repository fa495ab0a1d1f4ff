import { projectRoute } from "@/lib/api/endpoint-route";
import { routingResponse } from "@/lib/cutover/routing-response";

/** The proxy configuration of the ledger, with an ETag; 304 when the caller's is current. */
export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/routing", ({ db, ctx, params, query, request }) =>
  routingResponse(db, ctx, params.projectId, query, request.headers.get("if-none-match")),
);
