import { z } from "zod";
import { createProjectBodySchema, listProjectsQuerySchema, patchProjectBodySchema, projectOutputSchema } from "@/lib/projects/schemas";

/**
 * Every /api/v1 endpoint, described once from the same zod schemas the handlers validate with.
 * The OpenAPI document is generated from this list.
 */
export type Endpoint = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: { status: number; schema: z.ZodType; description: string };
  errors: number[];
};

export const projectListSchema = z
  .object({ data: z.array(projectOutputSchema), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page.") })
  .meta({ id: "ProjectList" });

export const ENDPOINTS: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/projects",
    summary: "List the projects you can see: your organisations' (session) or the token's one project.",
    tag: "Projects",
    query: listProjectsQuerySchema,
    response: { status: 200, schema: projectListSchema, description: "A page of projects, newest first." },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}",
    summary: "Get one project.",
    tag: "Projects",
    pathParams: { projectId: "The project's id." },
    response: { status: 200, schema: projectOutputSchema, description: "The project." },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/api/v1/projects",
    summary: "Create a project in one of your organisations (signed-in managers and admins; tokens cannot).",
    tag: "Projects",
    body: createProjectBodySchema,
    response: { status: 201, schema: projectOutputSchema, description: "The new project." },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "patch",
    path: "/api/v1/projects/{projectId}",
    summary: "Change a project's fields, or archive (`archived: true`) and restore it. Managers and admins.",
    tag: "Projects",
    pathParams: { projectId: "The project's id." },
    body: patchProjectBodySchema,
    response: { status: 200, schema: projectOutputSchema, description: "The project after the change." },
    errors: [400, 401, 403, 404, 409],
  },
];
