import { z } from "zod";
import type { Endpoint } from "../endpoint-types";
import { importQuerySchema } from "@/lib/import/pipeline/http-upload";
import { addUnmatchedSchema } from "@/lib/import/unmatched-paths";

export function importEndpoints(): Endpoint[] {
  const pathParams = { projectId: "The project's id." };
  const withImport = { ...pathParams, importId: "The import's id (from the preview)." };
  const preview = z
    .object({
      id: z.string(),
      format: z.string(),
      fileName: z.string(),
      status: z.enum(["PREVIEW", "COMMITTED", "DISCARDED"]),
      summary: z.record(z.string(), z.unknown()).describe("new, changed, unchanged, restored, errors, warnings, byKind, relations, teamsToCreate, traffic"),
      issues: z.array(
        z.object({ file: z.string(), line: z.number().optional(), field: z.string().optional(), message: z.string(), severity: z.enum(["error", "warning"]) }),
      ),
    })
    .meta({ id: "ImportPreview" });
  return [
    {
      method: "post",
      path: "/api/v1/projects/{projectId}/imports",
      tag: "Import",
      pathParams,
      query: importQuerySchema,
      upload: true,
      summary:
        "Upload a file (raw body; an access log is streamed) or several (multipart `file` parts, or a .zip) and get a preview. Errors (with file, line and field) answer 400 and store nothing. A table (csv, json) holds at most 100,000 rows of at most 100 columns, 20,000 characters a cell; links are http(s) or mailto: URLs.",
      response: { status: 201, schema: preview, description: "The preview; commit it to apply." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/imports",
      tag: "Import",
      pathParams,
      summary: "The 20 most recent imports.",
      response: { status: 200, schema: z.object({ data: z.array(preview) }), description: "Recent imports." },
      errors: [401, 404],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/imports/{importId}",
      tag: "Import",
      pathParams: withImport,
      summary: "One import: its summary and issues.",
      response: { status: 200, schema: preview, description: "The import." },
      errors: [401, 404],
    },
    {
      method: "post",
      path: "/api/v1/projects/{projectId}/imports/{importId}/commit",
      tag: "Import",
      pathParams: withImport,
      summary: "Apply a preview in one transaction (compared again with the inventory as it is now).",
      response: { status: 200, schema: preview, description: "Committed." },
      errors: [401, 403, 404, 409],
    },
    {
      method: "post",
      path: "/api/v1/projects/{projectId}/imports/{importId}/routes",
      tag: "Import",
      pathParams: withImport,
      body: addUnmatchedSchema,
      summary:
        "Add routes for paths an access-log import matched to no route: each with a pattern that must match its path; the requests of paths sharing a pattern are added up per day. All or nothing.",
      response: {
        status: 201,
        schema: z.object({ added: z.number(), restored: z.number(), updated: z.number(), unchanged: z.number(), keys: z.array(z.string()) }),
        description: "What was added.",
      },
      errors: [400, 401, 403, 404],
    },
    {
      method: "delete",
      path: "/api/v1/projects/{projectId}/imports/{importId}",
      tag: "Import",
      pathParams: withImport,
      summary: "Discard a preview.",
      response: { status: 204, schema: z.null(), description: "Discarded." },
      errors: [401, 403, 404, 409],
    },
  ];
}
