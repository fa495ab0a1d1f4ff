/**
 * package.json: dependencies, optionalDependencies and devDependencies (dev: true).
 * peerDependencies are left out: the host application, not this package, decides their version.
 * The version is the range as written ("^18.2.0"); the lock file, not this file, knows the exact one.
 *
 * Also home of readJsonManifest, shared with composer.json, whose layout is the same:
 * sections that map a package name to a version constraint.
 */
import type { DependencyRecord, Ecosystem, ParseIssue, ParseResult, SourceFile } from "../../types";
import { jsonSyntaxIssue, parseJsonWithLines } from "../../text";

const SECTIONS = [
  { key: "dependencies", dev: false },
  { key: "optionalDependencies", dev: false },
  { key: "devDependencies", dev: true },
];

export function parsePackageJson(file: SourceFile): ParseResult<DependencyRecord> {
  return readJsonManifest(file, {
    ecosystem: "npm",
    sections: SECTIONS,
    // npm names are case-sensitive (old packages like "JSONStream" have capitals): keep them as written.
    normalizeName: (name) => name,
    skip: () => false,
  });
}

export type JsonManifestLayout = {
  ecosystem: Ecosystem;
  /** Read in this order; a package already seen in an earlier section is not repeated. */
  sections: { key: string; dev: boolean }[];
  normalizeName: (name: string) => string;
  /** Entries that are not packages (composer's "php", "ext-json"). */
  skip: (name: string) => boolean;
};

export function readJsonManifest(file: SourceFile, layout: JsonManifestLayout): ParseResult<DependencyRecord> {
  const records: DependencyRecord[] = [];
  const issues: ParseIssue[] = [];
  const error = (line: number | undefined, message: string) => issues.push({ file: file.path, ...(line ? { line } : {}), message, severity: "error" });

  const json = parseJsonWithLines(file.text);
  if (!json.ok) return { records, issues: [jsonSyntaxIssue(file.path, json)] };
  const root = json.value;
  if (!isObject(root)) {
    error(1, "expected a JSON object at the top level");
    return { records, issues };
  }

  const seen = new Set<string>();
  for (const { key, dev } of layout.sections) {
    const section = root[key];
    if (section === undefined) continue;
    if (!isObject(section)) {
      error(json.lineOf(root, key), `"${key}" must be an object mapping package names to versions`);
      continue;
    }
    for (const [rawName, version] of Object.entries(section)) {
      const line = json.lineOf(section, rawName) ?? 1;
      if (typeof version !== "string") {
        error(line, `the version of "${rawName}" in "${key}" must be a string`);
        continue;
      }
      const name = layout.normalizeName(rawName.trim());
      if (layout.skip(name) || seen.has(name)) continue;
      seen.add(name);
      const currentVersion = version.trim();
      records.push({
        name,
        ...(currentVersion ? { currentVersion } : {}),
        ecosystem: layout.ecosystem,
        ...(dev ? { dev: true } : {}),
        file: file.path,
        line,
      });
    }
  }
  return { records, issues };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
