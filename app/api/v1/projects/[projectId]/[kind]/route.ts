import { projectRoute } from "@/lib/api/endpoint-route";
import { apiCreateItem, apiListItems, inventoryPath } from "@/lib/inventory/api";

type Params = { projectId: string; kind: string };

export const GET = projectRoute<Params>(
  "get",
  (p) => inventoryPath(p.kind),
  ({ db, ctx, params, query }) => apiListItems(db, ctx, params.projectId, params.kind, query),
);
export const POST = projectRoute<Params>(
  "post",
  (p) => inventoryPath(p.kind),
  ({ db, ctx, params, body }) => apiCreateItem(db, ctx, params.projectId, params.kind, body),
);
