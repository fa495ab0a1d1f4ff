import { projectRoute } from "@/lib/api/endpoint-route";
import { killSwitch } from "@/lib/cutover/switch";

export const POST = projectRoute<{ projectId: string }>("post", "/api/v1/projects/{projectId}/cutover/kill-switch", ({ db, ctx, params, body }) =>
  killSwitch(db, ctx, params.projectId, body),
);
