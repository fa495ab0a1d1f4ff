import { projectRoute } from "@/lib/api/endpoint-route";
import { createActionItem } from "@/lib/stewardship/meetings";

export const POST = projectRoute<{ projectId: string; meetingId: string }>(
  "post",
  "/api/v1/projects/{projectId}/meetings/{meetingId}/action-items",
  ({ db, ctx, params, body }) => createActionItem(db, ctx, params.projectId, params.meetingId, body),
);
