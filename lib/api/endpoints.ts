import { z } from "zod";
import type { Endpoint } from "./endpoint-types";
import { cutoverEndpoints } from "./endpoints/cutover";
import { claimEndpoints } from "./endpoints/claims";
import { codeEndpoints } from "./endpoints/code";
import { evidenceEndpoints } from "./endpoints/evidence";
import { importEndpoints } from "./endpoints/imports";
import { stewardshipEndpoints } from "./endpoints/stewardship";
import { patternEndpoints } from "./endpoints/patterns";
import { repositoryEndpoints } from "./endpoints/repositories";
import { agentReviewEndpoints } from "./endpoints/agents-review";
import { agentsBriefEndpoints } from "./endpoints/agents-brief";
export type { Endpoint };
import { bulkUpdateSchema, createItemSchemas, listQuerySchema, updateItemSchemas } from "@/lib/inventory/schemas";
import { bulkResultSchema, itemDetailSchema, itemListSchema, itemOutputSchema } from "@/lib/inventory/api-schemas";
import { KIND_SEGMENTS, KINDS, KIND_SINGULAR } from "@/lib/inventory/labels";
import { itemSearchQuerySchema, itemSearchResultSchema } from "@/lib/inventory/item-search";
import { rankingOutputSchema, rankingQuerySchema } from "@/lib/ranking/api-schemas";
import { chartApiQuerySchema, chartOutputSchema, progressApiQuerySchema, progressOutputSchema } from "@/lib/progress/api-schemas";
import { CHARTS } from "@/lib/progress/csv";
import { createProjectBodySchema, listProjectsQuerySchema, patchProjectBodySchema, projectOutputSchema } from "@/lib/projects/schemas";

/**
 * Every /api/v1 endpoint, described once from the same zod schemas the handlers validate with.
 * The OpenAPI document is generated from this list.
 */
const itemParams = { projectId: "The project's id.", itemId: "The item's id." };

/** The same five endpoints for each kind of inventory item. */
const inventoryEndpoints: Endpoint[] = KINDS.flatMap((kind) => {
  const seg = KIND_SEGMENTS[kind];
  const one = KIND_SINGULAR[kind];
  const base = `/api/v1/projects/{projectId}/${seg}`;
  const tag = "Inventory";
  return [
    {
      method: "get",
      path: base,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]",
      summary: `List ${seg}: search (q), filters, sort, cursor pagination.${kind === "ROUTE" ? " A token of the `EVIDENCE` scope may read it (`waypoint smoke` lists the routes to request)." : ""}`,
      ...(kind === "ROUTE" && { scopes: ["API", "EVIDENCE"] as Endpoint["scopes"] }),
      pathParams: { projectId: itemParams.projectId },
      query: listQuerySchema,
      response: { status: 200, schema: itemListSchema, description: `A page of ${seg}.` },
      errors: [400, 401, 404],
    },
    {
      method: "post",
      path: base,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]",
      summary: `Add a ${one}. Engineers and up.`,
      pathParams: { projectId: itemParams.projectId },
      body: createItemSchemas[kind],
      response: { status: 201, schema: itemOutputSchema, description: `The new ${one}.` },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: `${base}/{itemId}`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/[itemId]",
      summary: `A ${one} with what it uses, what uses it, what blocks it, and its history.`,
      pathParams: itemParams,
      response: { status: 200, schema: itemDetailSchema, description: `The ${one}.` },
      errors: [401, 404],
    },
    {
      method: "patch",
      path: `${base}/{itemId}`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/[itemId]",
      summary: `Change fields of a ${one}; each change is written to its history.`,
      pathParams: itemParams,
      body: updateItemSchemas[kind],
      response: { status: 200, schema: itemOutputSchema, description: `The ${one} after the change.` },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "delete",
      path: `${base}/{itemId}`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/[itemId]",
      summary: `Delete a ${one} (its history is kept; adding it again restores it).`,
      pathParams: itemParams,
      response: { status: 204, schema: z.null(), description: "Deleted." },
      errors: [401, 403, 404],
    },
    {
      method: "patch",
      path: `${base}/bulk`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/bulk",
      summary: `Set the status and/or owner of up to 1,000 ${seg} at once (all or nothing).`,
      pathParams: { projectId: itemParams.projectId },
      body: bulkUpdateSchema,
      response: { status: 200, schema: bulkResultSchema, description: "How many matched and changed." },
      errors: [400, 401, 403, 404],
    },
  ] satisfies Endpoint[];
});

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
  ...inventoryEndpoints,
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/items/search",
    tag: "Inventory",
    summary:
      "Items (every kind) whose key contains q, case-insensitive: keys starting with it first, at most 20. What an item picker asks as one types. Any member.",
    pathParams: { projectId: itemParams.projectId },
    query: itemSearchQuerySchema,
    response: { status: 200, schema: itemSearchResultSchema, description: "Matching items." },
    errors: [400, 401, 404],
  },
  ...importEndpoints(),
  ...claimEndpoints(),
  ...stewardshipEndpoints(),
  ...cutoverEndpoints,
  ...evidenceEndpoints(),
  ...codeEndpoints(),
  ...patternEndpoints(),
  ...repositoryEndpoints(),
  ...agentReviewEndpoints(),
  ...agentsBriefEndpoints(),
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/ranking",
    tag: "Claims",
    pathParams: { projectId: "The project's id." },
    query: rankingQuerySchema,
    summary:
      "The next targets: every open item ranked (pilot, targets and unblockers by score, long tail, blocked), each with its factors and reasons. Filters keep the positions of the whole list.",
    response: { status: 200, schema: rankingOutputSchema, description: "The top of the list." },
    errors: [400, 401, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/progress",
    tag: "Progress",
    pathParams: { projectId: "The project's id." },
    query: progressApiQuerySchema,
    summary:
      "The progress dashboard, computed from the item history: burn-up, traffic share, cumulative flow (daily, in the project's time zone), forecast, quadrant, breakdown by owner, dependency readiness and the first page of activity. Kind, team and owner select items by what they are now.",
    response: { status: 200, schema: progressOutputSchema, description: "Every chart's data." },
    errors: [400, 401, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/progress/{chart}",
    tag: "Progress",
    pathParams: { projectId: "The project's id.", chart: `One of ${CHARTS.join(", ")}.` },
    query: chartApiQuerySchema,
    summary: "One chart's data, as JSON or (format=csv) as a CSV download.",
    response: { status: 200, schema: chartOutputSchema, description: "The chart's data (or text/csv)." },
    errors: [400, 401, 404],
  },
];
