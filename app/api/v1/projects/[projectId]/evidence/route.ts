import { projectRoute } from "@/lib/api/endpoint-route";
import { listEvidence } from "@/lib/evidence/queries";
import { postEvidence } from "@/lib/evidence/records";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/evidence";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params, query }) => listEvidence(db, ctx, params.projectId, query));
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body, principal }) =>
  postEvidence(db, ctx, params.projectId, body, { tokenId: principal.kind === "token" ? principal.tokenId : null }),
);
