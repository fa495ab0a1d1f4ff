import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { rankingWeightsSchema } from "./weights";

export const rankingQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1, "At least 1.").max(500, "At most 500.").default(50),
    kind: z.enum(["ROUTE", "MODULE", "DEPENDENCY"], { error: "ROUTE, MODULE or DEPENDENCY." }).optional(),
    /** A team: items it owns, or owned by one of its members. */
    team: idSchema.optional(),
    /** "team:<id>", "user:<id>" or "none". */
    owner: z
      .string()
      .regex(/^(team:|user:)[A-Za-z0-9_-]+$|^none$/, "team:<id>, user:<id> or none.")
      .optional(),
    /** "now": only what can start now (not blocked, not claimed); "all" (the default): every open item. */
    view: z
      .enum(["now", "all"], { error: "now or all." })
      .optional()
      .describe("now: only items that can start now (not blocked, not claimed); all (default): every open item."),
  })
  .strict();
export type RankingQuery = z.output<typeof rankingQuerySchema>;

const factor = z.object({
  name: z.string(),
  raw: z.number().nullable(),
  normalized: z.number(),
  weight: z.number(),
  contribution: z.number(),
  label: z.string(),
});

export const rankingOutputSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["ROUTE", "MODULE", "DEPENDENCY"]),
        key: z.string(),
        status: z.string(),
        readiness: z.string().nullable(),
        position: z.number().int().describe("Place in the whole project's list (filters keep it)."),
        tier: z.enum(["pilot", "target", "unblocker", "long-tail", "blocked"]),
        score: z.number().describe("The sum of the factors' contributions."),
        factors: z.array(factor),
        reasons: z.array(z.string()),
        blockedBy: z.array(z.object({ id: z.string(), kind: z.string(), key: z.string(), status: z.string(), readiness: z.string().nullable() })),
        unblocks: z.object({ routes: z.number(), trafficPerDay: z.number(), share: z.number() }).optional(),
        unowned: z.boolean(),
        trafficShare: z.number(),
        claimedBy: z.string().nullable(),
      }),
    ),
    total: z.number().int(),
    tierCounts: z.record(z.string(), z.number()),
    totalTraffic: z.number(),
    hasPortedRoute: z.boolean(),
    availability: z
      .object({ startable: z.number().int(), blocked: z.number().int(), claimed: z.number().int() })
      .describe("The open items the filters keep, by whether they can start now."),
    weights: rankingWeightsSchema,
  })
  .meta({ id: "Ranking" });
