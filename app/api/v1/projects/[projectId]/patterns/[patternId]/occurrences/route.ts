import { projectRoute } from "@/lib/api/endpoint-route";
import { patternOccurrences } from "@/lib/repositories/pattern-read";

type Params = { projectId: string; patternId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/patterns/{patternId}/occurrences", ({ db, ctx, params, query }) =>
  patternOccurrences(db, ctx, params.projectId, params.patternId, query),
);
