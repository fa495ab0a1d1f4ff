import type { Endpoint } from "../endpoint-types";
import { briefOutputSchema, guideOutputSchema, guideSavedSchema, guideVersionsSchema } from "@/lib/agents/api-schemas";
import { guideSaveSchema, guideVersionQuerySchema } from "@/lib/agents/guide";
import { briefQuerySchema } from "@/lib/agents/brief-http";

/** The porting brief of an item and the project's porting guide (issue 23). */
export function agentsBriefEndpoints(): Endpoint[] {
  const project = { projectId: "The project's id." };
  const tag = "Agents";
  return [
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/items/{itemId}/brief",
      tag,
      pathParams: { ...project, itemId: "The item's id." },
      query: briefQuerySchema,
      summary:
        'The porting brief of one item: the route and its legacy code (with a source excerpt when the legacy repository\'s clone is on the server), what it uses with readiness and replacements, the decisions that apply, the porting guide, up to 20 logged requests (query values redacted unless the project shows them), the smoke profiles and the gates it must pass, up to 3 similar items already ported, and notes from attempts sent back. Text people wrote comes as `{ kind: "data", text }`. With `Accept: text/markdown` (or `format=markdown`, for a link) the same as Markdown. Viewers and up.',
      response: { status: 200, schema: briefOutputSchema, description: "The brief (JSON), or text/markdown when asked for." },
      errors: [401, 404],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/guide",
      tag,
      pathParams: project,
      query: guideVersionQuerySchema,
      summary: "The project's porting guide (Markdown written by stewards): the latest version, or `version=n`. null when none has been written.",
      response: { status: 200, schema: guideOutputSchema, description: "The guide's version." },
      errors: [400, 401, 404],
    },
    {
      method: "put",
      path: "/api/v1/projects/{projectId}/guide",
      tag,
      pathParams: project,
      body: guideSaveSchema,
      maxBodyBytes: 1024 * 1024,
      summary:
        "Save the porting guide as a new version (stewards and up; at most 100,000 characters). The same text as the latest version makes no new one (`created: false`). Audited.",
      response: { status: 200, schema: guideSavedSchema, description: "The guide's latest version." },
      errors: [400, 401, 403, 404, 413],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/guide/versions",
      tag,
      pathParams: project,
      summary: "Every version of the porting guide, newest first, with its author and date (without the text: read one with `GET …/guide?version=n`).",
      response: { status: 200, schema: guideVersionsSchema, description: "The versions." },
      errors: [401, 404],
    },
  ];
}
