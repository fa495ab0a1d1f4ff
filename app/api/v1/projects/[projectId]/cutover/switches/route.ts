import { projectRoute } from "@/lib/api/endpoint-route";
import { listSwitches } from "@/lib/cutover/history";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/cutover/switches", ({ db, ctx, params, query }) =>
  listSwitches(db, ctx, params.projectId, query),
);
