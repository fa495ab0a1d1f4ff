/**
 * The corpus of real applications' routing (test/fixtures/import/corpus/<app>/): each app's files,
 * the routes read from them by hand (`expected.txt`), and how the source import scores against
 * them — precision and recall per app and per framework.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { SourceFramework } from "@/lib/import/parsers/source";
import { routesFromSource } from "@/lib/import/parsers/source/routes-from-source";
import type { ParseIssue, SourceFile } from "@/lib/import/types";

export const CORPUS = path.resolve(import.meta.dirname, "../fixtures/import/corpus");

export type CorpusApp = { name: string; framework: SourceFramework; files: SourceFile[]; expected: string[] };
export type AppScore = {
  app: string;
  framework: SourceFramework;
  detected: string[];
  tp: number;
  fp: number;
  fn: number;
  missing: string[];
  extra: string[];
  issues: ParseIssue[];
};
export type Totals = { framework: string; apps: number; expected: number; tp: number; fp: number; fn: number; precision: number; recall: number };

export function loadCorpus(): CorpusApp[] {
  return readdirSync(CORPUS)
    .filter((name) => statSync(path.join(CORPUS, name)).isDirectory())
    .sort()
    .map((name) => {
      const root = path.join(CORPUS, name);
      const lines = readFileSync(path.join(root, "expected.txt"), "utf8")
        .split("\n")
        .map((l) => l.trim());
      const framework = lines
        .find((l) => l.startsWith("framework:"))!
        .slice("framework:".length)
        .trim() as SourceFramework;
      const expected = lines.filter((l) => l && !l.startsWith("#") && !l.startsWith("framework:"));
      const walk = (dir: string): string[] =>
        readdirSync(dir)
          .sort()
          .flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
      const files = walk(root)
        .map((p) => path.relative(root, p).split(path.sep).join("/"))
        .filter((p) => p !== "expected.txt" && p !== "NOTICE.md")
        .map((p) => ({ path: p, text: readFileSync(path.join(root, p), "utf8") }));
      return { name, framework, files, expected };
    });
}

/** The app read as `waypoint import --format source` reads a folder: frameworks detected, never-served code skipped. */
export function scoreApp(app: CorpusApp): AppScore {
  const result = routesFromSource(app.files);
  const found = new Set(result.records.map((r) => `${r.method} ${r.path}`));
  const expected = new Set(app.expected);
  const missing = [...expected].filter((k) => !found.has(k));
  const extra = [...found].filter((k) => !expected.has(k));
  return {
    app: app.name,
    framework: app.framework,
    detected: [...new Set(result.frameworks.map((f) => f.framework))],
    tp: expected.size - missing.length,
    fp: extra.length,
    fn: missing.length,
    missing,
    extra,
    issues: result.issues,
  };
}

export function totals(scores: AppScore[]): Totals[] {
  const groups = new Map<string, AppScore[]>();
  for (const s of scores) groups.set(s.framework, [...(groups.get(s.framework) ?? []), s]);
  const row = (framework: string, list: AppScore[]): Totals => {
    const tp = list.reduce((n, s) => n + s.tp, 0);
    const fp = list.reduce((n, s) => n + s.fp, 0);
    const fn = list.reduce((n, s) => n + s.fn, 0);
    return { framework, apps: list.length, expected: tp + fn, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
  };
  return [...[...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([fw, list]) => row(fw, list)), row("all", scores)];
}
