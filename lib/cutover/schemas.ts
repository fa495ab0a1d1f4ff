import { z } from "zod";
import { idSchema } from "@/lib/validation/common";
import { parseCron } from "./freeze-rules";
import { zonedToUtc } from "@/lib/stewardship/recurrence";
import { parseUpstreamUrl } from "./routing/schema";
import { isValidTimeZone } from "@/lib/time/days";

const reason = z.string({ error: "Say why." }).trim().min(3, "Say why, in a few words (it is kept in the history).").max(500, "Use at most 500 characters.");

/** Where a route's traffic goes: legacy, shadow (legacy answers, new gets a copy), canary N %, new. */
export const trafficTargetSchema = z.discriminatedUnion("to", [
  z.object({ to: z.literal("legacy") }),
  z.object({ to: z.literal("shadow") }),
  z.object({
    to: z.literal("canary"),
    percent: z.coerce.number({ error: "A whole percentage." }).int("A whole percentage.").min(1, "1 to 99.").max(99, "1 to 99."),
  }),
  z.object({ to: z.literal("new") }),
]);

const override = z.object({ reason }).strict();

export const switchSchema = z
  .object({
    target: trafficTargetSchema,
    reason,
    /** The state the switch was decided on ("legacy", "canary:10"…): if the route moved meanwhile, 409. */
    expected: z
      .string()
      .regex(/^(legacy|shadow|new|canary:\d{1,2})$/)
      .optional(),
    /** An admin's switch during a freeze window, with its reason. */
    overrideFreeze: override.optional(),
    /** A manager's switch to new without the evidence the project's gate asks for, with its reason. */
    overrideGate: override.optional(),
  })
  .strict();

/** Many routes at once, from the inventory's selection. */
export const bulkSwitchSchema = z
  .object({
    itemIds: z.array(idSchema).min(1, "Select at least one route.").max(5000, "At most 5,000 routes at once."),
    target: trafficTargetSchema,
    reason,
    overrideFreeze: override.optional(),
    overrideGate: override.optional(),
  })
  .strict();

/**
 * The kill switch: back to legacy at once, for one route, a module's routes, a team's or the whole
 * project. Never refused by a freeze window: it is the way back.
 */
export const killSwitchSchema = z
  .object({
    scope: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("route"), itemId: idSchema }).strict(),
      z.object({ kind: z.literal("module"), moduleId: idSchema }).strict(),
      z.object({ kind: z.literal("team"), teamId: idSchema }).strict(),
      z.object({ kind: z.literal("project") }).strict(),
    ]),
    reason,
  })
  .strict();

const upstream = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === "" || typeof parseUpstreamUrl(v) !== "string", { error: (issue) => String(parseUpstreamUrl(String(issue.input))) })
  .transform((v) => {
    if (v === "") return null;
    const parsed = parseUpstreamUrl(v);
    return typeof parsed === "string" ? null : parsed.url;
  });

export const cutoverSettingsSchema = z
  .object({
    legacyUpstream: upstream.optional(),
    newUpstream: upstream.optional(),
    mirrorUpstream: upstream.optional(),
    legacyRetired: z.boolean().optional(),
    stickinessBy: z.enum(["address", "cookie", "header"]).optional(),
    stickinessName: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "Letters, digits, '_' or '-' (a cookie or header name).")
      .nullable()
      .optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to change.");

const zone = z.string().trim().refine(isValidTimeZone, "Not a time zone (use e.g. Europe/Berlin).");

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;
/** An instant with its offset, or a wall-clock time ("2027-11-22T09:00", from a form) read in the window's zone. */
export const instant = z.union([z.iso.datetime({ offset: true }), z.string().regex(LOCAL)], {
  error: "Use a date and time, like 2027-11-22T09:00 (in the window's zone) or 2027-11-22T09:00:00+01:00.",
});
export const toInstant = (value: string, timeZone: string): Date => {
  const m = LOCAL.exec(value);
  return m ? zonedToUtc(m[1], m[2], timeZone) : new Date(value);
};

/** A freeze window: one-off (from, until) or recurring (cron in a zone, for so many minutes). */
export const freezeWindowSchema = z
  .object({
    reason: z.string().trim().min(3, "Say what it is (e.g. Black Friday week).").max(300),
    scope: z.enum(["project", "organization"]).default("project"),
    timeZone: zone.default("UTC"),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    cron: z.string().trim().max(120).optional(),
    durationMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 60)
      .optional(),
  })
  .strict()
  .transform((v) => ({
    ...v,
    startsAt: v.startsAt === undefined ? undefined : toInstant(v.startsAt, v.timeZone),
    endsAt: v.endsAt === undefined ? undefined : toInstant(v.endsAt, v.timeZone),
  }))
  .superRefine((v, ctx) => {
    const oneOff = v.startsAt !== undefined || v.endsAt !== undefined;
    const recurring = v.cron !== undefined || v.durationMinutes !== undefined;
    if (oneOff === recurring) {
      ctx.addIssue({ code: "custom", path: ["cron"], message: "Give either a start and an end, or a cron expression and a duration." });
      return;
    }
    if (oneOff) {
      if (!v.startsAt || !v.endsAt)
        ctx.addIssue({ code: "custom", path: [v.startsAt ? "endsAt" : "startsAt"], message: "A one-off window needs a start and an end." });
      else if (v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start." });
    } else {
      if (!v.cron || !v.durationMinutes)
        ctx.addIssue({ code: "custom", path: [v.cron ? "durationMinutes" : "cron"], message: "A recurring window needs a cron expression and a duration." });
      else {
        const cron = parseCron(v.cron, v.timeZone);
        if (typeof cron === "string") ctx.addIssue({ code: "custom", path: ["cron"], message: `Not a cron expression: ${cron}` });
      }
    }
  });

export type TrafficTarget = z.output<typeof trafficTargetSchema>;

/** A switch planned for later: which route, to what, why, and when (in the project's zone unless an offset is given). */
export const scheduleSwitchSchema = z
  .object({
    itemId: idSchema,
    target: trafficTargetSchema,
    reason,
    at: instant,
  })
  .strict();

/** A planned switch moved to another time (its route and target stay). */
export const rescheduleSwitchSchema = z.object({ at: instant }).strict();
