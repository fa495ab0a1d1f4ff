import { projectRoute } from "@/lib/api/endpoint-route";
import { listActiveClaims } from "@/lib/claims/queries";
import { claimListQuerySchema } from "@/lib/claims/schemas";
import { invalid } from "@/lib/errors";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/claims", async ({ db, ctx, params, query }) => {
  const { holder, stale } = claimListQuerySchema.parse(query);
  if (holder === "me" && !ctx.userId) throw invalid("A token is no one: use holder=<member id>.", { holder: ["“me” needs a signed-in member."] });
  const holderId = holder === "me" ? ctx.userId! : holder;
  const claims = await listActiveClaims(db, ctx, params.projectId, { holderId });
  return { data: stale === undefined ? claims : claims.filter((c) => c.staleness.stale === (stale === "true")) };
});
