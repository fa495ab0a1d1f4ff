import { projectRoute } from "@/lib/api/endpoint-route";
import { decideProposals } from "@/lib/repositories/proposals";

type Params = { projectId: string };

export const POST = projectRoute<Params>("post", "/api/v1/projects/{projectId}/code/proposals/decide", ({ db, ctx, params, body }) =>
  decideProposals(db, ctx, params.projectId, body),
);
