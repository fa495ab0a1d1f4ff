import { z } from "zod";

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(["invalid_input", "unauthenticated", "forbidden", "not_found", "conflict", "internal"]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional().describe("For invalid_input: `fields` maps each field to its messages."),
    }),
  })
  .meta({ id: "Error" });
