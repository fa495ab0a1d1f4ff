import type { Endpoint } from "../endpoint-types";
import { evidenceBatchResultSchema, evidenceListSchema, evidenceOutputSchema, evidencePostBodySchema, itemEvidenceSchema } from "@/lib/evidence/api-schemas";
import { gateConfigSchema } from "@/lib/evidence/gates";
import { evidenceListQuerySchema } from "@/lib/evidence/queries";
import { verificationQuerySchema } from "@/lib/ranking/verification-targets";
import { z } from "zod";
import { evidenceBatchSchema, EVIDENCE_LIMITS, parseEvidencePost } from "@/lib/evidence/schemas";

export function evidenceEndpoints(): Endpoint[] {
  const pathParams = { projectId: "The project's id." };
  const base = "/api/v1/projects/{projectId}";
  return [
    {
      method: "post",
      path: `${base}/evidence`,
      tag: "Evidence",
      pathParams,
      body: evidencePostBodySchema,
      parseBody: parseEvidencePost,
      maxBodyBytes: EVIDENCE_LIMITS.postBodyBytes,
      scopes: ["API", "EVIDENCE"],
      summary:
        "Record one check's result for items (by id, key, module or pattern) — or, with a `junit` field, a JUnit XML report summarised into one `tests` record. Posting an `externalId` again replaces that record. A token of the `EVIDENCE` scope may call it (CI). An unknown item reference is a 400 and records nothing.",
      response: { status: 201, schema: evidenceOutputSchema, description: "The record stored." },
      errors: [400, 401, 403, 404, 413],
    },
    {
      method: "post",
      path: `${base}/evidence/batch`,
      tag: "Evidence",
      pathParams,
      body: evidenceBatchSchema,
      maxBodyBytes: EVIDENCE_LIMITS.batchBodyBytes,
      scopes: ["API", "EVIDENCE"],
      summary: `Up to ${EVIDENCE_LIMITS.recordsPerBatch} records at once, all or nothing (what \`waypoint smoke\` and \`waypoint replay\` post).`,
      response: { status: 201, schema: evidenceBatchResultSchema, description: "How many were stored, and the records." },
      errors: [400, 401, 403, 404, 413],
    },
    {
      method: "get",
      path: `${base}/evidence`,
      tag: "Evidence",
      pathParams,
      query: evidenceListQuerySchema,
      summary: "The project's evidence, newest first (by when it was observed): filter by item, kind or conclusion; cursor pagination.",
      response: { status: 200, schema: evidenceListSchema, description: "A page of records." },
      errors: [400, 401, 404],
    },
    {
      method: "get",
      path: `${base}/items/{itemId}/evidence`,
      tag: "Evidence",
      pathParams: { ...pathParams, itemId: "The item's id." },
      summary:
        "One item's evidence: the latest result per check, where the Verified and switch-to-new gates stand (and what is missing), and its last 100 records.",
      response: { status: 200, schema: itemEvidenceSchema, description: "The item's evidence." },
      errors: [401, 404],
    },
    {
      method: "get",
      path: `${base}/ranking/verification`,
      tag: "Evidence",
      pathParams,
      query: verificationQuerySchema,
      summary:
        "Next targets for verification: ported routes without passing evidence (the Verified gate unmet, or without a gate no current success), busiest first, each with why.",
      response: {
        status: 200,
        schema: z
          .object({
            data: z.array(z.object({ id: z.string(), key: z.string(), trafficPerDay: z.number().int(), reason: z.string() })),
            ported: z.number().int().describe("Ported routes in all."),
            gated: z.boolean().describe("Whether the project has a Verified gate."),
          })
          .meta({ id: "VerificationTargets" }),
        description: "Routes to verify next.",
      },
      errors: [400, 401, 404],
    },
    {
      method: "get",
      path: `${base}/gates`,
      tag: "Evidence",
      pathParams,
      summary: "The project's gates: which evidence an item needs to become Verified, and to be switched to new.",
      response: { status: 200, schema: gateConfigSchema, description: "The gates (empty lists: no evidence needed)." },
      errors: [401, 404],
    },
    {
      method: "put",
      path: `${base}/gates`,
      tag: "Evidence",
      pathParams,
      body: gateConfigSchema,
      summary: "Replace the project's gates (stewards and up).",
      response: { status: 200, schema: gateConfigSchema, description: "The gates now." },
      errors: [400, 401, 403, 404],
    },
  ];
}
