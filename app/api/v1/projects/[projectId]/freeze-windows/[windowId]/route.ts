import { projectRoute } from "@/lib/api/endpoint-route";
import { deleteFreezeWindow } from "@/lib/cutover/freeze-windows";

export const DELETE = projectRoute<{ projectId: string; windowId: string }>(
  "delete",
  "/api/v1/projects/{projectId}/freeze-windows/{windowId}",
  ({ db, ctx, params }) => deleteFreezeWindow(db, ctx, params.projectId, params.windowId),
);
