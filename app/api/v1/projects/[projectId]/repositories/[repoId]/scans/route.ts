import { projectRoute } from "@/lib/api/endpoint-route";
import { listScans } from "@/lib/repositories/scan-queries";

type Params = { projectId: string; repoId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/repositories/{repoId}/scans", ({ db, ctx, params, query }) =>
  listScans(db, ctx, params.projectId, params.repoId, query),
);
