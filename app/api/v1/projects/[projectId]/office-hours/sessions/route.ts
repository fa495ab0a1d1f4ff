import { apiRoute, queryObject } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { upcomingSessions } from "@/lib/stewardship/office-hours";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params, request }) => ({
  data: await upcomingSessions(db, await contextForProject(db, principal, params.projectId), params.projectId, queryObject(request)),
}));
