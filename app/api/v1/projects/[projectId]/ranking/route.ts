import { apiRoute, queryObject } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { projectRanking } from "@/lib/ranking/project-ranking";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ranking = await projectRanking(db, await contextForProject(db, principal, params.projectId), params.projectId, queryObject(request));
  const { items, total, tierCounts, totalTraffic, hasPortedRoute, weights } = ranking;
  return { data: items, total, tierCounts, totalTraffic, hasPortedRoute, weights };
});
