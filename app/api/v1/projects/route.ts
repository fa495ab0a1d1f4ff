import { endpointRoute } from "@/lib/api/endpoint-route";
import { createProjectForPrincipal, listProjectsForPrincipal } from "@/lib/projects/api-queries";
import { listProjectsQuerySchema } from "@/lib/projects/schemas";

export const GET = endpointRoute("get", "/api/v1/projects", ({ db, principal, query }) =>
  listProjectsForPrincipal(db, principal, listProjectsQuerySchema.parse(query)),
);
export const POST = endpointRoute("post", "/api/v1/projects", ({ db, principal, body }) => createProjectForPrincipal(db, principal, body));
