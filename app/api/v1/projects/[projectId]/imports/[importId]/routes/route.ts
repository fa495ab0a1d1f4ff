import { projectRoute } from "@/lib/api/endpoint-route";
import { addUnmatchedRoutes } from "@/lib/import/unmatched-routes";

/** Adds routes for paths an access-log import found no route for. */
export const POST = projectRoute<{ projectId: string; importId: string }>(
  "post",
  "/api/v1/projects/{projectId}/imports/{importId}/routes",
  ({ db, ctx, params, body }) => addUnmatchedRoutes(db, ctx, params.projectId, params.importId, body),
);
