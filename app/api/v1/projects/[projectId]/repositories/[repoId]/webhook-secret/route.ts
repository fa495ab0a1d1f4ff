import { projectRoute } from "@/lib/api/endpoint-route";
import { rotateWebhookSecret } from "@/lib/repositories/manage";

type Params = { projectId: string; repoId: string };

export const POST = projectRoute<Params>("post", "/api/v1/projects/{projectId}/repositories/{repoId}/webhook-secret", ({ db, ctx, params }) =>
  rotateWebhookSecret(db, ctx, params.projectId, params.repoId),
);
