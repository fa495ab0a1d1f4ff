import { z } from "zod";
import { emailSchema, idSchema } from "@/lib/validation/common";

/** The status page's summary: plain text by stewards, for people outside engineering. */
export const statusSummarySchema = z.object({ summary: z.string().trim().max(4000, "Use at most 4,000 characters.") }).strict();

const noteText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Required.")
    .max(max, `Use at most ${max.toLocaleString("en-GB")} characters.`);

/** A note for an upcoming cutover: a planned switch (optional) or a group of routes named in the title. */
export const statusNoteSchema = z
  .object({
    title: noteText(200),
    howToNotice: noteText(2000),
    whomToTell: noteText(500),
    scheduledSwitchId: z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional()),
  })
  .strict();

export const statusSubscriberSchema = z.object({ email: emailSchema }).strict();

/** A member's own subscription, on or off. */
export const mySubscriptionSchema = z.object({ subscribed: z.boolean() }).strict();
