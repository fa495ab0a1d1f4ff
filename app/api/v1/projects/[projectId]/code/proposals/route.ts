import { projectRoute } from "@/lib/api/endpoint-route";
import { listProposals } from "@/lib/repositories/proposals";

type Params = { projectId: string };

export const GET = projectRoute<Params>("get", "/api/v1/projects/{projectId}/code/proposals", ({ db, ctx, params, query }) =>
  listProposals(db, ctx, params.projectId, query),
);
