import { projectRoute } from "@/lib/api/endpoint-route";
import { handOverClaim } from "@/lib/claims/claims";

export const POST = projectRoute<{ projectId: string; itemId: string }>(
  "post",
  "/api/v1/projects/{projectId}/items/{itemId}/claim/handover",
  ({ db, ctx, params, body }) => handOverClaim(db, ctx, params.projectId, params.itemId, body),
);
