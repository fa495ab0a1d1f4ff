import { projectRoute } from "@/lib/api/endpoint-route";
import { getGateConfig, setGateConfig } from "@/lib/evidence/enforce";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/gates";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => getGateConfig(db, ctx, params.projectId));
export const PUT = projectRoute<Params>("put", path, ({ db, ctx, params, body }) => setGateConfig(db, ctx, params.projectId, body));
