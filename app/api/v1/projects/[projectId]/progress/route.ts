import { projectRoute } from "@/lib/api/endpoint-route";
import { loadDashboard } from "@/lib/progress/dashboard";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/progress", async ({ db, ctx, params, query }) => {
  const { query: _query, activityQuery: _activity, ...dashboard } = await loadDashboard(db, ctx, params.projectId, query);
  return dashboard;
});
