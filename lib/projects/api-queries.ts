import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { notFound, parseInput } from "@/lib/errors";
import { cursorNotInList } from "@/lib/validation/common";
import { principalProjectScope, projectWhere, type ApiPrincipal } from "@/lib/tenancy";
import { contextForOrganization, contextForProject } from "@/lib/orgs/principal-context";
import { createProject, projectSelect, projectToApi, setProjectArchived, updateProject } from "./projects";
import { createProjectBodySchema, patchProjectBodySchema, type listProjectsQuerySchema } from "./schemas";

/** GET /api/v1/projects: a cursor page of the projects the principal can see. */
export async function listProjectsForPrincipal(db: Db, principal: ApiPrincipal, query: z.output<typeof listProjectsQuerySchema>) {
  const where = {
    AND: [
      principalProjectScope(principal),
      query.organization ? { organization: { slug: query.organization } } : {},
      query.archived === "exclude" ? { archivedAt: null } : query.archived === "only" ? { archivedAt: { not: null } } : {},
    ],
  };
  if (query.cursor && !(await db.project.findFirst({ where: { AND: [where, { id: query.cursor }] }, select: { id: true } }))) throw cursorNotInList();
  const rows = await db.project.findMany({
    where,
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

/** POST /api/v1/projects: a signed-in manager or admin creates a project in one of their organisations. */
export async function createProjectForPrincipal(db: Db, principal: ApiPrincipal, body: unknown) {
  const { organization, ...fields } = parseInput(createProjectBodySchema, body);
  const ctx = await contextForOrganization(db, principal, organization);
  return projectToApi(await createProject(db, ctx, rawFields(fields, body)));
}

/** PATCH /api/v1/projects/{id}: changes the fields sent; `archived` archives or restores. */
export async function patchProjectForPrincipal(db: Db, principal: ApiPrincipal, id: string, body: unknown) {
  const patch = parseInput(patchProjectBodySchema, body);
  const ctx = await contextForProject(db, principal, id);
  const current = await db.project.findFirst({ where: projectWhere(ctx, { id }), select: projectSelect });
  if (!current) throw notFound("No such project.");
  const { archived, ...edits } = patch;
  if (Object.keys(edits).length > 0) {
    const raw = body as Record<string, unknown>;
    const dateField = (key: "startDate" | "targetDate") => (key in raw ? (raw[key] ?? "") : (projectToApi(current)[key] ?? ""));
    await updateProject(db, ctx, {
      projectId: id,
      name: edits.name ?? current.name,
      slug: edits.slug ?? current.slug,
      fromStack: edits.fromStack ?? current.fromStack,
      toStack: edits.toStack ?? current.toStack,
      description: edits.description ?? current.description,
      startDate: dateField("startDate"),
      targetDate: dateField("targetDate"),
    });
  }
  if (archived !== undefined && archived !== (current.archivedAt !== null)) {
    await setProjectArchived(db, ctx, { projectId: id, archived });
  }
  return getProjectForPrincipal(db, principal, id);
}

/** Dates go to the domain function as the "YYYY-MM-DD" text it parses itself. */
function rawFields<T extends object>(parsed: T, body: unknown): Record<string, unknown> {
  const raw = body as Record<string, unknown>;
  return { ...parsed, startDate: raw.startDate ?? "", targetDate: raw.targetDate ?? "" };
}
