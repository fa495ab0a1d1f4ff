import { z } from "zod";
import { calendarDateSchema, emptyToUndefined, idSchema } from "@/lib/validation/common";

/**
 * Input of the stewardship forms and API: meetings, agenda entries, action items, decisions,
 * office-hours sign-ups, meeting settings. Form data arrives as strings: "" counts as absent.
 * Dates "YYYY-MM-DD" come out as a Date at UTC midnight (as dateOnlySchema does), ready for @db.Date.
 */

const requiredText = (max: number) => z.string({ error: "Required." }).trim().min(1, "Required.").max(max, `Use at most ${max} characters.`);

/** Optional free text; absent is "" (the columns default to ""). */
const optionalText = (max: number) => z.preprocess((v) => v ?? "", z.string({ error: "Must be text." }).trim().max(max, `Use at most ${max} characters.`));

const requiredDate = z.preprocess(emptyToUndefined, calendarDateSchema);
const optionalDate = z.preprocess(emptyToUndefined, calendarDateSchema.optional());

const timeSchema = z
  .string({ error: "Required." })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 09:30.");

const optionalId = z.preprocess(emptyToUndefined, idSchema.optional());

/** Ids of items (or people): at most `max`, each once, in the order given. */
const idList = (max: number, what: string) =>
  z
    .array(idSchema, { error: `A list of ${what}.` })
    .max(max, `Choose at most ${max} ${what}.`)
    .transform((ids) => [...new Set(ids)])
    .default([]);

/** A whole number from a number or a form string; "" and null are absent (not 0). */
const wholeNumber = (min: number, max: number, range: string) =>
  z.preprocess(
    (v) => (v === null ? undefined : typeof v === "string" ? (v.trim() === "" ? undefined : Number(v)) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? "Required." : "Enter a whole number.") })
      .int("Enter a whole number.")
      .min(min, range)
      .max(max, range),
  );

export const meetingCreateSchema = z
  .object({
    date: requiredDate,
    /** Local "HH:MM" in the project's time zone; the project's meeting time when absent. */
    time: z.preprocess(emptyToUndefined, timeSchema.optional()),
    title: z.preprocess(emptyToUndefined, requiredText(200).optional()),
  })
  .strict();

/** An entry stewards add by hand (kind CUSTOM). */
export const agendaEntryInputSchema = z
  .object({
    title: requiredText(200),
    detail: optionalText(2000),
    itemIds: idList(20, "items"),
  })
  .strict();

export const actionItemSchema = z
  .object({
    text: requiredText(500),
    /** "" (the form's "nobody") is null: no owner. */
    ownerId: z.preprocess((v) => (v === "" ? null : v), idSchema.nullable().optional()),
    dueDate: optionalDate,
    itemIds: idList(20, "items"),
  })
  .strict();

const decisionText = {
  title: requiredText(200),
  context: optionalText(10_000),
  decision: requiredText(10_000),
  consequences: optionalText(10_000),
};

export const decisionCreateSchema = z
  .object({
    ...decisionText,
    status: z.preprocess(emptyToUndefined, z.enum(["PROPOSED", "ACCEPTED"], { error: "A new decision is proposed or accepted." }).default("PROPOSED")),
    decidedOn: optionalDate,
    meetingId: optionalId,
    peopleIds: idList(20, "people"),
    itemIds: idList(50, "items"),
    /** The accepted decision this one replaces; the caller checks it and refuses cycles (supersede.ts). */
    supersedesId: optionalId,
  })
  .strict();

/**
 * An edit of a proposed decision (canEditDecision), or a status change. SUPERSEDED is not set
 * here: it follows from recording the decision that supersedes it. Text fields absent are kept;
 * nothing at all to change is refused.
 */
export const decisionUpdateSchema = z
  .object({
    title: requiredText(200).optional(),
    // Not optionalText: its default "" would blank the field when the key is left out.
    context: z.string({ error: "Must be text." }).trim().max(10_000, "Use at most 10000 characters.").optional(),
    decision: requiredText(10_000).optional(),
    consequences: z.string({ error: "Must be text." }).trim().max(10_000, "Use at most 10000 characters.").optional(),
    status: z.preprocess(
      emptyToUndefined,
      z
        .enum(["PROPOSED", "ACCEPTED", "REJECTED"], {
          error: (issue) =>
            issue.input === "SUPERSEDED"
              ? "A decision becomes superseded when a new decision that supersedes it is recorded."
              : "Choose proposed, accepted or rejected.",
        })
        .optional(),
    ),
  })
  .strict()
  // Only when all else is valid: an unknown key is the message then, not "nothing to change" too.
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change.", when: (payload) => payload.issues.length === 0 });

/** Signing up for an office-hours session with a question. */
export const signupSchema = z
  .object({
    sessionDate: requiredDate,
    topic: requiredText(500),
    itemId: optionalId,
  })
  .strict();

export const meetingSettingsSchema = z
  .object({
    /** 0 = Monday … 6 = Sunday. */
    meetingWeekday: wholeNumber(0, 6, "Choose a day of the week."),
    meetingTime: timeSchema,
    meetingMinutes: wholeNumber(15, 240, "Between 15 and 240 minutes."),
  })
  .strict();

export type MeetingCreateInput = z.infer<typeof meetingCreateSchema>;
export type AgendaEntryInput = z.infer<typeof agendaEntryInputSchema>;
export type ActionItemInput = z.infer<typeof actionItemSchema>;
export type DecisionCreateInput = z.infer<typeof decisionCreateSchema>;
export type DecisionUpdateInput = z.infer<typeof decisionUpdateSchema>;
export type SignupInput = z.infer<typeof signupSchema>;
export type MeetingSettingsInput = z.infer<typeof meetingSettingsSchema>;
