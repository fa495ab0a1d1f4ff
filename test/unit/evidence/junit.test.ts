import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { JunitError, junitToEvidence, junitUploadToEvidence, parseJunit } from "@/lib/evidence/junit";
import { evidenceRecordSchema } from "@/lib/evidence/schemas";
import { AppError } from "@/lib/errors";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/evidence/junit");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

function errorOf(fn: () => unknown): JunitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JunitError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("JUnit dialects", () => {
  test.each([
    ["surefire.xml", { suites: 1, tests: 5, passed: 2, failures: 1, errors: 1, skipped: 1, time: 1.234, flaky: 1 }],
    ["pytest.xml", { suites: 1, tests: 4, passed: 3, failures: 0, errors: 0, skipped: 1, time: 0.871, flaky: 0 }],
    ["jest-junit.xml", { suites: 1, tests: 3, passed: 2, failures: 1, errors: 0, skipped: 0, time: 2.571, flaky: 0 }],
    // Nested suites; a suite known only by its attributes counts by them.
    ["nested.xml", { suites: 3, tests: 12, passed: 10, failures: 0, errors: 0, skipped: 2, time: 3.5, flaky: 0 }],
  ])("%s", (file, counts) => {
    expect(parseJunit(read(file), file)).toMatchObject(counts);
  });

  test("lists failures with their suite and first message line, entities decoded", () => {
    expect(parseJunit(read("surefire.xml")).failed).toEqual([
      { suite: "com.example.UserControllerTest", test: "rejectsBadId", kind: "failure", message: "expected: <404> but was: <500>" },
      { suite: "com.example.UserControllerTest", test: "exportsCsv", kind: "error", message: "Connection refused" },
    ]);
    // jest-junit writes no message attribute: the element's first line stands in.
    expect(parseJunit(read("jest-junit.xml")).failed[0]).toMatchObject({
      suite: "users page",
      test: "users page paginates",
      message: "Error: expect(received).toBe(expected) // Object.is equality",
    });
  });
});

describe("bad reports", () => {
  test("malformed XML names the line and column", () => {
    const error = errorOf(() => parseJunit(read("malformed.xml"), "malformed.xml"));
    expect(error.line).toBe(5);
    expect(error.message).toBe(
      "malformed.xml line 5, column 3: malformed XML: Expected closing tag 'testcase' (opened in line 4, col 5) instead of closing tag 'testsuite'.",
    );
  });

  test("an entity-expansion bomb is refused at its DOCTYPE, before any expansion", () => {
    const error = errorOf(() => parseJunit(read("bomb.xml"), "bomb.xml"));
    expect(error.message).toBe("bomb.xml line 2: a DOCTYPE is not allowed in a JUnit report (entities and DTDs are refused).");
  });

  test("an external entity (XXE) is refused the same way", () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuites><testsuite name="&x;"/></testsuites>`;
    expect(errorOf(() => parseJunit(xml)).line).toBe(2);
  });

  test.each([
    ["", "report: the report is empty."],
    ["<html><body>502 Bad Gateway</body></html>", "report: not a JUnit report: the root element is <html>, expected <testsuites> or <testsuite>."],
  ])("%j", (xml, message) => {
    expect(errorOf(() => parseJunit(xml)).message).toBe(message);
  });

  test("many predefined entities are fine: only declared ones are refused", () => {
    const cases = Array.from({ length: 2000 }, (_, i) => `<testcase name="t${i} &lt;a&gt; &amp; &quot;b&quot;"/>`).join("");
    const summary = parseJunit(`<testsuites><testsuite name="s">${cases}</testsuite></testsuites>`);
    expect(summary.tests).toBe(2000);
  });
});

describe("the evidence record", () => {
  const options = { name: "backend unit tests", items: [{ pattern: "GET /users*" }], commitSha: "abcdef1", observedAt: "2026-06-10T12:00:00Z" };

  test.each([
    ["surefire.xml", "failure", 2, 4],
    ["pytest.xml", "success", 0, 3],
    ["jest-junit.xml", "failure", 1, 3],
  ])("%s → %s, %d failed of %d run", (file, conclusion, failed, ran) => {
    const record = junitToEvidence(parseJunit(read(file)), options);
    expect(record).toMatchObject({
      kind: "tests",
      status: "completed",
      conclusion,
      measured: { value: failed, threshold: 0, comparison: "<=", sampleSize: ran },
    });
    expect(evidenceRecordSchema.safeParse(record).success).toBe(true);
  });

  test("a report where nothing ran is inconclusive, not a success", () => {
    const record = junitToEvidence(parseJunit(`<testsuite name="s"><testcase name="a"><skipped/></testcase></testsuite>`), options);
    expect(record.conclusion).toBe("inconclusive");
  });

  test("the summary says what ran and what failed", () => {
    expect(junitToEvidence(parseJunit(read("surefire.xml")), options).summary).toBe(
      [
        "5 tests in 1 suite: 2 passed, 1 failed, 1 error, 1 skipped; 1.234 s.",
        "1 test passed only on a re-run.",
        "",
        "Failed:",
        "- com.example.UserControllerTest › rejectsBadId: expected: <404> but was: <500>",
        "- com.example.UserControllerTest › exportsCsv (error): Connection refused",
      ].join("\n"),
    );
  });

  test("a malformed upload is a 400 on the junit field, naming the line", () => {
    let error: unknown;
    try {
      junitUploadToEvidence({ ...options, junit: read("malformed.xml") });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "invalid_input",
      details: { line: 5, fields: { junit: [expect.stringMatching(/^junit line 5, column 3: malformed XML/)] } },
    });
  });

  test("an upload becomes a record with the upload's fields", () => {
    const record = junitUploadToEvidence({ ...options, junit: read("pytest.xml") });
    expect(record).toMatchObject({ name: "backend unit tests", commitSha: "abcdef1", items: options.items, conclusion: "success" });
  });
});
