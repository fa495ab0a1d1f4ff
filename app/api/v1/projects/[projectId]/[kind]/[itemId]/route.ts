import { projectRoute } from "@/lib/api/endpoint-route";
import { apiDeleteItem, apiGetItem, apiUpdateItem, inventoryPath } from "@/lib/inventory/api";

type Params = { projectId: string; kind: string; itemId: string };
const path = (p: Params) => inventoryPath(p.kind, "/{itemId}");

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => apiGetItem(db, ctx, params.projectId, params.kind, params.itemId));
export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) =>
  apiUpdateItem(db, ctx, params.projectId, params.kind, params.itemId, body),
);
export const DELETE = projectRoute<Params>("delete", path, ({ db, ctx, params }) => apiDeleteItem(db, ctx, params.projectId, params.kind, params.itemId));
