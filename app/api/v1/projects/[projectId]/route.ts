import { apiRoute, jsonBody } from "@/lib/api/handler";
import { getProjectForPrincipal, patchProjectForPrincipal } from "@/lib/projects/api-queries";

export const GET = apiRoute<{ projectId: string }>(({ db, principal, params }) => getProjectForPrincipal(db, principal, params.projectId));

export const PATCH = apiRoute<{ projectId: string }>(async ({ db, principal, params, request }) =>
  patchProjectForPrincipal(db, principal, params.projectId, await jsonBody(request)),
);
