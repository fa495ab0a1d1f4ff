import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { handOverClaim } from "@/lib/claims/claims";

type Params = { projectId: string; itemId: string };

export const POST = apiRoute<Params>(async ({ db, principal, params, request }) =>
  handOverClaim(db, await contextForProject(db, principal, params.projectId), params.projectId, params.itemId, await jsonBody(request)),
);
