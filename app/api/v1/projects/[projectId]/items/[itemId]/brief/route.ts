import { projectRoute } from "@/lib/api/endpoint-route";
import { briefResponse } from "@/lib/agents/brief-http";

type Params = { projectId: string; itemId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/items/{itemId}/brief", ({ db, ctx, params, request, query }) =>
  briefResponse(db, ctx, params.projectId, params.itemId, request.headers.get("accept"), query),
);
