import { z } from "zod";
import type { Endpoint } from "../endpoint-types";
import { reviewQuerySchema, sendBackSchema } from "@/lib/agents/review";

const params = { projectId: "The project's id.", submissionId: "The agent submission's id." };
const tag = "Agents";

const person = z.object({ id: z.string(), name: z.string() });
const reviewRow = z
  .object({
    id: z.string(),
    item: z.object({ id: z.string(), kind: z.string(), key: z.string(), name: z.string(), status: z.string(), agentReview: z.string().nullable() }),
    agent: z.object({ name: z.string(), version: z.string() }),
    owner: person.describe("The member whose agent token did the work."),
    mine: z.boolean(),
    prUrl: z.string(),
    commitSha: z.string().nullable(),
    notes: z.string().describe("The agent's notes, cut at 280 characters."),
    claimedAt: z.string(),
    submittedAt: z.string(),
    durationMs: z.number().describe("Claim → submit."),
    outcome: z.enum(["CONFIRMED", "SENT_BACK"]).nullable(),
    decidedAt: z.string().nullable(),
    decidedBy: person.nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: "AgentSubmission" });
const queueOut = z.object({
  pending: z.array(reviewRow),
  recent: z.array(reviewRow).describe("The latest answered submissions (first page only)."),
  pendingCount: z.number(),
  next: z.string().nullable().describe("The cursor of the next page of pending submissions."),
  reviewsAll: z.boolean().describe("Whether the list holds everyone's submissions (stewards and up) or only your own agents'."),
});
const decisionOut = z
  .object({
    id: z.string(),
    itemId: z.string(),
    outcome: z.enum(["CONFIRMED", "SENT_BACK"]),
    decidedAt: z.string(),
    decidedById: z.string().nullable(),
    reviewNote: z.string().optional(),
  })
  .meta({ id: "AgentSubmissionDecision" });

export function agentReviewEndpoints(): Endpoint[] {
  const base = "/api/v1/projects/{projectId}/review";
  return [
    {
      method: "get",
      path: base,
      tag,
      pathParams: { projectId: params.projectId },
      query: reviewQuerySchema,
      summary:
        "The Review queue: coding agents' submitted work that no person has answered yet (oldest first, 50 a page), and the latest answered. Stewards and up see everyone's; others their own agents'.",
      response: { status: 200, schema: queueOut, description: "The queue." },
      errors: [400, 401, 404],
    },
    {
      method: "post",
      path: `${base}/{submissionId}/confirm`,
      tag,
      pathParams: params,
      summary:
        "Confirm an agent's work: the item stays Ported, now confirmed, with the confirmer recorded beside the agent. A person only (a session): the agent's owner, a steward, a manager or an admin. 409 once answered.",
      response: { status: 200, schema: decisionOut, description: "The answer." },
      errors: [401, 403, 404, 409],
    },
    {
      method: "post",
      path: `${base}/{submissionId}/send-back`,
      tag,
      pathParams: params,
      body: sendBackSchema,
      summary:
        "Send an agent's work back with a note (1–5,000 characters): the item is In progress again and the agent's owner is told; the item's next brief carries the note. Who may: as for confirm.",
      response: { status: 200, schema: decisionOut, description: "The answer." },
      errors: [400, 401, 403, 404, 409],
    },
  ];
}
