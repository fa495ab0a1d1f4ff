import { z } from "zod";
import { activityQuerySchema } from "./activity";
import { CHARTS } from "./csv";
import { progressQuerySchema } from "./filters";

/** The dashboard endpoint's query: the filters, and the activity list's own parameters. */
export const progressApiQuerySchema = progressQuerySchema.safeExtend(activityQuerySchema.shape);
/** One chart's data: the same, plus the format. */
export const chartApiQuerySchema = progressApiQuerySchema.safeExtend({ format: z.enum(["json", "csv"]).default("json") });
export const chartParamSchema = z.enum(CHARTS);

const day = z.string().describe("YYYY-MM-DD in the project's time zone");
const statusCounts = z.record(z.string(), z.number());

export const progressOutputSchema = z
  .object({
    project: z.object({ id: z.string(), name: z.string(), timeZone: z.string(), forecastWeeks: z.number(), targetDate: day.nullable() }),
    range: z.object({ from: day, to: day, today: day }),
    series: z.object({
      days: z.array(day),
      burnUp: z.array(z.object({ day, scope: z.number(), ported: z.number(), verified: z.number() })),
      traffic: z.array(z.object({ day, share: z.number(), countShare: z.number(), trafficDone: z.number(), trafficScope: z.number() })),
      flow: z.array(z.object({ day }).catchall(z.number())),
    }),
    forecast: z
      .object({ kind: z.enum(["date", "done", "unknown"]) })
      .catchall(z.unknown())
      .describe("A date with optimistic and pessimistic dates, done, or unknown with the reason."),
    quadrant: z
      .object({ dots: z.array(z.record(z.string(), z.unknown())), grouped: z.boolean(), routes: z.number(), totalTraffic: z.number() })
      .catchall(z.unknown()),
    owners: z.array(
      z.object({
        owner: z.string(),
        name: z.string(),
        counts: statusCounts,
        total: z.number(),
        remaining: z.number(),
        remainingTraffic: z.number(),
        staleClaims: z.number(),
      }),
    ),
    teams: z
      .array(
        z.object({
          owner: z.string(),
          name: z.string(),
          remaining: z.number(),
          doneRecently: z.number(),
          velocity: z.number(),
          lastMovement: day.nullable(),
          daysSinceMovement: z.number().nullable(),
          staleClaims: z.number(),
          topBlocker: z.object({ id: z.string(), kind: z.string(), key: z.string(), blocks: z.number() }).nullable(),
          stuck: z.boolean(),
        }),
      )
      .describe(
        "Per owner: open items, net items done in the last 4 weeks and per week, the last movement, stale claims, the item blocking most of its open work, and stuck (work left, no movement for 3 weeks).",
      ),
    routes: z.object({ done: z.number(), scope: z.number() }).describe("Routes done and in scope on the range's last day."),
    readiness: z.object({ counts: z.array(z.object({ readiness: z.string(), count: z.number() })), blocking: z.array(z.record(z.string(), z.unknown())) }),
    activity: z.object({ rows: z.array(z.record(z.string(), z.unknown())), nextCursor: z.string().nullable() }),
  })
  .meta({ id: "ProgressDashboard" });

export const chartOutputSchema = z.object({ chart: chartParamSchema, data: z.unknown() }).meta({ id: "ProgressChart" });
