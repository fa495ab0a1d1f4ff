import { projectRoute } from "@/lib/api/endpoint-route";
import { linkSupersededBy } from "@/lib/stewardship/decisions";

/** Marks an accepted decision as superseded by an already recorded one; a loop answers 400. */
export const POST = projectRoute<{ projectId: string; decisionId: string }>(
  "post",
  "/api/v1/projects/{projectId}/decisions/{decisionId}/superseded-by",
  ({ db, ctx, params, body }) => linkSupersededBy(db, ctx, params.projectId, params.decisionId, body),
);
