import { projectRoute } from "@/lib/api/endpoint-route";
import { moveSession } from "@/lib/stewardship/office-hours";

/** `{ "to": "<ISO instant>" }` */
export const POST = projectRoute<{ projectId: string; slotId: string; date: string }>(
  "post",
  "/api/v1/projects/{projectId}/office-hours/{slotId}/sessions/{date}/move",
  ({ db, ctx, params, body }) => moveSession(db, ctx, params.projectId, params.slotId, { ...(body as object), date: params.date }),
);
