import { projectRoute } from "@/lib/api/endpoint-route";
import { getScan } from "@/lib/repositories/scan-queries";

type Params = { projectId: string; repoId: string; scanId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/repositories/{repoId}/scans/{scanId}", ({ db, ctx, params }) =>
  getScan(db, ctx, params.projectId, params.repoId, params.scanId),
);
