import { projectRoute } from "@/lib/api/endpoint-route";
import { listGuideVersions } from "@/lib/agents/guide";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/guide/versions", ({ db, ctx, params }) =>
  listGuideVersions(db, ctx, params.projectId),
);
