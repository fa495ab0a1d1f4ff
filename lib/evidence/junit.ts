/**
 * JUnit XML reports → a summary and one `tests` evidence record.
 *
 * JUnit XML has no single standard; the dialects met in practice share one shape, which is what
 * this reads: `<testsuites>` (or a lone `<testsuite>` root) holding `<testsuite>`s, possibly
 * nested, holding `<testcase>`s, each failed by a `<failure>`, errored by an `<error>` or skipped
 * by a `<skipped>`. Seen and tested: Ant/Gradle and Maven Surefire (`<skipped/>`, `<properties>`,
 * `<flakyFailure>`/`<rerunFailure>` on a test that passed on a re-run), pytest's `--junitxml`
 * (xunit1 and xunit2), Jest's jest-junit, Vitest's and Go's go-junit-report. The counts come from
 * the test cases when a suite has any (tools disagree about the attributes: jest-junit has no
 * `skipped` on `<testsuites>`, pytest counts errors in setup separately), else from the suite's
 * `tests`/`failures`/`errors`/`skipped` attributes.
 *
 * The parser is fast-xml-parser (pure JavaScript, no native build, maintained, ~250 M downloads a
 * month), pinned. Safety: a report never needs a DTD, so any `<!DOCTYPE` is refused before
 * parsing — no entity can be declared, so no entity-expansion ("billion laughs") or external
 * entity is possible — and the parser's own entity limits are set low as a second fence; the
 * predefined entities (`&lt;` …) and character references are still decoded. Size is capped by the
 * caller's schema (EVIDENCE_LIMITS.junitBytes) and here, and nesting at 64 levels.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "@/lib/errors";
import { EVIDENCE_LIMITS, type EvidenceRecordInput, type ItemRef, type JunitUpload } from "./schemas";
import { countOf } from "@/lib/format";

export class JunitError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "JunitError";
  }
}

export type JunitFailure = {
  suite: string;
  test: string;
  kind: "failure" | "error";
  /** The message attribute, or the first line of the element's text; at most 300 characters. */
  message: string;
};

export type JunitSummary = {
  suites: number;
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  skipped: number;
  /** Seconds, as the report states it (the root's time, else the sum of the top-level suites'). */
  time: number;
  /** Tests that failed at first and passed on a re-run (Surefire's flaky reruns). */
  flaky: number;
  /** The first failed and errored tests, in report order (at most MAX_LISTED_FAILURES). */
  failed: JunitFailure[];
};

const MAX_LISTED_FAILURES = 20;
const MESSAGE_CHARS = 300;
const MAX_DEPTH = 64;

const ARRAY_TAGS = new Set(["testsuite", "testcase", "failure", "error", "skipped", "flakyFailure", "flakyError", "rerunFailure", "rerunError"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  attributesGroupName: "$attrs",
  textNodeName: "$text",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // `<testcase>` inside `<testsuite>`, and so on: always arrays, even with one child.
  isArray: (tagName) => ARRAY_TAGS.has(tagName),
  processEntities: {
    enabled: true,
    maxEntityCount: 1,
    maxEntitySize: 1,
    maxExpansionDepth: 1,
    maxTotalExpansions: 1_000_000,
    maxExpandedLength: 16 * 1024 * 1024,
  },
  htmlEntities: false,
  maxNestedTags: MAX_DEPTH,
  // Skipped: test output can be megabytes and nothing here reads it.
  stopNodes: ["..system-out", "..system-err"],
});

type XmlNode = { $attrs?: Record<string, string>; $text?: string; [child: string]: unknown };

/** Parses a JUnit XML report; throws JunitError naming the line for malformed XML. */
export function parseJunit(xml: string, file = "report"): JunitSummary {
  if (Buffer.byteLength(xml, "utf8") > EVIDENCE_LIMITS.junitBytes) {
    throw new JunitError(`${file}: the report is larger than ${EVIDENCE_LIMITS.junitBytes / 1024 / 1024} MB.`);
  }
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype) {
    const line = lineOf(xml, doctype.index);
    throw new JunitError(`${file} line ${line}: a DOCTYPE is not allowed in a JUnit report (entities and DTDs are refused).`, line);
  }
  if (xml.trim() === "") throw new JunitError(`${file}: the report is empty.`);
  // XMLValidator is marked deprecated in favour of a separate package, but it is the version
  // pinned here and it is what reports the line and column of the first error.
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new JunitError(`${file} line ${line}, column ${col}: malformed XML: ${msg}`, line);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new JunitError(`${file}: malformed XML: ${(error as Error).message}`);
  }
  const rootName = Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("#"));
  if (rootName === "testsuites") return summarise(asNode(doc.testsuites), "testsuites");
  if (rootName === "testsuite") return summarise({ testsuite: doc.testsuite } as XmlNode, "testsuite");
  throw new JunitError(`${file}: not a JUnit report: the root element is ${rootName ? `<${rootName}>` : "missing"}, expected <testsuites> or <testsuite>.`);
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** An element; one with only text (`<failure>text</failure>`) comes from the parser as a string. */
const asNode = (value: unknown): XmlNode =>
  typeof value === "object" && value !== null ? (value as XmlNode) : typeof value === "string" ? { $text: value } : {};
const children = (node: XmlNode, tag: string): XmlNode[] => (Array.isArray(node[tag]) ? (node[tag] as unknown[]).map(asNode) : []);
const attr = (node: XmlNode, name: string): string | undefined => node.$attrs?.[name];

/** "1,234.5" (some locales' Surefire), "12", "" → a number, or undefined. */
function num(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/,/g, "").trim());
  return value.trim() !== "" && Number.isFinite(n) ? n : undefined;
}

function messageOf(node: XmlNode): string {
  const raw = attr(node, "message") ?? (typeof node.$text === "string" ? node.$text : "") ?? "";
  const first =
    raw
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "";
  return first.length > MESSAGE_CHARS ? `${first.slice(0, MESSAGE_CHARS - 1)}…` : first;
}

function summarise(root: XmlNode, rootKind: "testsuites" | "testsuite"): JunitSummary {
  const s: JunitSummary = { suites: 0, tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, time: 0, flaky: 0, failed: [] };
  let suiteTimes = 0;
  const visitSuite = (suite: XmlNode, depth: number, parentName: string) => {
    if (depth > MAX_DEPTH) throw new JunitError(`suites are nested more than ${MAX_DEPTH} deep.`);
    s.suites++;
    const name = attr(suite, "name") ?? parentName;
    const cases = children(suite, "testcase");
    const nested = children(suite, "testsuite");
    for (const testcase of cases) countCase(s, testcase, name);
    if (cases.length === 0 && nested.length === 0) {
      // A suite given by its attributes only (a summary file, or a suite whose cases were cut).
      const tests = num(attr(suite, "tests")) ?? 0;
      const failures = num(attr(suite, "failures")) ?? 0;
      const errors = num(attr(suite, "errors")) ?? 0;
      const skipped = num(attr(suite, "skipped")) ?? num(attr(suite, "disabled")) ?? 0;
      s.tests += tests;
      s.failures += failures;
      s.errors += errors;
      s.skipped += skipped;
      s.passed += Math.max(0, tests - failures - errors - skipped);
    }
    for (const child of nested) visitSuite(child, depth + 1, name);
  };
  for (const suite of children(root, "testsuite")) {
    visitSuite(suite, 1, "");
    suiteTimes += num(attr(suite, "time")) ?? 0;
  }
  const rootTime = rootKind === "testsuites" ? num(attr(root, "time")) : undefined;
  s.time = round3(rootTime ?? suiteTimes);
  return s;
}

function countCase(s: JunitSummary, testcase: XmlNode, suite: string): void {
  const name = attr(testcase, "name") ?? "(unnamed)";
  const className = attr(testcase, "classname");
  // pytest and Surefire put the class in `classname`; Jest repeats the suite's name there.
  const where = className && className !== suite && !name.startsWith(className) ? `${className}` : suite;
  s.tests++;
  const failure = children(testcase, "failure")[0];
  const error = children(testcase, "error")[0];
  if (failure || error) {
    const kind = failure ? "failure" : "error";
    if (kind === "failure") s.failures++;
    else s.errors++;
    if (s.failed.length < MAX_LISTED_FAILURES) s.failed.push({ suite: where, test: name, kind, message: messageOf((failure ?? error)!) });
  } else if (children(testcase, "skipped").length > 0) {
    s.skipped++;
  } else {
    s.passed++;
    if (["flakyFailure", "flakyError", "rerunFailure", "rerunError"].some((t) => children(testcase, t).length > 0)) s.flaky++;
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export type JunitRecordOptions = {
  name: string;
  items: ItemRef[];
  profile?: string;
  commitSha?: string;
  detailsUrl?: string;
  externalId?: string;
  observedAt?: string;
  expiresAt?: string;
};

/**
 * One `tests` record for a report: failure when any test failed or errored; inconclusive when no
 * test ran (an empty or all-skipped report proves nothing); success otherwise. The measured value
 * is the number of failed tests against a threshold of 0, over the tests that ran.
 */
export function junitToEvidence(summary: JunitSummary, options: JunitRecordOptions): EvidenceRecordInput {
  const ran = summary.tests - summary.skipped;
  const bad = summary.failures + summary.errors;
  const conclusion = bad > 0 ? "failure" : ran === 0 ? "inconclusive" : "success";
  return {
    name: options.name,
    kind: "tests",
    status: "completed",
    conclusion,
    ...(options.profile && { profile: options.profile }),
    measured: { value: bad, unit: "failed tests", threshold: 0, comparison: "<=", sampleSize: ran },
    metrics: {
      tests: summary.tests,
      passed: summary.passed,
      failures: summary.failures,
      errors: summary.errors,
      skipped: summary.skipped,
      flaky: summary.flaky,
      seconds: summary.time,
    },
    summary: describeJunit(summary),
    items: options.items,
    ...(options.commitSha && { commitSha: options.commitSha }),
    ...(options.detailsUrl && { detailsUrl: options.detailsUrl }),
    ...(options.externalId && { externalId: options.externalId }),
    ...(options.observedAt && { observedAt: options.observedAt }),
    ...(options.expiresAt && { expiresAt: options.expiresAt }),
  };
}

/**
 * The endpoint's path for `POST /evidence` with a `junit` field: parse, then one record. A bad
 * report is an `invalid_input` AppError (400) on the `junit` field, naming the line.
 */
export function junitUploadToEvidence(upload: JunitUpload): EvidenceRecordInput {
  const { junit, ...rest } = upload;
  let summary: JunitSummary;
  try {
    summary = parseJunit(junit, "junit");
  } catch (error) {
    if (error instanceof JunitError)
      throw new AppError("invalid_input", error.message, { fields: { junit: [error.message] }, ...(error.line !== undefined && { line: error.line }) });
    throw error;
  }
  return junitToEvidence(summary, rest);
}

const plural = countOf;

export function describeJunit(s: JunitSummary): string {
  const parts = [
    `${s.passed.toLocaleString("en")} passed`,
    `${s.failures.toLocaleString("en")} failed`,
    plural(s.errors, "error"),
    `${s.skipped.toLocaleString("en")} skipped`,
  ];
  const lines = [`${plural(s.tests, "test")} in ${plural(s.suites, "suite")}: ${parts.join(", ")}; ${s.time} s.`];
  if (s.flaky) lines.push(`${plural(s.flaky, "test")} passed only on a re-run.`);
  if (s.failed.length) {
    lines.push("", "Failed:");
    for (const f of s.failed)
      lines.push(`- ${f.suite ? `${f.suite} › ` : ""}${f.test}${f.kind === "error" ? " (error)" : ""}${f.message ? `: ${f.message}` : ""}`);
    const more = s.failures + s.errors - s.failed.length;
    if (more > 0) lines.push(`… and ${more.toLocaleString("en")} more.`);
  }
  return lines.join("\n");
}
