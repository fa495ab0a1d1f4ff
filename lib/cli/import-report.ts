/**
 * What `waypoint import` prints: the summary, the frameworks per folder and what was skipped,
 * every item (`--list`), the issues — errors first and whole, warnings grouped by kind with counts —
 * or one JSON document (`--json`). Pure functions of the preview; the command prints their lines.
 */
import type { ImportSummary, PreviewItem } from "@/lib/import/pipeline/preview-and-commit";
import { describeIssue } from "@/lib/import/pipeline/plan";
import type { ParseIssue } from "@/lib/import/types";

/** How many places a warning kind shows before "… and N more" (all of them with --list). */
const PLACES_SHOWN = 3;

export function summaryLines(s: ImportSummary): string[] {
  const out = [
    `  new ${s.new} · changed ${s.changed} · unchanged ${s.unchanged}${s.restored ? ` · restored ${s.restored}` : ""}${s.relations ? ` · relations ${s.relations}` : ""}${s.errors ? ` · errors ${s.errors}` : ""}${s.warnings ? ` · warnings ${s.warnings}` : ""}`,
  ];
  for (const f of s.frameworks ?? []) out.push(`  ${f.framework} in ${f.folder === "." ? "the top folder" : `${f.folder}/`}: ${f.routes} route(s)`);
  if (s.skipped?.length) {
    const total = s.skipped.reduce((n, x) => n + x.files, 0);
    const where = s.skipped
      .map((x) => (x.folder ? `${x.folder}/ ${x.files} (${x.reason})` : `${x.files} ${x.reason}`))
      .slice(0, 8)
      .join(", ");
    out.push(`  skipped ${total} source file(s) never served: ${where}${s.skipped.length > 8 ? ", …" : ""} — --include-skipped reads them`);
  }
  if (s.teamsToCreate.length) out.push(`  teams to create: ${s.teamsToCreate.join(", ")}`);
  if (s.traffic) {
    out.push(`  ${s.traffic.requests.toLocaleString("en")} requests over ${s.traffic.days} day(s); ${s.traffic.matched.toLocaleString("en")} matched a route`);
    for (const u of s.traffic.unmatched.slice(0, 10)) out.push(`    unmatched: ${u.count.toLocaleString("en")} × ${u.method} ${u.path}`);
  }
  return out;
}

/** `new        GET /users/<id>  app/users.py:12` — one line per planned item. */
export function itemLines(items: PreviewItem[]): string[] {
  return items.map(
    (i) =>
      `  ${i.change.padEnd(9)}  ${i.kind === "ROUTE" ? `${i.method} ${i.path}` : `${i.kind.toLowerCase()} ${i.key}`}  ${i.file}${i.line ? `:${i.line}` : ""}`,
  );
}

/**
 * The kind of a warning: its message with the particular parts (quoted text, paths, names in
 * braces, numbers) taken out, so that 40 "Duplicate route …" warnings read as one kind.
 */
export function issueKind(message: string): string {
  return message
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "…")
    .replace(/\{[^}\s]*\}/g, "{…}")
    .replace(/\b[A-Z]+ \/\S*/g, "…")
    .replace(/\S*[/\\]\S*|\S+\.\w+:\d+|\b\S+\(\)/g, "…")
    .replace(/\d+/g, "N")
    .replace(/(?:…[\s,.]*){2,}/g, "… ");
}

/** Errors in full, first; then warnings grouped by kind, most frequent first, with a few places each. */
export function issueLines(issues: ParseIssue[], options: { all?: boolean } = {}): string[] {
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity !== "error");
  const out: string[] = [];
  if (errors.length) {
    out.push(`Errors (${errors.length}):`);
    for (const e of errors) out.push(`  error    ${describeIssue(e)}`);
  }
  if (warnings.length) {
    const kinds = new Map<string, ParseIssue[]>();
    for (const w of warnings) kinds.set(issueKind(w.message), [...(kinds.get(issueKind(w.message)) ?? []), w]);
    out.push(`Warnings (${warnings.length}, ${kinds.size} kind(s)):`);
    const sorted = [...kinds.values()].sort((a, b) => b.length - a.length);
    for (const group of sorted) {
      if (group.length === 1) {
        out.push(`  warning  ${describeIssue(group[0])}`);
        continue;
      }
      out.push(`  ${String(group.length).padStart(3)} ×    ${group[0].message}`);
      const shown = options.all ? group : group.slice(0, PLACES_SHOWN);
      for (const w of shown) out.push(`           ${describeIssue(w)}`);
      if (shown.length < group.length) out.push(`           … and ${group.length - shown.length} more like it (--list shows all)`);
    }
  }
  return out;
}

/** The `--json` document: the summary, every item and every issue, with files relative to the imported folder. */
export function jsonReport(summary: ImportSummary | undefined, items: PreviewItem[], issues: ParseIssue[], refused: boolean) {
  return {
    summary: { ...(summary ?? {}), refused },
    items: items.map((i) => ({
      kind: i.kind.toLowerCase(),
      change: i.change,
      ...(i.kind === "ROUTE" ? { method: i.method, path: i.path } : { key: i.key }),
      ...(i.handler ? { handler: i.handler } : {}),
      file: i.file,
      line: i.line,
    })),
    issues: [...issues.filter((i) => i.severity === "error"), ...issues.filter((i) => i.severity !== "error")].map((i) => ({
      severity: i.severity,
      file: i.file,
      ...(i.line ? { line: i.line } : {}),
      ...(i.field ? { field: i.field } : {}),
      message: i.message,
    })),
  };
}
