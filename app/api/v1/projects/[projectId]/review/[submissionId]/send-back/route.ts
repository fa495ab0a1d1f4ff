import { projectRoute } from "@/lib/api/endpoint-route";
import { sendBackSubmission } from "@/lib/agents/review";

type Params = { projectId: string; submissionId: string };

export const POST = projectRoute<Params>("post", "/api/v1/projects/{projectId}/review/{submissionId}/send-back", ({ db, ctx, params, body }) =>
  sendBackSubmission(db, ctx, params.projectId, params.submissionId, body),
);
