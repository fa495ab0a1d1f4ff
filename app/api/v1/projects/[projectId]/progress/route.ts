import { apiRoute, queryObject } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { loadDashboard } from "@/lib/progress/dashboard";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const { query, activityQuery, ...dashboard } = await loadDashboard(db, await contextForProject(db, principal, params.projectId), params.projectId, queryObject(request));
  void query;
  void activityQuery;
  return dashboard;
});
