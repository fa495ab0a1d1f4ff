import { projectRoute } from "@/lib/api/endpoint-route";
import { commitImport } from "@/lib/import/pipeline/preview-and-commit";

export const POST = projectRoute<{ projectId: string; importId: string }>(
  "post",
  "/api/v1/projects/{projectId}/imports/{importId}/commit",
  ({ db, ctx, params }) => commitImport(db, ctx, params.projectId, params.importId),
);
