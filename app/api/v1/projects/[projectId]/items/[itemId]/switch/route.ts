import { projectRoute } from "@/lib/api/endpoint-route";
import { switchRoute } from "@/lib/cutover/switch";

export const POST = projectRoute<{ projectId: string; itemId: string }>(
  "post",
  "/api/v1/projects/{projectId}/items/{itemId}/switch",
  ({ db, ctx, params, body }) => switchRoute(db, ctx, params.projectId, params.itemId, body),
);
