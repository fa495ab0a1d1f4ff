/**
 * Routes from source code: picks the files a framework's parser reads and runs it; guesses the
 * framework(s) of a file set for the "auto" choice. The parsers are pure: text in, records out.
 */
import type { ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { normalizeFilePath } from "./common";
import { parseDjangoRoutes } from "./django";
import { parseExpressRoutes } from "./express";
import { parseFlaskRoutes } from "./flask";
import { parseLaravelRoutes } from "./laravel";
import { neverServed } from "./never-served";
import { parseRailsRoutes } from "./rails";

export type SourceFramework = "flask" | "fastapi" | "django" | "express" | "rails" | "laravel";

export const SOURCE_FRAMEWORKS: readonly SourceFramework[] = ["flask", "fastapi", "django", "express", "rails", "laravel"];

const PARSERS: Record<SourceFramework, (files: SourceFile[]) => ParseResult<RouteRecord>> = {
  flask: parseFlaskRoutes,
  fastapi: parseFlaskRoutes, // one parser: both are Python decorators on app/blueprint/router objects
  django: parseDjangoRoutes,
  express: parseExpressRoutes,
  rails: parseRailsRoutes,
  laravel: parseLaravelRoutes,
};

export type SourceOptions = {
  /** Read tests, examples, docs and other code that is never served too (see never-served.ts). */
  includeSkipped?: boolean;
};

/** Whether a framework's parser reads this file (by path only). */
export function isRelevantFile(framework: SourceFramework, rawPath: string, options: SourceOptions = {}): boolean {
  const path = normalizeFilePath(rawPath);
  const skipped = neverServed(path);
  // dependencies are never the app's own code, even when the rest of what is skipped is read
  if (skipped && (!options.includeSkipped || skipped.reason === "dependencies")) return false;
  switch (framework) {
    case "flask":
    case "fastapi":
    case "django":
      return path.endsWith(".py");
    case "express":
      return /\.(?:js|ts|mjs|cjs)$/.test(path) && !path.endsWith(".d.ts") && !path.endsWith(".min.js");
    case "rails":
      return /(^|\/)config\/routes\.rb$/.test(path) || /(^|\/)config\/routes\/.+\.rb$/.test(path);
    case "laravel":
      return /(^|\/)routes\/.+\.php$/.test(path);
  }
}

export function parseRoutesFromSource(framework: SourceFramework, files: SourceFile[], options: SourceOptions = {}): ParseResult<RouteRecord> {
  return PARSERS[framework](files.filter((f) => isRelevantFile(framework, f.path, options)));
}

type Signal = { framework: SourceFramework; weight: number; test: (path: string, text: string) => boolean };

/**
 * Evidence per framework. Route definitions weigh most, imports next, dependency manifests least
 * (a manifest may list a framework the code no longer uses). Each signal counts once.
 */
const SIGNALS: Signal[] = [
  { framework: "flask", weight: 4, test: (p, t) => p.endsWith(".py") && /\b(?:from flask import|import flask\b)/.test(t) },
  { framework: "flask", weight: 4, test: (p, t) => p.endsWith(".py") && (t.includes("Blueprint(") || t.includes("Flask(__name__")) },
  { framework: "flask", weight: 1, test: (p, t) => isPythonManifest(p) && /^\s*"?flask\b/im.test(t) },
  { framework: "fastapi", weight: 4, test: (p, t) => p.endsWith(".py") && /\b(?:from fastapi import|import fastapi\b)/.test(t) },
  { framework: "fastapi", weight: 4, test: (p, t) => p.endsWith(".py") && (t.includes("FastAPI(") || t.includes("APIRouter(")) },
  { framework: "fastapi", weight: 1, test: (p, t) => isPythonManifest(p) && /^\s*"?fastapi\b/im.test(t) },
  { framework: "django", weight: 5, test: (p, t) => p.endsWith(".py") && t.includes("urlpatterns") },
  { framework: "django", weight: 3, test: (p) => /(^|\/)manage\.py$/.test(p) },
  { framework: "django", weight: 2, test: (p, t) => p.endsWith(".py") && /\bfrom django\b/.test(t) },
  { framework: "django", weight: 1, test: (p, t) => isPythonManifest(p) && /^\s*"?django\b/im.test(t) },
  { framework: "express", weight: 4, test: (p, t) => /\.[cm]?[jt]s$/.test(p) && /(?:require\(\s*|from\s+)["']express["']/.test(t) },
  { framework: "express", weight: 4, test: (p, t) => /\.[cm]?[jt]s$/.test(p) && /\.Router\(|\bexpress\(\)/.test(t) },
  { framework: "express", weight: 1, test: (p, t) => /(^|\/)package\.json$/.test(p) && /"express"\s*:/.test(t) },
  { framework: "rails", weight: 8, test: (p, t) => /(^|\/)config\/routes\.rb$/.test(p) && t.includes("routes.draw") },
  { framework: "rails", weight: 1, test: (p, t) => /(^|\/)Gemfile$/.test(p) && /^\s*gem\s+["']rails["']/m.test(t) },
  { framework: "laravel", weight: 8, test: (p, t) => /(^|\/)routes\/[^/]+\.php$/.test(p) && t.includes("Route::") },
  { framework: "laravel", weight: 2, test: (p) => /(^|\/)artisan$/.test(p) },
  { framework: "laravel", weight: 1, test: (p, t) => /(^|\/)composer\.json$/.test(p) && t.includes('"laravel/framework"') },
];

function isPythonManifest(path: string): boolean {
  return /(^|\/)(requirements[^/]*\.txt|pyproject\.toml|Pipfile|setup\.cfg)$/.test(path);
}

/**
 * The frameworks a file set appears to use, most likely first (ties in the order of
 * SOURCE_FRAMEWORKS); empty when nothing points at any of them.
 */
export function detectFrameworks(files: SourceFile[], options: SourceOptions = {}): SourceFramework[] {
  return frameworkScores(files, options).map((s) => s.framework);
}

/** A score this high comes from route definitions or framework imports, not from a manifest alone. */
export const STRONG_EVIDENCE = 4;

/** Each framework with evidence, and how much, most likely first. */
export function frameworkScores(files: SourceFile[], options: SourceOptions = {}): Array<{ framework: SourceFramework; score: number }> {
  const found = new Set<Signal>();
  for (const f of files) {
    const path = normalizeFilePath(f.path);
    const skipped = neverServed(path);
    if (skipped && (!options.includeSkipped || skipped.reason === "dependencies")) continue;
    for (const s of SIGNALS) if (!found.has(s) && s.test(path, f.text)) found.add(s);
  }
  const score = new Map<SourceFramework, number>();
  for (const s of found) score.set(s.framework, (score.get(s.framework) ?? 0) + s.weight);
  return SOURCE_FRAMEWORKS.filter((fw) => (score.get(fw) ?? 0) > 0)
    .sort((a, b) => score.get(b)! - score.get(a)! || SOURCE_FRAMEWORKS.indexOf(a) - SOURCE_FRAMEWORKS.indexOf(b))
    .map((framework) => ({ framework, score: score.get(framework)! }));
}
