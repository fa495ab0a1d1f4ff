/** The code review API's answers (proposals, decisions), for the OpenAPI document; the handlers return these shapes. */
import { z } from "zod";
import { PROPOSAL_KINDS, PROPOSAL_STATES } from "./proposal-apply";

export const proposalOutputSchema = z
  .object({
    id: z.string(),
    kind: z.enum(PROPOSAL_KINDS).describe("ADDITION and RETIREMENT from the legacy code, STATUS from the new code, OWNER from CODEOWNERS."),
    state: z.enum(PROPOSAL_STATES),
    value: z
      .string()
      .nullable()
      .describe("ADDITION: \"baseline\" when the repository's first scan found it; STATUS: the status suggested; OWNER: the team's id."),
    valueLabel: z.string().nullable().describe("The value in words (OWNER: the team's name)."),
    baseline: z.boolean(),
    route: z.string().nullable().describe('"GET /orders/<id>"'),
    handler: z.string().nullable(),
    item: z
      .object({ id: z.string(), key: z.string(), status: z.string() })
      .nullable()
      .describe("The item it is about (null for an addition not yet accepted)."),
    file: z.string().nullable(),
    line: z.number().int().nullable(),
    commit: z.string(),
    link: z.string().nullable().describe("The file at the commit on GitHub, GitLab or Bitbucket; null for other remotes."),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: "CodeProposal" });

export const proposalListSchema = z
  .object({
    data: z.array(proposalOutputSchema),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
    openCounts: z.record(z.enum(PROPOSAL_KINDS), z.number().int()).describe("Open proposals per kind."),
  })
  .meta({ id: "CodeProposalList" });

export const decisionResultSchema = z
  .object({
    decision: z.enum(["accept", "reject"]),
    decided: z.number().int(),
    results: z.array(z.object({ id: z.string(), itemId: z.string().nullable().describe("The item changed or created.") })),
  })
  .meta({ id: "CodeProposalDecision" });
