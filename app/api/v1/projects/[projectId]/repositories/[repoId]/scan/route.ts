import { projectRoute } from "@/lib/api/endpoint-route";
import { requestScan } from "@/lib/repositories/run-scan";

type Params = { projectId: string; repoId: string };

export const POST = projectRoute<Params>("post", "/api/v1/projects/{projectId}/repositories/{repoId}/scan", ({ db, ctx, params, body }) =>
  requestScan(db, ctx, params.projectId, params.repoId, body),
);
