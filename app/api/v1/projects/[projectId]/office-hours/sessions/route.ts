import { projectRoute } from "@/lib/api/endpoint-route";
import { upcomingSessions } from "@/lib/stewardship/office-hours";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/office-hours/sessions", async ({ db, ctx, params, query }) => ({
  data: await upcomingSessions(db, ctx, params.projectId, query),
}));
