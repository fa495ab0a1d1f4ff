/**
 * requirements.txt and `pip freeze` output (also pip-compile output with hashes).
 *
 * Follows pip's own reading order: join lines ending in "\", then drop comments ("#" at the start
 * or after whitespace, so a URL's "#egg=" survives), then read options or a PEP 508 requirement.
 * Environment markers are not evaluated: the legacy system's interpreter is unknown here.
 */
import type { DependencyRecord, ParseIssue, ParseResult, SourceFile } from "../../types";

/** PEP 503: runs of "-", "_" and "." are one "-", and names compare case-insensitively. */
export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;
const SPECIFIER = /^(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9.*+!_-]+)$/;
/** Options that only steer where pip downloads from: nothing to record. */
const QUIET_OPTIONS = new Set([
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "--trusted-host",
  "--no-index",
  "--pre",
  "--prefer-binary",
  "--require-hashes",
  "--only-binary",
  "--no-binary",
  "--use-feature",
]);
/** A URL or local path standing where a requirement should be. */
const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|[a-z]+\+[a-z]+:|file:|\.{0,2}\/)/i;

type LogicalLine = { text: string; line: number };

export function parseRequirements(file: SourceFile): ParseResult<DependencyRecord> {
  const records: DependencyRecord[] = [];
  const issues: ParseIssue[] = [];
  const firstLine = new Map<string, number>();
  const issue = (line: number, message: string, severity: ParseIssue["severity"] = "error") => issues.push({ file: file.path, line, message, severity });
  const add = (name: string, currentVersion: string | undefined, line: number) => {
    const normalized = normalizePythonName(name);
    const seen = firstLine.get(normalized);
    if (seen !== undefined) {
      issue(line, `"${normalized}" is listed twice (lines ${seen} and ${line}); the first is kept`, "warning");
      return;
    }
    firstLine.set(normalized, line);
    records.push({ name: normalized, ...(currentVersion ? { currentVersion } : {}), ecosystem: "pypi", file: file.path, line });
  };

  let first = true;
  for (const { text, line } of logicalLines(file.text)) {
    const content = text.replace(/(^|\s)#.*$/, "").trim();
    if (!content) continue;
    if (first && /^[<{[]/.test(content)) {
      // HTML from a login page, or JSON: one clear error instead of one per line.
      issue(line, `this is not a requirements file (line ${line} starts with "${content[0]}")`);
      return { records: [], issues };
    }
    first = false;

    if (content.startsWith("-")) {
      readOption(content, line, add, issue);
      continue;
    }
    const requirement = readRequirement(content);
    if ("error" in requirement) issue(line, requirement.error);
    else if ("warning" in requirement) issue(line, requirement.warning, "warning");
    else add(requirement.name, requirement.version, line);
  }
  return { records, issues };
}

/** Physical lines joined where they end in "\"; each keeps the number of its first line. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: LogicalLine | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    // pip does not treat a comment line ending in "\" as continued.
    const continued = raw.endsWith("\\") && !/^\s*#/.test(raw);
    const piece = continued ? raw.slice(0, -1) : raw;
    if (pending) pending.text += " " + piece;
    else pending = { text: piece, line: index + 1 };
    if (!continued) {
      out.push(pending);
      pending = null;
    }
  });
  if (pending) out.push(pending);
  return out;
}

type Issue = (line: number, message: string, severity?: ParseIssue["severity"]) => void;

function readOption(content: string, line: number, add: (name: string, version: string | undefined, line: number) => void, issue: Issue) {
  const match = /^(--?[A-Za-z-]+)(?:\s*=\s*|\s+)?(.*)$/.exec(content)!;
  let [, option, value] = match;
  // "-rbase.txt" and "-e." are legal: the value may be glued to a one-letter option.
  if (/^-[a-z]./i.test(option)) {
    value = option.slice(2) + value;
    option = option.slice(0, 2);
  }
  value = value.trim();
  if (option === "-r" || option === "--requirement" || option === "-c" || option === "--constraint") {
    issue(line, `"${option} ${value}" is not followed: import ${value} on its own`, "warning");
  } else if (option === "-e" || option === "--editable") {
    const name = eggName(value);
    if (name) add(name, undefined, line);
    else issue(line, `cannot tell the package name of the editable install "${value}" (no #egg=name); skipped`, "warning");
  } else if (!QUIET_OPTIONS.has(option)) {
    issue(line, `unknown option "${option}" ignored`, "warning");
  }
}

type Requirement = { name: string; version?: string } | { error: string } | { warning: string };

function readRequirement(content: string): Requirement {
  // Per-requirement options (--hash=…, --config-settings …) and environment markers are not needed.
  const withoutOptions = content.replace(/\s--[a-z].*$/i, "").trim();
  if (URL_OR_PATH.test(withoutOptions)) return fromUrl(withoutOptions);
  const spec = withoutOptions.replace(/\s*;.*$/, "");
  const match = NAME.exec(spec);
  if (!match) return { error: `cannot read "${content}" as a requirement (expected name==version)` };
  const [, name, , rest] = match;
  if (rest.startsWith("@")) return { name }; // PEP 508 direct reference: "name @ https://…"

  const inner = rest.replace(/^\((.*)\)$/, "$1").trim();
  if (!inner) return { name };
  const clauses = inner.split(",").map((c) => c.trim());
  const parsed = clauses.map((c) => SPECIFIER.exec(c));
  if (parsed.some((p) => !p)) return { error: `cannot read "${content}" as a requirement (expected name==version)` };
  const [only] = parsed as RegExpExecArray[];
  if (parsed.length === 1 && (only[1] === "==" || only[1] === "===") && !only[2].includes("*")) {
    return { name, version: only[2] };
  }
  return { name, version: (parsed as RegExpExecArray[]).map((p) => p[1] + p[2]).join(",") };
}

/** A URL or path line: the name comes from "#egg=name", or from a wheel or sdist file name. */
function fromUrl(url: string): Requirement {
  const egg = eggName(url);
  if (egg) return { name: egg };
  const file = /([A-Za-z0-9][A-Za-z0-9._]*?)-([0-9][A-Za-z0-9.!+]*)(?:-[^/]*)?\.(?:whl|tar\.gz|zip)$/.exec(url.replace(/[?#].*$/, ""));
  if (file) return { name: file[1], version: file[2] };
  return { warning: `cannot tell the package name of "${url}" (no #egg=name); skipped` };
}

function eggName(url: string): string | null {
  const match = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
  return match ? match[1] : null;
}
