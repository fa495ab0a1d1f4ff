import { projectRoute } from "@/lib/api/endpoint-route";
import { verificationTargets } from "@/lib/ranking/verification-targets";

type Params = { projectId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/ranking/verification", ({ db, ctx, params, query }) =>
  verificationTargets(db, ctx, params.projectId, query),
);
