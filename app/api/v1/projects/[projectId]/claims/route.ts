import { apiRoute, parseQuery } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { listActiveClaims } from "@/lib/claims/queries";
import { claimListQuerySchema } from "@/lib/claims/schemas";
import { invalid } from "@/lib/errors";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  const { holder, stale } = parseQuery(claimListQuerySchema, request);
  if (holder === "me" && !ctx.userId) throw invalid("A token is no one: use holder=<member id>.", { holder: ["“me” needs a signed-in member."] });
  const holderId = holder === "me" ? ctx.userId! : holder;
  const claims = await listActiveClaims(db, ctx, params.projectId, { holderId });
  return { data: stale === undefined ? claims : claims.filter((c) => c.staleness.stale === (stale === "true")) };
});
