import type { Endpoint } from "../endpoint-types";
import { decisionResultSchema, proposalListSchema } from "@/lib/repositories/code-api-schemas";
import { decideProposalsSchema, proposalListQuerySchema } from "@/lib/repositories/proposals";
import { codeSettingsSchema } from "@/lib/repositories/settings";

/** What the code suggests (issue 22) and the project's code settings. */
export function codeEndpoints(): Endpoint[] {
  const pathParams = { projectId: "The project's id." };
  const base = "/api/v1/projects/{projectId}/code";
  return [
    {
      method: "get",
      path: `${base}/proposals`,
      tag: "Code",
      pathParams,
      query: proposalListQuerySchema,
      summary:
        "What the scans of the linked repositories propose: routes added to or gone from the legacy code (the first scan's are the baseline), statuses the new code suggests, owners from CODEOWNERS. Open ones by default; filter by kind and state; cursor pagination, newest first.",
      response: { status: 200, schema: proposalListSchema, description: "A page of proposals, and the open count per kind." },
      errors: [400, 401, 404],
    },
    {
      method: "post",
      path: `${base}/proposals/decide`,
      tag: "Code",
      pathParams,
      body: decideProposalsSchema,
      summary:
        "Accept or reject open proposals (stewards and up), one or many, all or nothing: an accepted addition creates the route item, a retirement retires it, a status is set through the gates, an owner team is set while the item has none; each change's history names the commit. A refusal (a gate, an item gone) names the route and applies nothing.",
      response: { status: 200, schema: decisionResultSchema, description: "What was decided." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: `${base}/settings`,
      tag: "Code",
      pathParams,
      summary:
        "The project's code settings: the legacy ↔ new prefix map, manual route links, the CODEOWNERS owner → team table, auto-accept and auto-apply, and the days before a match while Not started is drift.",
      response: { status: 200, schema: codeSettingsSchema, description: "The settings (defaults when never set)." },
      errors: [401, 404],
    },
    {
      method: "put",
      path: `${base}/settings`,
      tag: "Code",
      pathParams,
      body: codeSettingsSchema,
      summary: "Replace the project's code settings (stewards and up). Audited.",
      response: { status: 200, schema: codeSettingsSchema, description: "The settings now." },
      errors: [400, 401, 403, 404],
    },
  ];
}
