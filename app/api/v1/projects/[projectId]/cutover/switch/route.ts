import { projectRoute } from "@/lib/api/endpoint-route";
import { bulkSwitch } from "@/lib/cutover/switch";

export const POST = projectRoute<{ projectId: string }>("post", "/api/v1/projects/{projectId}/cutover/switch", ({ db, ctx, params, body }) =>
  bulkSwitch(db, ctx, params.projectId, body),
);
