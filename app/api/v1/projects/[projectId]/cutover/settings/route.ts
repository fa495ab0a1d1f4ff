import { projectRoute } from "@/lib/api/endpoint-route";
import { getCutoverSettings, updateCutoverSettings } from "@/lib/cutover/settings";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/cutover/settings";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => getCutoverSettings(db, ctx, params.projectId));
export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) => updateCutoverSettings(db, ctx, params.projectId, body));
