import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors";

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .describe("For invalid_input: `fields` maps each field to its messages; for rate_limited and unavailable: `retryAfter` in seconds."),
    }),
  })
  .meta({ id: "Error" });
