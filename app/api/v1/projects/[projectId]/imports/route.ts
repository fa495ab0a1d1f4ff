import { projectRoute } from "@/lib/api/endpoint-route";
import { readImportRequest } from "@/lib/import/pipeline/http-upload";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { listImports } from "@/lib/import/pipeline/preview-and-commit";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/imports";

export const GET = projectRoute<Params>("get", path, async ({ db, ctx, params }) => ({ data: await listImports(db, ctx, params.projectId) }));
/** An upload (raw body or multipart): previewed, stored for commit. */
export const POST = projectRoute<Params>("post", path, async ({ db, ctx, params, request }) =>
  previewUpload(db, ctx, params.projectId, await readImportRequest(request)),
);
