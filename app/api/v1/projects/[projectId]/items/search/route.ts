import { projectRoute } from "@/lib/api/endpoint-route";
import { searchItems } from "@/lib/inventory/item-search";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/items/search", async ({ db, ctx, params, query }) => ({
  data: await searchItems(db, ctx, params.projectId, query),
}));
