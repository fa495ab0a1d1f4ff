import { projectRoute } from "@/lib/api/endpoint-route";
import { getGuide, saveGuide } from "@/lib/agents/guide";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/guide";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params, query }) => getGuide(db, ctx, params.projectId, query));
export const PUT = projectRoute<Params>("put", path, ({ db, ctx, params, body }) => saveGuide(db, ctx, params.projectId, body));
