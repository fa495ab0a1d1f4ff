import { endpointRoute } from "@/lib/api/endpoint-route";
import { getProjectForPrincipal, patchProjectForPrincipal } from "@/lib/projects/api-queries";

type Params = { projectId: string };

export const GET = endpointRoute<Params>("get", "/api/v1/projects/{projectId}", ({ db, principal, params }) =>
  getProjectForPrincipal(db, principal, params.projectId),
);
export const PATCH = endpointRoute<Params>("patch", "/api/v1/projects/{projectId}", ({ db, principal, params, body }) =>
  patchProjectForPrincipal(db, principal, params.projectId, body),
);
