import { invalid } from "@/lib/errors";
import { z } from "zod";
import { isDayKey, utcMsOfDay } from "@/lib/time/days";

/** Shared zod fragments. Form data arrives as strings: coerce, and treat "" as absent. */
export const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const nameSchema = z.string().trim().min(1, "Required.").max(120, "Use at most 120 characters.");
export const emailSchema = z.string().trim().toLowerCase().max(254, "Use at most 254 characters.").pipe(z.email("Enter a valid e-mail address."));
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(48, "Use at most 48 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens.");
/** Slugs that are pages of their own (`/orgs/new`, `/orgs/<org>/projects/new`) and so cannot name a record. */
export const RESERVED_SLUGS = new Set(["new"]);
export const recordSlugSchema = slugSchema.refine((s) => !RESERVED_SLUGS.has(s), "This name is reserved; choose another.");

export const idSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");

/** A real calendar day, kept as its "YYYY-MM-DD" key ("2026-02-31" is refused). */
export const dayKeySchema = z
  .string({ error: (issue) => (issue.input === undefined ? "Enter a date." : "Use the form YYYY-MM-DD.") })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the form YYYY-MM-DD.")
  .refine(isDayKey, "Not a real date.");

/** "YYYY-MM-DD" → a Date at UTC midnight, refusing what is not a real calendar date. */
export const calendarDateSchema = z
  .string({ error: (issue) => (issue.input === undefined ? "Required." : "Use the form YYYY-MM-DD.") })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the form YYYY-MM-DD.")
  .transform((s, ctx) => {
    if (!isDayKey(s)) {
      ctx.addIssue({ code: "custom", message: "Not a real date." });
      return z.NEVER;
    }
    return new Date(utcMsOfDay(s));
  });

/** "YYYY-MM-DD" → a Date at UTC midnight; "" → undefined. */
export const dateOnlySchema = z.preprocess(emptyToUndefined, calendarDateSchema.optional());

export function slugify(text: string, fallback = "item"): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : fallback;
}

/**
 * A page cursor is the id of a row of the list. Prisma's `cursor: { id }` reads that row without
 * the list's `where`, so a foreign id would position the page after another tenant's row: each
 * list first checks the cursor inside its own scoped `where`, and this is its answer when it is not.
 */
export const cursorNotInList = () =>
  invalid("The cursor is not a row of this list (the list may have changed): start again from the first page.", { cursor: ["Not a row of this list."] });

/**
 * A form's hidden "true"/"false" field as a boolean; anything else is refused. Never
 * `Boolean(text)` or `z.coerce.boolean()`, for which "false" is true. JSON bodies take JSON
 * booleans (`z.boolean()`), not this.
 */
export const formFlagSchema = z.enum(["true", "false"], { error: "Must be true or false." }).transform((v) => v === "true");

/** A page of a cursor-paginated list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: idSchema.optional(),
});
