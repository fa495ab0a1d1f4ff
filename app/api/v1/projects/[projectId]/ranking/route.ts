import { projectRoute } from "@/lib/api/endpoint-route";
import { projectRanking } from "@/lib/ranking/project-ranking";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/ranking", async ({ db, ctx, params, query }) => {
  const { items, total, tierCounts, totalTraffic, hasPortedRoute, availability, weights } = await projectRanking(db, ctx, params.projectId, query);
  return { data: items, total, tierCounts, totalTraffic, hasPortedRoute, availability, weights };
});
