/**
 * The evidence record: the API contract of `POST /api/v1/projects/{id}/evidence` (one record, or a
 * JUnit report to summarise) and `POST …/evidence/batch` (many records). Shaped like a CI check
 * run (GitHub's check runs: name, status, conclusion, details URL, external id) plus what a gate
 * needs to decide: the measured value next to its threshold and the items it speaks for.
 *
 * Strict (unknown fields refused) and bounded everywhere, so a client bug or a hostile body is a
 * clear 400 naming the field, never a row of unbounded size. Items are referenced by id, key,
 * module path or pattern: the schema only checks their shape — resolving them against the
 * inventory (and refusing an unknown key) is the endpoint's job.
 */
import { z } from "zod";
import { parseInput } from "@/lib/errors";

export const EVIDENCE_KINDS = ["tests", "smoke", "replay", "visual", "manual", "custom"] as const;
export const EVIDENCE_STATUSES = ["queued", "in_progress", "completed"] as const;
export const EVIDENCE_CONCLUSIONS = ["success", "failure", "neutral", "inconclusive"] as const;
export const COMPARISONS = ["<=", ">=", "<", ">", "=="] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export type EvidenceConclusion = (typeof EVIDENCE_CONCLUSIONS)[number];
export type Comparison = (typeof COMPARISONS)[number];

/** Limits, exported so the endpoint, the docs and the CLI (which splits batches) agree. */
export const EVIDENCE_LIMITS = {
  nameChars: 200,
  profileChars: 64,
  /** Bytes of UTF-8, not characters: what the database row will hold. */
  summaryBytes: 64 * 1024,
  urlChars: 2_000,
  externalIdChars: 200,
  itemsPerRecord: 1_000,
  itemRefChars: 2_000,
  metrics: 32,
  recordsPerBatch: 500,
  /** A JUnit report posted for the server to summarise. */
  junitBytes: 10 * 1024 * 1024,
  /** The request bodies: one record or a JUnit report (its XML escaped in JSON), and a batch. */
  postBodyBytes: 12 * 1024 * 1024,
  batchBodyBytes: 8 * 1024 * 1024,
} as const;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .min(1, `${what} is required.`)
    .max(max, `${what} is at most ${max.toLocaleString("en")} characters.`);

const finite = (what: string) => z.number({ error: `${what} must be a number.` }).finite(`${what} must be a finite number.`);

/** ISO 8601 with a zone ("2026-06-10T12:00:00Z", "…+02:00"): an instant, never a local time. */
const instant = (what: string) => z.iso.datetime({ offset: true, error: `${what} must be an ISO 8601 date-time with a zone, e.g. 2026-06-10T12:00:00Z.` });

/** One target of a record. Exactly one of id, key, module or pattern. */
export const itemRefSchema = z.union(
  [
    z.object({ id: text("id", 64).regex(/^[A-Za-z0-9_-]+$/, "id holds letters, digits, _ and - only.") }).strict(),
    /** An item's key: `GET /users/<id>` for a route, a module's path, a dependency's name. */
    z.object({ key: text("key", EVIDENCE_LIMITS.itemRefChars) }).strict(),
    /** A module path: the record speaks for the module and the routes that use it. */
    z.object({ module: text("module", EVIDENCE_LIMITS.itemRefChars) }).strict(),
    /** Routes whose key matches a glob: `GET /api/*` (`*` any run of characters, `?` one). */
    z.object({ pattern: text("pattern", EVIDENCE_LIMITS.itemRefChars) }).strict(),
  ],
  { error: "Each item is one of {id}, {key}, {module} or {pattern}." },
);
export type ItemRef = z.infer<typeof itemRefSchema>;

export const measuredSchema = z
  .object({
    value: finite("measured.value"),
    /** "%", "ms", "tests"… */
    unit: text("measured.unit", 32).optional(),
    threshold: finite("measured.threshold").optional(),
    /** How value must compare with threshold to pass: "mismatch 0.4 % <= 1 %". */
    comparison: z.enum(COMPARISONS, { error: `measured.comparison is one of ${COMPARISONS.join(" ")}.` }).optional(),
    /** How many observations the value is over (requests replayed, tests run). */
    sampleSize: z.number({ error: "measured.sampleSize must be a number." }).int("measured.sampleSize is a whole number.").min(0).max(1e12).optional(),
  })
  .strict()
  .refine((m) => m.comparison === undefined || m.threshold !== undefined, { path: ["threshold"], message: "A comparison needs a threshold." });
export type Measured = z.infer<typeof measuredSchema>;

const summarySchema = z.string({ error: "summary must be text." }).refine((s) => Buffer.byteLength(s, "utf8") <= EVIDENCE_LIMITS.summaryBytes, {
  message: `summary is at most ${EVIDENCE_LIMITS.summaryBytes / 1024} KB (UTF-8); link to the full report with detailsUrl.`,
  // Stop before the other checks: a 50 MB summary need not be parsed further.
  abort: true,
});

/** The fields shared by a record and a JUnit upload. */
const commonFields = {
  name: text("name", EVIDENCE_LIMITS.nameChars),
  /** The user profile a smoke check ran as ("anonymous", "patron"): one record per profile. */
  profile: text("profile", EVIDENCE_LIMITS.profileChars)
    .regex(/^[A-Za-z0-9_.-]+$/, "profile holds letters, digits, _ . and - only.")
    .optional(),
  summary: summarySchema.optional(),
  detailsUrl: z
    .url({ protocol: /^https?$/, error: "detailsUrl must be an http(s) URL." })
    .max(EVIDENCE_LIMITS.urlChars, `detailsUrl is at most ${EVIDENCE_LIMITS.urlChars} characters.`)
    .optional(),
  /** The commit the evidence was produced on: 7–40 hex digits (SHA-1) or 64 (SHA-256). */
  commitSha: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{7,40}|[0-9a-fA-F]{64})$/, "commitSha is a git commit hash (7–40 or 64 hex digits).")
    .transform((s) => s.toLowerCase())
    .optional(),
  /** The client's own id for this record: posting it again updates the record instead of adding one. */
  externalId: text("externalId", EVIDENCE_LIMITS.externalIdChars).optional(),
  /** When the check ran; the server's time of receipt when absent. */
  observedAt: instant("observedAt").optional(),
  /** After it the record no longer counts for any gate. */
  expiresAt: instant("expiresAt").optional(),
  items: z
    .array(itemRefSchema, { error: "items is a list of {id}, {key}, {module} or {pattern}." })
    .min(1, "Name at least one item the evidence is for.")
    .max(EVIDENCE_LIMITS.itemsPerRecord, `At most ${EVIDENCE_LIMITS.itemsPerRecord.toLocaleString("en")} items per record.`),
  /** A few named figures beside the measured one (latency percentiles, counts), for display. */
  metrics: z
    .record(text("metric name", 64), finite("metric"))
    .refine((m) => Object.keys(m).length <= EVIDENCE_LIMITS.metrics, `At most ${EVIDENCE_LIMITS.metrics} metrics.`)
    .optional(),
};

const expiresAfterObserved = (r: { observedAt?: string; expiresAt?: string }) =>
  !r.observedAt || !r.expiresAt || Date.parse(r.expiresAt) > Date.parse(r.observedAt);
const expiresMessage = { path: ["expiresAt"], message: "expiresAt must be after observedAt." };

export const evidenceRecordSchema = z
  .object({
    ...commonFields,
    kind: z.enum(EVIDENCE_KINDS, { error: `kind is one of: ${EVIDENCE_KINDS.join(", ")}.` }),
    status: z.enum(EVIDENCE_STATUSES, { error: `status is one of: ${EVIDENCE_STATUSES.join(", ")}.` }).default("completed"),
    conclusion: z.enum(EVIDENCE_CONCLUSIONS, { error: `conclusion is one of: ${EVIDENCE_CONCLUSIONS.join(", ")}.` }).optional(),
    measured: measuredSchema.optional(),
  })
  .strict()
  .refine((r) => r.status !== "completed" || r.conclusion !== undefined, { path: ["conclusion"], message: "A completed record needs a conclusion." })
  .refine((r) => r.status === "completed" || r.conclusion === undefined, { path: ["conclusion"], message: "Only a completed record has a conclusion." })
  .refine(expiresAfterObserved, expiresMessage);

/** What a client sends (status may be left out: completed). */
export type EvidenceRecordInput = z.input<typeof evidenceRecordSchema>;
/** What the endpoint gets after parsing. */
export type EvidenceRecord = z.output<typeof evidenceRecordSchema>;

export const evidenceBatchSchema = z
  .object({
    records: z
      .array(evidenceRecordSchema)
      .min(1, "Send at least one record.")
      .max(EVIDENCE_LIMITS.recordsPerBatch, `At most ${EVIDENCE_LIMITS.recordsPerBatch} records per batch; send more batches.`),
  })
  .strict()
  .refine(
    (b) => {
      const ids = b.records.flatMap((r) => (r.externalId ? [r.externalId] : []));
      return new Set(ids).size === ids.length;
    },
    { path: ["records"], message: "Two records of the batch share an externalId." },
  );
export type EvidenceBatchInput = z.input<typeof evidenceBatchSchema>;
export type EvidenceBatch = z.output<typeof evidenceBatchSchema>;

/**
 * A JUnit XML report for the server to summarise into one `tests` record (`junit.ts`): what a CI
 * job posts with curl. Kind, status, conclusion and measured come from the report.
 */
export const junitUploadSchema = z
  .object({
    ...commonFields,
    junit: z
      .string({ error: "junit must be the report's XML text." })
      .min(1, "junit is empty.")
      .refine((s) => Buffer.byteLength(s, "utf8") <= EVIDENCE_LIMITS.junitBytes, {
        message: `junit is at most ${EVIDENCE_LIMITS.junitBytes / 1024 / 1024} MB.`,
        abort: true,
      }),
  })
  .strict()
  .refine(expiresAfterObserved, expiresMessage);
export type JunitUploadInput = z.input<typeof junitUploadSchema>;
export type JunitUpload = z.output<typeof junitUploadSchema>;

/** The body of `POST /evidence`: a record, or (with a `junit` field) a report to summarise. */
export type EvidencePost = { form: "record"; record: EvidenceRecord } | { form: "junit"; upload: JunitUpload };

/**
 * Parses the body of `POST /evidence`, choosing the form by the `junit` field rather than by a zod
 * union, so that an error names the fields of the form meant. Throws `invalid_input` (400).
 */
export function parseEvidencePost(body: unknown): EvidencePost {
  if (typeof body === "object" && body !== null && "junit" in body) return { form: "junit", upload: parseInput(junitUploadSchema, body) };
  return { form: "record", record: parseInput(evidenceRecordSchema, body) };
}
