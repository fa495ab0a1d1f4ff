import { z } from "zod";

export const itemOutputSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["ROUTE", "MODULE", "DEPENDENCY"]),
    key: z.string().describe('Identity in the project: "GET /user/<id>", a module path, a dependency name.'),
    name: z.string(),
    method: z.string().nullable(),
    path: z.string().nullable(),
    handler: z.string().nullable(),
    status: z.string(),
    agentReview: z
      .enum(["AWAITING", "CONFIRMED"])
      .nullable()
      .describe("A coding agent's port: AWAITING while no person has confirmed it (status Ported), CONFIRMED once one has; null for a person's work."),
    statusReason: z.string().nullable(),
    servedBy: z.string(),
    readiness: z.string().nullable(),
    currentVersion: z.string().nullable(),
    targetVersion: z.string().nullable(),
    replacement: z.string().nullable(),
    trafficPerDay: z.number().int(),
    complexity: z.number().int(),
    size: z.number().int().nullable(),
    testCoverage: z.number().int().nullable().describe("Percent; none = 0, some = 40, good = 80."),
    owner: z.object({ type: z.enum(["team", "user"]), id: z.string(), name: z.string() }).nullable(),
    notes: z.string(),
    links: z.array(z.string()),
    blocked: z.boolean(),
    blockerCount: z.number().int().describe("Related items (modules used, dependencies needed) not yet ported or ready."),
    claim: z
      .object({ holder: z.object({ id: z.string(), name: z.string() }), startedAt: z.string(), expectedFinish: z.string() })
      .nullable()
      .describe("The active claim: who is working on it."),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Item" });

export const itemListSchema = z
  .object({
    data: z.array(itemOutputSchema),
    total: z.number().int().describe("Items matching the filters, counted up to 10,000."),
    totalIsCapped: z.boolean().describe("True when more than 10,000 match (total is then 10,000)."),
    nextCursor: z.string().nullable(),
    prevCursor: z.string().nullable().describe("Pass as `cursor` with `direction=prev` for the page before."),
  })
  .meta({ id: "ItemList" });

const relatedSchema = z.object({ id: z.string(), kind: z.string(), key: z.string(), status: z.string(), readiness: z.string().nullable() });
export const itemDetailSchema = z
  .object({
    item: itemOutputSchema,
    uses: z.array(relatedSchema),
    usedBy: z.array(relatedSchema),
    blockedBy: z.array(relatedSchema),
    history: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable(), at: z.string(), actor: z.string() })),
  })
  .meta({ id: "ItemDetail" });

export const bulkResultSchema = z.object({ matched: z.number().int(), changed: z.number().int() }).meta({ id: "BulkResult" });
