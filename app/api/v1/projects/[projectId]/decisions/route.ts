import { projectRoute } from "@/lib/api/endpoint-route";
import { createDecision, listDecisions } from "@/lib/stewardship/decisions";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/decisions";

export const GET = projectRoute<Params>("get", path, async ({ db, ctx, params, query }) => {
  const { data, nextCursor } = await listDecisions(db, ctx, params.projectId, query);
  return { data, nextCursor };
});
/** Records a decision; with `supersedesId` it replaces an accepted one. */
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => createDecision(db, ctx, params.projectId, body));
