import { z } from "zod";

export const claimOutputSchema = z
  .object({
    id: z.string(),
    itemId: z.string(),
    holderId: z.string(),
    startedAt: z.string(),
    expectedFinish: z.string(),
    holder: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: "Claim" });

export const activeClaimListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      expectedFinish: z.string(),
      agentName: z.string().nullable().optional().describe("Set when a coding agent holds the claim as a lease for the holder."),
      agentVersion: z.string().nullable().optional(),
      leaseExpiresAt: z.string().nullable().optional().describe("When the agent's lease ends unless a heartbeat extends it."),
      progressNote: z.string().nullable().optional().describe("The agent's last reported progress."),
      holder: z.object({
        id: z.string(),
        name: z.string(),
        email: z.string().optional().describe("Only for readers who may manage members (admins), or the holder."),
      }),
      item: z
        .object({
          id: z.string(),
          kind: z.string(),
          key: z.string(),
          status: z.string(),
          readiness: z.string().nullable(),
          trafficPerDay: z.number(),
          updatedAt: z.string(),
        })
        .passthrough(),
      staleness: z.object({ stale: z.boolean(), overdueDays: z.number(), idleDays: z.number(), ageDays: z.number(), reasons: z.array(z.string()) }),
      nextStep: z.string(),
    }),
  ),
});
