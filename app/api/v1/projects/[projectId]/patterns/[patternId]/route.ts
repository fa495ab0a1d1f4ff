import { projectRoute } from "@/lib/api/endpoint-route";
import { archivePattern, updatePattern } from "@/lib/repositories/pattern-manage";

type Params = { projectId: string; patternId: string };
const path = "/api/v1/projects/{projectId}/patterns/{patternId}";

export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) => updatePattern(db, ctx, params.projectId, params.patternId, body));
/** Archives the pattern (its points stay). */
export const DELETE = projectRoute<Params>("delete", path, ({ db, ctx, params }) => archivePattern(db, ctx, params.projectId, params.patternId));
