import { projectRoute } from "@/lib/api/endpoint-route";
import { postEvidenceBatch } from "@/lib/evidence/records";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/evidence/batch";

export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body, principal }) =>
  postEvidenceBatch(db, ctx, params.projectId, body, { tokenId: principal.kind === "token" ? principal.tokenId : null }),
);
