import { z } from "zod";
import { idSchema } from "@/lib/validation/common";

/** A date the claim is expected to be finished by: "2026-12-06" or a full ISO timestamp. */
const finishSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) && !Number.isNaN(Date.parse(v)), "Use a date such as 2026-12-06.")
  .transform((v) => new Date(v));

export const claimBodySchema = z
  .object({
    /** Who will hold the claim; yourself when absent. Naming someone else is reassigning. */
    holderId: idSchema.optional(),
    expectedFinish: finishSchema.optional(),
  })
  .strict();

export const handOverBodySchema = z
  .object({
    holderId: idSchema,
    expectedFinish: finishSchema.optional(),
  })
  .strict();

export const claimSettingsSchema = z
  .object({
    claimLimit: z.coerce.number().int("A whole number.").min(1, "At least 1.").max(50, "At most 50."),
    claimDays: z.coerce.number().int("A whole number.").min(1, "At least 1 day.").max(365, "At most 365 days."),
    staleAfterDays: z.coerce.number().int("A whole number.").min(1, "At least 1 day.").max(365, "At most 365 days."),
  })
  .strict();

export const claimListQuerySchema = z
  .object({
    /** "me", or a member's id. */
    holder: z.union([z.literal("me"), idSchema]).optional(),
    stale: z.enum(["true", "false"]).optional(),
  })
  .strict();

export const handoverRequestSchema = z
  .object({ note: z.string({ error: "Must be text." }).trim().max(500, "Use at most 500 characters.").optional() })
  .strict();
