import { projectRoute } from "@/lib/api/endpoint-route";
import { setActionItemDone } from "@/lib/stewardship/meetings";

/** `{ "done": true }` closes it (its owner, or a steward); false opens it again. */
export const PATCH = projectRoute<{ projectId: string; actionItemId: string }>(
  "patch",
  "/api/v1/projects/{projectId}/action-items/{actionItemId}",
  ({ db, ctx, params, body }) => setActionItemDone(db, ctx, params.projectId, params.actionItemId, body),
);
