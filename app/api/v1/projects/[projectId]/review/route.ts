import { projectRoute } from "@/lib/api/endpoint-route";
import { listReviewQueue } from "@/lib/agents/review";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/review", ({ db, ctx, params, query }) =>
  listReviewQueue(db, ctx, params.projectId, query),
);
