import { z } from "zod";
import type { Endpoint } from "../endpoint-types";
import { claimBodySchema, claimListQuerySchema, handOverBodySchema } from "@/lib/claims/schemas";
import { activeClaimListSchema, claimOutputSchema } from "@/lib/claims/api-schemas";

export function claimEndpoints(): Endpoint[] {
  const params = { projectId: "The project's id.", itemId: "The item's id (a route, module or dependency)." };
  const base = "/api/v1/projects/{projectId}/items/{itemId}/claim";
  return [
    {
      method: "post",
      path: base,
      tag: "Claims",
      pathParams: params,
      body: claimBodySchema,
      bodyOptional: true,
      summary:
        "Claim an item: for yourself (empty body), or — stewards, managers, tokens — for the member named by holderId. At most one active claim per item; a per-person limit applies.",
      response: { status: 201, schema: claimOutputSchema, description: "The new claim." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "delete",
      path: base,
      tag: "Claims",
      pathParams: params,
      summary: "Release the item's active claim: the holder's own, or anyone's for stewards and managers.",
      response: { status: 204, schema: z.null(), description: "Released." },
      errors: [401, 403, 404],
    },
    {
      method: "post",
      path: `${base}/handover`,
      tag: "Claims",
      pathParams: params,
      body: handOverBodySchema,
      summary: "Hand the active claim over to another member: the old claim ends, a new one starts for them.",
      response: { status: 200, schema: claimOutputSchema, description: "The new holder's claim." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/claims",
      tag: "Claims",
      pathParams: { projectId: params.projectId },
      query: claimListQuerySchema,
      summary: "Active claims, oldest first, each with its staleness (past its expected finish, or no change for the project's number of days) and next step.",
      response: { status: 200, schema: activeClaimListSchema, description: "Active claims." },
      errors: [400, 401, 404],
    },
  ];
}
