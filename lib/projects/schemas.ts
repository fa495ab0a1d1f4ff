import { z } from "zod";
import { dateOnlySchema, emptyToUndefined, idSchema, nameSchema, pageQuerySchema, recordSlugSchema, slugSchema } from "@/lib/validation/common";

const stackSchema = z.string().trim().min(1, "Required.").max(60, "Use at most 60 characters.");

const projectFields = {
  name: nameSchema,
  slug: z.preprocess(emptyToUndefined, recordSlugSchema.optional()),
  fromStack: stackSchema,
  toStack: stackSchema,
  description: z.preprocess((v) => v ?? "", z.string().trim().max(5000, "Use at most 5,000 characters.")),
  startDate: dateOnlySchema,
  targetDate: dateOnlySchema,
};

const datesInOrder = (v: { startDate?: Date; targetDate?: Date }) => !v.startDate || !v.targetDate || v.targetDate >= v.startDate;
const datesMessage = { path: ["targetDate"], message: "The target date cannot be before the start date." };

export const createProjectSchema = z.object(projectFields).strict().refine(datesInOrder, datesMessage);
export const updateProjectSchema = z
  .object({ projectId: idSchema, ...projectFields, slug: recordSlugSchema })
  .strict()
  .refine(datesInOrder, datesMessage);
/**
 * `archived` is a boolean, never coerced: `z.coerce.boolean()` made the text "false" true, so a
 * PATCH with `"archived": false` archived the project. A form's "true"/"false" is turned into a
 * boolean by its action.
 */
export const archiveProjectSchema = z.object({ projectId: idSchema, archived: z.boolean({ error: "Must be true or false." }) }).strict();

/** Query of GET /api/v1/projects. */
export const listProjectsQuerySchema = pageQuerySchema
  .extend({
    organization: slugSchema.optional(),
    archived: z.enum(["include", "exclude", "only"]).default("exclude"),
  })
  .strict();

/** A project as the API returns it. */
export const projectOutputSchema = z
  .object({
    id: z.string(),
    organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    name: z.string(),
    slug: z.string(),
    fromStack: z.string(),
    toStack: z.string(),
    description: z.string(),
    startDate: z.string().nullable().describe("YYYY-MM-DD"),
    targetDate: z.string().nullable().describe("YYYY-MM-DD"),
    archived: z.boolean(),
    createdAt: z.string().describe("ISO 8601"),
    updatedAt: z.string().describe("ISO 8601"),
  })
  .meta({ id: "Project" });

/** Body of POST /api/v1/projects: the organisation is named by slug and checked against membership. */
export const createProjectBodySchema = z
  .object({ organization: slugSchema, ...projectFields })
  .strict()
  .refine(datesInOrder, datesMessage);

/** Body of PATCH /api/v1/projects/{id}: any subset of the editable fields, plus archiving. */
export const patchProjectBodySchema = z
  .object({
    name: nameSchema.optional(),
    slug: recordSlugSchema.optional(),
    fromStack: stackSchema.optional(),
    toStack: stackSchema.optional(),
    description: z.string().trim().max(5000, "Use at most 5,000 characters.").optional(),
    startDate: z.union([dateOnlySchema, z.null()]).optional(),
    targetDate: z.union([dateOnlySchema, z.null()]).optional(),
    archived: z.boolean({ error: "Must be true or false." }).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change." });
