import { apiRoute, parseQuery } from "@/lib/api/handler";
import { listProjectsQuerySchema } from "@/lib/projects/schemas";
import { listProjectsForPrincipal } from "@/lib/projects/api-queries";

export const GET = apiRoute(({ db, principal, request }) =>
  listProjectsForPrincipal(db, principal, parseQuery(listProjectsQuerySchema, request)),
);
