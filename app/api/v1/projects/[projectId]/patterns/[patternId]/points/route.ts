import { projectRoute } from "@/lib/api/endpoint-route";
import { patternBurnDown } from "@/lib/repositories/pattern-read";

type Params = { projectId: string; patternId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/patterns/{patternId}/points", ({ db, ctx, params }) =>
  patternBurnDown(db, ctx, params.projectId, params.patternId),
);
