import { projectRoute } from "@/lib/api/endpoint-route";
import { apiBulkUpdate, inventoryPath } from "@/lib/inventory/api";

type Params = { projectId: string; kind: string };

export const PATCH = projectRoute<Params>(
  "patch",
  (p) => inventoryPath(p.kind, "/bulk"),
  ({ db, ctx, params, body }) => apiBulkUpdate(db, ctx, params.projectId, params.kind, body),
);
