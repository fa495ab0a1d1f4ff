/**
 * Gemfile.lock, as Bundler writes it:
 *
 *   GEM                              ← source sections: GEM, GIT, PATH
 *     remote: https://rubygems.org/
 *     specs:
 *       rails (7.1.2)                ← 4 spaces: a locked gem and its exact version
 *         actioncable (= 7.1.2)      ← 6 spaces: what that gem needs (not read)
 *   DEPENDENCIES                     ← what the Gemfile asks for directly
 *     rails (~> 7.1)
 *     my_engine!                     ← "!": from a GIT or PATH source
 *
 * With a DEPENDENCIES section only the direct dependencies are returned, each with its locked
 * version; the transitive ones would bury the list in gems nobody chose. The lock file does not
 * record Gemfile groups, so `dev` is never set.
 */
import type { DependencyRecord, ParseIssue, ParseResult, SourceFile } from "../../types";

const SOURCE_SECTIONS = new Set(["GEM", "GIT", "PATH"]);
/** Bundler's own split: the version is everything up to the first "-", the rest is the platform. */
const SPEC = /^ {4}([^\s(]+) \(([^-)]*)(?:-[^)]*)?\)$/;
const DEPENDENCY = /^ {2}([^\s(!]+)!?(?: \(([^)]*)\))?!?$/;

type Spec = { name: string; version: string; line: number };

export function parseGemfileLock(file: SourceFile): ParseResult<DependencyRecord> {
  const issues: ParseIssue[] = [];
  const fail = (line: number | undefined, message: string): ParseResult<DependencyRecord> => ({
    records: [],
    issues: [{ file: file.path, ...(line ? { line } : {}), message, severity: "error" }],
  });

  const specs = new Map<string, Spec>();
  const direct: { name: string; line: number }[] = [];
  let section: string | null = null;
  let sawSource = false;
  let sawDependencies = false;

  const lines = file.text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const line = i + 1;
    if (!text.trim()) continue;
    if (/^(<{7}|={7}|>{7})/.test(text)) return fail(line, "has an unresolved merge conflict; resolve it and run bundle install");
    if (!text.startsWith(" ")) {
      // Only section headers start at the left margin, and they are upper case.
      if (!/^[A-Z][A-Z ]*$/.test(text)) return fail(line, `this is not a Gemfile.lock (unexpected "${text.slice(0, 40)}")`);
      section = text;
      sawSource ||= SOURCE_SECTIONS.has(section);
      sawDependencies ||= section === "DEPENDENCIES";
      continue;
    }
    if (section === null) return fail(line, "this is not a Gemfile.lock (it does not start with a section such as GEM)");

    if (SOURCE_SECTIONS.has(section)) {
      const spec = SPEC.exec(text);
      // The same gem appears once per platform (nokogiri for x86_64-linux and arm64-darwin): keep the first.
      if (spec && !specs.has(spec[1])) specs.set(spec[1], { name: spec[1], version: spec[2], line });
    } else if (section === "DEPENDENCIES") {
      const dependency = DEPENDENCY.exec(text);
      if (dependency) direct.push({ name: dependency[1], line });
      else issues.push({ file: file.path, line, message: `cannot read the dependency "${text.trim()}"`, severity: "warning" });
    }
  }
  if (!sawSource) return fail(undefined, "this is not a Gemfile.lock (it has no GEM section)");

  let chosen: Spec[];
  if (sawDependencies) {
    chosen = [];
    for (const { name, line } of direct) {
      const spec = specs.get(name);
      if (spec) chosen.push(spec);
      else {
        // Typically a gem for another platform (tzinfo-data on Windows): never installed here.
        issues.push({ file: file.path, line, message: `"${name}" is not locked in this file (a gem for another platform?); skipped`, severity: "warning" });
      }
    }
    chosen.sort((a, b) => a.line - b.line);
  } else {
    chosen = [...specs.values()];
  }
  const records = chosen.map(({ name, version, line }): DependencyRecord => ({ name, currentVersion: version, ecosystem: "rubygems", file: file.path, line }));
  return { records, issues };
}
