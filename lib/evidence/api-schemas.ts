/** The evidence API's answers, for the OpenAPI document (the handlers return these shapes). */
import { z } from "zod";
import { EVIDENCE_CONCLUSIONS, EVIDENCE_KINDS, EVIDENCE_STATUSES, evidenceRecordSchema, junitUploadSchema } from "./schemas";

export const evidenceOutputSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(EVIDENCE_KINDS),
    status: z.enum(EVIDENCE_STATUSES),
    conclusion: z.enum(EVIDENCE_CONCLUSIONS).nullable(),
    profile: z.string().nullable(),
    measured: z.unknown().describe("{ value, unit?, threshold?, comparison?, sampleSize? }, or null"),
    metrics: z.unknown().describe("Named figures, or null"),
    summary: z.string(),
    detailsUrl: z.string().nullable(),
    commitSha: z.string().nullable(),
    externalId: z.string().nullable(),
    observedAt: z.string(),
    expiresAt: z.string().nullable(),
    receivedAt: z.string(),
    actorId: z.string().nullable(),
    tokenId: z.string().nullable(),
    itemIds: z.array(z.string()).describe("The items it speaks for (up to 20 in lists)."),
    itemCount: z.number().int(),
  })
  .meta({ id: "Evidence" });

export const evidencePostBodySchema = z.union([evidenceRecordSchema, junitUploadSchema]).meta({ id: "EvidencePost" });

export const evidenceBatchResultSchema = z.object({ accepted: z.number().int(), data: z.array(evidenceOutputSchema) }).meta({ id: "EvidenceBatchResult" });

export const evidenceListSchema = z
  .object({ data: z.array(evidenceOutputSchema), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page.") })
  .meta({ id: "EvidenceList" });

const missingSchema = z.object({ requirement: z.string(), index: z.number().int(), reason: z.string(), howToGet: z.string(), profile: z.string().optional() });
const gateStanding = z.object({ requirements: z.number().int(), met: z.boolean(), missing: z.array(missingSchema) });

export const itemEvidenceSchema = z
  .object({
    item: z.object({ id: z.string(), key: z.string(), status: z.string(), attention: z.string().nullable() }),
    gates: z.object({ verified: gateStanding, switchToNew: gateStanding }),
    latest: z.array(evidenceOutputSchema).describe("The latest completed record of each check (kind, name, profile)."),
    history: z.array(evidenceOutputSchema).describe("The last 100 records, newest first."),
  })
  .meta({ id: "ItemEvidence" });
