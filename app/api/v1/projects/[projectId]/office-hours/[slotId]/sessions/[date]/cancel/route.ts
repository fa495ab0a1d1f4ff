import { projectRoute } from "@/lib/api/endpoint-route";
import { cancelSession } from "@/lib/stewardship/office-hours";

export const POST = projectRoute<{ projectId: string; slotId: string; date: string }>(
  "post",
  "/api/v1/projects/{projectId}/office-hours/{slotId}/sessions/{date}/cancel",
  ({ db, ctx, params }) => cancelSession(db, ctx, params.projectId, params.slotId, { date: params.date }),
);
