import { noContent, projectRoute } from "@/lib/api/endpoint-route";
import { claimItem, releaseClaim } from "@/lib/claims/claims";

type Params = { projectId: string; itemId: string };
const path = "/api/v1/projects/{projectId}/items/{itemId}/claim";

/** An empty body claims for yourself; tokens and stewards may name the holder. */
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => claimItem(db, ctx, params.projectId, params.itemId, body));
export const DELETE = projectRoute<Params>("delete", path, async ({ db, ctx, params }) => {
  await releaseClaim(db, ctx, params.projectId, params.itemId);
  return noContent();
});
