import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { principalProjectScope, type ApiPrincipal } from "@/lib/tenancy";
import { projectSelect, projectToApi } from "./projects";
import type { listProjectsQuerySchema } from "./schemas";

/** GET /api/v1/projects: a cursor page of the projects the principal can see. */
export async function listProjectsForPrincipal(db: Db, principal: ApiPrincipal, query: z.output<typeof listProjectsQuerySchema>) {
  const rows = await db.project.findMany({
    where: {
      AND: [
        principalProjectScope(principal),
        query.organization ? { organization: { slug: query.organization } } : {},
        query.archived === "exclude" ? { archivedAt: null } : query.archived === "only" ? { archivedAt: { not: null } } : {},
      ],
    },
    select: projectSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(projectToApi), nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

/** GET /api/v1/projects/{id}: another tenant's id is indistinguishable from an unknown one. */
export async function getProjectForPrincipal(db: Db, principal: ApiPrincipal, id: string) {
  const project = await db.project.findFirst({ where: { AND: [principalProjectScope(principal), { id }] }, select: projectSelect });
  if (!project) throw notFound("No such project.");
  return projectToApi(project);
}
