import { describe, expect, test } from "vitest";
import { AppError, fromZod } from "@/lib/errors";
import { EVIDENCE_LIMITS, evidenceBatchSchema, evidenceRecordSchema, parseEvidencePost } from "@/lib/evidence/schemas";
import { batches } from "@/lib/evidence/client";

const record = {
  name: "unit tests",
  kind: "tests",
  status: "completed",
  conclusion: "success",
  measured: { value: 0.4, unit: "%", threshold: 1, comparison: "<=", sampleSize: 812 },
  summary: "812 requests, 3 differ",
  detailsUrl: "https://ci.example.com/runs/42",
  commitSha: "0123ABCdef0123abcdef0123abcdef0123abcdef",
  externalId: "gh-run-42",
  observedAt: "2026-06-09T10:00:00Z",
  expiresAt: "2026-06-16T10:00:00+02:00",
  items: [{ id: "clx123" }, { key: "GET /users/<id>" }, { module: "app/users.py" }, { pattern: "GET /api/*" }],
  metrics: { "legacy.p50Ms": 12.5 },
};

/** The field names the refusal names ("_" for the record itself). */
function refusal(input: unknown): string[] {
  const r = evidenceRecordSchema.safeParse(input);
  expect(r.success).toBe(false);
  return Object.keys(fromZod(r.error!).details!.fields!);
}

describe("an evidence record", () => {
  test("accepts every field, lower-cases the commit and defaults the status to completed", () => {
    const parsed = evidenceRecordSchema.parse(record);
    expect(parsed.commitSha).toBe("0123abcdef0123abcdef0123abcdef0123abcdef");
    expect(parsed.items).toHaveLength(4);
    const { status: _status, ...noStatus } = record;
    expect(evidenceRecordSchema.parse(noStatus).status).toBe("completed");
  });

  test("accepts an item key that no inventory has: resolving keys is the endpoint's job", () => {
    expect(evidenceRecordSchema.safeParse({ ...record, items: [{ key: "GET /no/such/route" }] }).success).toBe(true);
  });

  test.each([
    ["a javascript: URL", { detailsUrl: "javascript:alert(1)" }, "detailsUrl"],
    ["an ftp URL", { detailsUrl: "ftp://ci.example.com/x" }, "detailsUrl"],
    ["a URL that is no URL", { detailsUrl: "see the CI" }, "detailsUrl"],
    ["a bad kind", { kind: "vibes" }, "kind"],
    ["a bad status", { status: "done" }, "status"],
    ["a bad conclusion", { conclusion: "passed" }, "conclusion"],
    ["a bad comparison", { measured: { value: 1, threshold: 2, comparison: "=<" } }, "measured.comparison"],
    ["a comparison without a threshold", { measured: { value: 1, comparison: "<=" } }, "measured.threshold"],
    ["a value that is not finite", { measured: { value: Infinity } }, "measured.value"],
    ["a commit that is not a hash", { commitSha: "main" }, "commitSha"],
    ["a local time without a zone", { observedAt: "2026-06-09T10:00:00" }, "observedAt"],
    ["an expiry before the observation", { expiresAt: "2026-06-01T00:00:00Z" }, "expiresAt"],
    ["no items", { items: [] }, "items"],
    ["an item with two references", { items: [{ id: "a", key: "GET /" }] }, "items.0"],
    ["an item of an unknown form", { items: [{ route: "GET /" }] }, "items.0"],
    ["an unknown field", { severity: "high" }, "_"],
    ["a completed record without conclusion", { conclusion: undefined }, "conclusion"],
    ["a queued record with a conclusion", { status: "queued" }, "conclusion"],
    ["a profile with spaces", { profile: "power user" }, "profile"],
    ["too many items", { items: Array.from({ length: EVIDENCE_LIMITS.itemsPerRecord + 1 }, (_, i) => ({ id: `i${i}` })) }, "items"],
  ])("refuses %s", (_what, change, field) => {
    expect(refusal({ ...record, ...change })).toContain(field);
  });

  test("refuses a huge summary with one clear message, without looking at the rest", () => {
    const r = evidenceRecordSchema.safeParse({ ...record, summary: "é".repeat(EVIDENCE_LIMITS.summaryBytes / 2 + 1) });
    expect(r.success).toBe(false);
    expect(fromZod(r.error!).details!.fields).toEqual({ summary: ["summary is at most 64 KB (UTF-8); link to the full report with detailsUrl."] });
    // 32,769 two-byte characters are over the limit; 32,768 are not.
    expect(evidenceRecordSchema.safeParse({ ...record, summary: "é".repeat(EVIDENCE_LIMITS.summaryBytes / 2) }).success).toBe(true);
  });
});

describe("a batch", () => {
  test("takes up to the limit of records, each checked", () => {
    expect(evidenceBatchSchema.safeParse({ records: [record, { ...record, externalId: "other" }] }).success).toBe(true);
    const tooMany = Array.from({ length: EVIDENCE_LIMITS.recordsPerBatch + 1 }, (_, i) => ({ ...record, externalId: `r${i}` }));
    expect(evidenceBatchSchema.safeParse({ records: tooMany }).success).toBe(false);
    const bad = evidenceBatchSchema.safeParse({ records: [record, { ...record, externalId: "x", kind: "nope" }] });
    expect(Object.keys(fromZod(bad.error!).details!.fields!)).toEqual(["records.1.kind"]);
  });

  test("refuses two records with one externalId (which one would win?)", () => {
    const r = evidenceBatchSchema.safeParse({ records: [record, record] });
    expect(Object.keys(fromZod(r.error!).details!.fields!)).toEqual(["records"]);
  });
});

describe("the body of POST /evidence", () => {
  test("is a record, or a JUnit report with the shared fields", () => {
    expect(parseEvidencePost(record).form).toBe("record");
    const upload = parseEvidencePost({ name: "unit", items: [{ pattern: "GET /*" }], junit: "<testsuites/>", commitSha: "abcdef1" });
    expect(upload).toMatchObject({ form: "junit", upload: { name: "unit", junit: "<testsuites/>" } });
  });

  test("a JUnit upload names its own fields when wrong, and cannot smuggle a conclusion", () => {
    let error: unknown;
    try {
      parseEvidencePost({ name: "unit", items: [{ key: "GET /" }], junit: "<testsuites/>", conclusion: "success" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    expect((error as AppError).message).toMatch(/conclusion/);
  });
});

describe("batches: what the client posts at once", () => {
  const record = (chars: number) => ({ summary: "x".repeat(chars) });
  test.each([
    ["none", [], 100, []],
    ["under both limits", [record(10), record(10)], 100, [2]],
    ["split by size (each record is its JSON plus one byte: 45 here)", [record(30), record(30), record(30)], 100, [2, 1]],
    ["one record over the size still goes alone (the server answers for it)", [record(200), record(1)], 100, [1, 1]],
  ] as const)("%s", (_what, records, maxBytes, sizes) => {
    expect(batches(records, maxBytes).map((b) => b.length)).toEqual(sizes);
  });
  test("split by count: at most 500 records a batch", () => {
    expect(batches(Array.from({ length: 1201 }, () => record(1))).map((b) => b.length)).toEqual([500, 500, 201]);
  });
});
