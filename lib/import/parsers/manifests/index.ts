/**
 * Dependency manifests: one parser per format, picked by the user or guessed from the file name.
 */
import type { DependencyRecord, ParseResult, SourceFile } from "../../types";
import { parseComposerJson } from "./composer-json";
import { parseGemfileLock } from "./gemfile-lock";
import { parsePackageJson } from "./package-json";
import { parseRequirements } from "./requirements";

export type ManifestFormat = "requirements" | "package-json" | "composer-json" | "gemfile-lock";

const PARSERS: Record<ManifestFormat, (file: SourceFile) => ParseResult<DependencyRecord>> = {
  requirements: parseRequirements,
  "package-json": parsePackageJson,
  "composer-json": parseComposerJson,
  "gemfile-lock": parseGemfileLock,
};

export function parseManifest(format: ManifestFormat, file: SourceFile): ParseResult<DependencyRecord> {
  const result = PARSERS[format](file);
  // An empty result is legal but usually means the wrong file was picked: say so.
  if (result.records.length === 0 && !result.issues.some((i) => i.severity === "error")) {
    result.issues.push({ file: file.path, message: "no dependencies found", severity: "warning" });
  }
  return result;
}

/**
 * The format a file name suggests, or null. Looks at the name only (a path is fine):
 * a .txt whose name contains "requirements" (requirements-dev.txt, dev-requirements.txt) or that sits in a
 * "requirements/" folder, package.json, composer.json, Gemfile.lock.
 */
export function detectManifestFormat(fileName: string): ManifestFormat | null {
  const parts = fileName.replace(/\\/g, "/").split("/");
  const base = parts[parts.length - 1].toLowerCase();
  const folder = (parts[parts.length - 2] ?? "").toLowerCase();
  if (base === "package.json") return "package-json";
  if (base === "composer.json") return "composer-json";
  if (base === "gemfile.lock") return "gemfile-lock";
  if (base.endsWith(".txt") && (base.includes("requirements") || folder === "requirements")) return "requirements";
  return null;
}
