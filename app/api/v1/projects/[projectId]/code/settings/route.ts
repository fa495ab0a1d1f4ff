import { projectRoute } from "@/lib/api/endpoint-route";
import { getCodeSettings, setCodeSettings } from "@/lib/repositories/settings";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/code/settings";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => getCodeSettings(db, ctx, params.projectId));
export const PUT = projectRoute<Params>("put", path, ({ db, ctx, params, body }) => setCodeSettings(db, ctx, params.projectId, body));
