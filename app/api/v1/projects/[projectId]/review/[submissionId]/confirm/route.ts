import { projectRoute } from "@/lib/api/endpoint-route";
import { confirmSubmission } from "@/lib/agents/review";

type Params = { projectId: string; submissionId: string };

export const POST = projectRoute<Params>("post", "/api/v1/projects/{projectId}/review/{submissionId}/confirm", ({ db, ctx, params }) =>
  confirmSubmission(db, ctx, params.projectId, params.submissionId),
);
