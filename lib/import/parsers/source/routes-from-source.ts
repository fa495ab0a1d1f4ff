/**
 * Routes of a whole repository: every framework with real evidence in it is parsed (a Django
 * backend next to an Express server both count), and the result says which framework found routes
 * in which folder — or, for each framework tried, why it found none.
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { finishRoutes, normalizeFilePath } from "./common";
import { frameworkScores, isRelevantFile, parseRoutesFromSource, SOURCE_FRAMEWORKS, STRONG_EVIDENCE, type SourceFramework, type SourceOptions } from "./index";

export type FrameworkFinding = { framework: SourceFramework; folder: string; routes: number };
export type FrameworkTried = { framework: SourceFramework; reason: string };

export type SourceRoutes = ParseResult<RouteRecord> & {
  /** Per framework and folder, how many routes it gave. */
  frameworks: FrameworkFinding[];
  /** The frameworks that found nothing, and why. */
  tried: FrameworkTried[];
};

const PYTHON_DECORATORS: SourceFramework[] = ["flask", "fastapi"];

/**
 * Routes from source files. `framework` fixes the framework; without it, every framework with strong
 * evidence is parsed (the most likely one always), and all six are tried when none has any.
 */
export function routesFromSource(files: SourceFile[], options: SourceOptions & { framework?: SourceFramework } = {}): SourceRoutes {
  const scores = frameworkScores(files, options);
  let chosen: SourceFramework[];
  if (options.framework) chosen = [options.framework];
  else if (scores.length === 0) chosen = [...SOURCE_FRAMEWORKS];
  else chosen = scores.filter((s, i) => i === 0 || s.score >= STRONG_EVIDENCE).map((s) => s.framework);
  // Flask and FastAPI share one parser: run it once, and tell them apart per file afterwards.
  const runs = chosen.filter((f, i) => !(PYTHON_DECORATORS.includes(f) && chosen.findIndex((c) => PYTHON_DECORATORS.includes(c)) !== i));

  const records: RouteRecord[] = [];
  const issues: ParseIssue[] = [];
  const frameworks: FrameworkFinding[] = [];
  const tried: FrameworkTried[] = [];
  const byPath = new Map(files.map((f) => [normalizeFilePath(f.path), f.text]));
  for (const framework of runs) {
    const result = parseRoutesFromSource(framework, files, options);
    records.push(...result.records);
    issues.push(...result.issues);
    if (result.records.length === 0) {
      tried.push({ framework, reason: whyNothing(framework, files, options, result.issues.length) });
      continue;
    }
    const label = (r: RouteRecord) =>
      PYTHON_DECORATORS.includes(framework) ? (/\bfastapi\b|APIRouter\(/.test(byPath.get(r.file) ?? "") ? "fastapi" : "flask") : framework;
    const groups = new Map<string, { framework: SourceFramework; files: string[] }>();
    for (const r of result.records) {
      const fw = label(r) as SourceFramework;
      const top = r.file.includes("/") ? r.file.split("/")[0] : ".";
      const key = `${fw}\u0000${top}`;
      const g = groups.get(key) ?? { framework: fw, files: [] };
      g.files.push(r.file);
      groups.set(key, g);
    }
    // an app at the top folder holds the routes in its subfolders too: one entry per framework then
    const merged = new Map<string, { framework: SourceFramework; files: string[] }>();
    for (const g of groups.values()) {
      const key = [...groups.values()].some((o) => o.framework === g.framework && o.files.some((f) => !f.includes("/")))
        ? g.framework
        : `${g.framework}\u0000${g.files[0].split("/")[0]}`;
      const m = merged.get(key) ?? { framework: g.framework, files: [] };
      m.files.push(...g.files);
      merged.set(key, m);
    }
    for (const g of merged.values()) frameworks.push({ framework: g.framework, folder: commonFolder(g.files), routes: g.files.length });
  }
  const finished = runs.length > 1 ? finishRoutes(records, issues) : { records, issues };
  frameworks.sort((a, b) => b.routes - a.routes || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  return { ...finished, frameworks, tried };
}

/** The deepest folder holding every file ("." for the root). */
function commonFolder(files: string[]): string {
  const dirs = files.map((f) => f.split("/").slice(0, -1));
  const first = dirs[0] ?? [];
  let n = 0;
  while (n < first.length && dirs.every((d) => d[n] === first[n])) n++;
  return first.slice(0, n).join("/") || ".";
}

/** Why a framework's parser found no route, in terms of what the files hold. */
export function whyNothing(framework: SourceFramework, files: SourceFile[], options: SourceOptions, warnings: number): string {
  const relevant = files.filter((f) => isRelevantFile(framework, f.path, options));
  const also = warnings ? `; ${warnings} warning(s) say what could not be read` : "";
  const count = (test: (f: SourceFile) => boolean) => relevant.filter(test).length;
  switch (framework) {
    case "flask":
    case "fastapi": {
      if (relevant.length === 0) return "no Python files";
      const owners = count((f) => /\b(?:Flask|Blueprint|FastAPI|APIRouter)\(/.test(f.text));
      return owners === 0
        ? `no Flask(), Blueprint(), FastAPI() or APIRouter() in ${relevant.length} Python file(s)`
        : `${owners} file(s) create apps, blueprints or routers, but no route is declared on them${also}`;
    }
    case "django": {
      if (relevant.length === 0) return "no Python files";
      const confs = count((f) => f.text.includes("urlpatterns"));
      return confs === 0
        ? `no urlpatterns in ${relevant.length} Python file(s)`
        : `urlpatterns in ${confs} file(s), but no route could be read from them${also}`;
    }
    case "express": {
      if (relevant.length === 0) return "no JavaScript or TypeScript files";
      const users = count((f) => /["']express["']/.test(f.text));
      return users === 0
        ? `no file of ${relevant.length} JavaScript/TypeScript file(s) uses express`
        : `${users} file(s) use express, but no route is declared on an app or router${also}`;
    }
    case "rails":
      return relevant.length === 0 ? "no config/routes.rb" : `config/routes.rb declares no route${also}`;
    case "laravel":
      return relevant.length === 0 ? "no routes/*.php" : `routes/*.php (${relevant.length} file(s)) declare no Route:: route${also}`;
  }
}
