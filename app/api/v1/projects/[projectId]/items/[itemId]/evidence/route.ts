import { projectRoute } from "@/lib/api/endpoint-route";
import { itemEvidence } from "@/lib/evidence/queries";

type Params = { projectId: string; itemId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/items/{itemId}/evidence", ({ db, ctx, params }) =>
  itemEvidence(db, ctx, params.projectId, params.itemId),
);
