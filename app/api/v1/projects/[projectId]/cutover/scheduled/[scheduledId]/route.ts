import { projectRoute } from "@/lib/api/endpoint-route";
import { cancelScheduledSwitch } from "@/lib/cutover/scheduled";

export const DELETE = projectRoute<{ projectId: string; scheduledId: string }>(
  "delete",
  "/api/v1/projects/{projectId}/cutover/scheduled/{scheduledId}",
  ({ db, ctx, params }) => cancelScheduledSwitch(db, ctx, params.projectId, params.scheduledId),
);
