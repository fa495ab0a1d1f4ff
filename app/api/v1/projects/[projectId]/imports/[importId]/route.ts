import { noContent, projectRoute } from "@/lib/api/endpoint-route";
import { discardImport, getImport } from "@/lib/import/pipeline/preview-and-commit";

type Params = { projectId: string; importId: string };
const path = "/api/v1/projects/{projectId}/imports/{importId}";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => getImport(db, ctx, params.projectId, params.importId));
export const DELETE = projectRoute<Params>("delete", path, async ({ db, ctx, params }) => {
  await discardImport(db, ctx, params.projectId, params.importId);
  return noContent();
});
