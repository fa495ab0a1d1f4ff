import { z } from "zod";
import { idSchema, pageQuerySchema } from "@/lib/validation/common";
import { linksSchema } from "@/lib/validation/links";
import { COVERAGE_WORDS, STATUS_ORDER, READINESS_ORDER, SERVED_BY_ORDER } from "./labels";

import { HTTP_METHODS } from "./http-methods";
import { DRIFT_KINDS } from "@/lib/repositories/drift";
export { HTTP_METHODS };

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString("en")} characters.`);
const optionalText = (max: number) => z.preprocess((v) => (v === "" ? null : v), text(max).nullable()).optional();
const intIn = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `${what} must be a whole number.` })
    .int(`${what} must be a whole number.`)
    .min(min, `${what} is at least ${min}.`)
    .max(max, `${what} is at most ${max.toLocaleString("en")}.`);

export const statusSchema = z.enum(STATUS_ORDER, { error: `Choose one of: ${STATUS_ORDER.join(", ")}.` });
export const readinessSchema = z.enum(READINESS_ORDER, { error: `Choose one of: ${READINESS_ORDER.join(", ")}.` });
export const servedBySchema = z.enum(SERVED_BY_ORDER, { error: "Choose one of: LEGACY, NEW, SHADOW." });

/** 0–100, or none / some / good. */
export const coverageSchema = z.preprocess(
  (v) =>
    typeof v === "string" && v.trim().toLowerCase() in COVERAGE_WORDS
      ? COVERAGE_WORDS[v.trim().toLowerCase() as keyof typeof COVERAGE_WORDS]
      : typeof v === "string"
        ? v.replace(/%\s*$/, "")
        : v,
  intIn(0, 100, "Test coverage"),
);

/** Fields every kind has. `owner` is "team:<id>", "user:<id>" or null (nobody). */
const commonFields = {
  status: statusSchema.optional(),
  statusReason: optionalText(2000),
  complexity: intIn(1, 5, "Complexity").optional(),
  size: z.preprocess((v) => (v === "" ? null : v), intIn(0, 100_000_000, "Size").nullable()).optional(),
  testCoverage: z.preprocess((v) => (v === "" ? null : v), coverageSchema.nullable()).optional(),
  owner: z
    .preprocess(
      (v) => (v === "" ? null : v),
      z
        .string()
        .regex(/^(team|user):[A-Za-z0-9_-]{1,64}$/, "Choose a team or a member.")
        .nullable(),
    )
    .optional(),
  notes: text(20_000).optional(),
  links: linksSchema.optional(),
};

const routeFields = {
  method: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.enum(HTTP_METHODS, { error: `Use one of ${HTTP_METHODS.join(", ")}.` })),
  path: text(2000).min(1, "Required."),
  handler: optionalText(500),
  trafficPerDay: intIn(0, 2_000_000_000, "Traffic").optional(),
};
const moduleFields = { path: text(1000).min(1, "Required."), trafficPerDay: intIn(0, 2_000_000_000, "Traffic").optional() };
const dependencyFields = {
  name: text(300).min(1, "Required."),
  currentVersion: optionalText(100),
  targetVersion: optionalText(100),
  readiness: readinessSchema.optional(),
  replacement: optionalText(300),
};

/** A manager's move to Verified without the evidence the project's gate asks for: the reason is recorded. */
export const gateOverrideSchema = z
  .object({
    reason: z.string({ error: "Say why." }).trim().min(3, "Say why, in a few words (it is kept in the history).").max(500, "Use at most 500 characters."),
  })
  .strict();

const needsReason = (v: { status?: string; statusReason?: string | null }) => v.status !== "WONT_PORT" || Boolean(v.statusReason);
const reasonMessage = { path: ["statusReason"], message: "Say why it won't be ported." };

export const createItemSchemas = {
  ROUTE: z
    .object({ ...commonFields, ...routeFields })
    .strict()
    .refine(needsReason, reasonMessage),
  MODULE: z
    .object({ ...commonFields, ...moduleFields })
    .strict()
    .refine(needsReason, reasonMessage),
  DEPENDENCY: z
    .object({ ...commonFields, ...dependencyFields })
    .strict()
    .refine(needsReason, reasonMessage),
} as const;

const partial = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, overrideGate: gateOverrideSchema })
    .partial()
    .strict();
export const updateItemSchemas = {
  ROUTE: partial({ ...commonFields, ...routeFields }),
  MODULE: partial({ ...commonFields, ...moduleFields }),
  DEPENDENCY: partial({ ...commonFields, ...dependencyFields }),
} as const;

export type ItemInput = {
  status?: (typeof STATUS_ORDER)[number];
  statusReason?: string | null;
  complexity?: number;
  size?: number | null;
  testCoverage?: number | null;
  owner?: string | null;
  notes?: string;
  links?: string[];
  method?: string;
  path?: string;
  handler?: string | null;
  trafficPerDay?: number;
  servedBy?: (typeof SERVED_BY_ORDER)[number];
  name?: string;
  currentVersion?: string | null;
  targetVersion?: string | null;
  readiness?: (typeof READINESS_ORDER)[number];
  replacement?: string | null;
};

const csv = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" ? (v === "" ? undefined : v.split(",")) : v), z.array(schema).optional());

/** Filters, sort and page of an inventory list; the same in the UI's URL and the API's query. */
export const listQuerySchema = pageQuerySchema
  .extend({
    q: z.string().trim().max(200).optional(),
    status: csv(statusSchema),
    readiness: csv(readinessSchema),
    owner: z
      .string()
      .regex(/^(team|user):[A-Za-z0-9_-]{1,64}$|^none$/, "owner is team:<id>, user:<id> or none.")
      .optional(),
    team: idSchema.optional(),
    blocked: z.enum(["true", "false"]).optional(),
    /** `ported-no-smoke`: ported, and no smoke check of it has a success that has not expired. */
    evidence: z.enum(["ported-no-smoke"], { error: "evidence is ported-no-smoke." }).optional(),
    /** `true`: evidence failed after the item was verified (its attention flag is set). */
    attention: z.enum(["true"], { error: "attention is true." }).optional(),
    /** Where the declared status and the code disagree (issue 22): one kind of drift, or `any`. */
    drift: z.enum([...DRIFT_KINDS, "any"], { error: `drift is ${DRIFT_KINDS.join(", ")} or any.` }).optional(),
    /** `true`: a route of the new code matches it; `false`: none does (or no scan said so). */
    inNewCode: z.enum(["true", "false"], { error: "inNewCode is true or false." }).optional(),
    complexityMin: intIn(1, 5, "complexityMin").optional(),
    complexityMax: intIn(1, 5, "complexityMax").optional(),
    trafficMin: intIn(0, 2_000_000_000, "trafficMin").optional(),
    trafficMax: intIn(0, 2_000_000_000, "trafficMax").optional(),
    sort: z.enum(["key", "traffic", "complexity", "status", "updated", "blockers"]).default("key"),
    order: z.enum(["asc", "desc"]).optional(),
    direction: z.enum(["next", "prev"]).default("next"),
  })
  .strict();
export type ListQuery = z.output<typeof listQuerySchema>;

export const bulkUpdateSchema = z
  .object({
    ids: z.array(idSchema).min(1, "Select at least one item.").max(1000, "At most 1,000 items at once."),
    set: z
      .object({ status: statusSchema.optional(), statusReason: optionalText(2000), owner: commonFields.owner })
      .strict()
      .refine((v) => v.status !== undefined || v.owner !== undefined, "Choose a status or an owner to set.")
      .refine(needsReason, reasonMessage),
  })
  .strict();

export const relationSchema = z.object({ targetKey: text(2000).min(1, "Required.") }).strict();
