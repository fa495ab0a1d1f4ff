import { projectRoute } from "@/lib/api/endpoint-route";
import { thisWeek } from "@/lib/stewardship/meetings";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/stewardship/this-week", ({ db, ctx, params }) =>
  thisWeek(db, ctx, params.projectId),
);
