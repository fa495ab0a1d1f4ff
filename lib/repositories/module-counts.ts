/**
 * Which module item a file of the code belongs to, and each module's remaining pattern
 * occurrences (issue 22). A module item's key is its path as the inventory and the import keep it
 * (lib/inventory/keys.ts): a folder ("shop/orders"), a file ("users/views.py", from a route's
 * handler module) or a dotted Python module ("shop.views", from the source import: the file
 * `shop/views.py` or the package `shop/views/`). Paths are the repository's, from its root.
 *
 * A file belongs to the most specific module that contains it (a file module before a folder; the
 * longest folder first), as `countsByFolder` assigns files to module folders.
 */
import { PATTERN_LANGUAGES, type PatternCountsByFile } from "./patterns";

const CODE_EXTENSIONS = new Set(Object.values(PATTERN_LANGUAGES).flat());
const DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/;

export type ModuleScope = { kind: "file"; path: string } | { kind: "folder"; path: string } | { kind: "python"; path: string };

/** What part of the repository a module's key names; null when it names nothing (an empty key). */
export function moduleScope(key: string): ModuleScope | null {
  const clean = key
    .trim()
    .replace(/^(?:\.\/)+/, "")
    .replace(/^\/+|\/+$/g, "");
  if (clean === "" || clean === ".") return null;
  const dot = clean.lastIndexOf(".");
  const extension = dot > clean.lastIndexOf("/") ? clean.slice(dot + 1).toLowerCase() : "";
  if (!clean.includes("/") && DOTTED.test(clean) && !CODE_EXTENSIONS.has(extension)) return { kind: "python", path: clean.replace(/\./g, "/") };
  if (extension && CODE_EXTENSIONS.has(extension)) return { kind: "file", path: clean };
  return { kind: "folder", path: clean };
}

/** How closely a module contains a file: higher is more specific, null when it does not. */
function specificity(scope: ModuleScope, file: string): number | null {
  switch (scope.kind) {
    case "file":
      return file === scope.path ? Number.MAX_SAFE_INTEGER : null;
    case "python": {
      const dot = file.lastIndexOf(".");
      if (dot > file.lastIndexOf("/") && file.slice(0, dot) === scope.path) return Number.MAX_SAFE_INTEGER - 1;
      return file.startsWith(scope.path + "/") ? scope.path.length : null;
    }
    case "folder":
      return file.startsWith(scope.path + "/") ? scope.path.length : null;
  }
}

/**
 * Occurrences per module item and pattern (modules without any left out). Files outside every
 * module count for none.
 */
export function countsByModule(counts: PatternCountsByFile, modules: Array<{ id: string; key: string }>): Record<string, Record<string, number>> {
  const scopes = modules.flatMap((m) => {
    const scope = moduleScope(m.key);
    return scope ? [{ id: m.id, scope }] : [];
  });
  const out: Record<string, Record<string, number>> = {};
  if (scopes.length === 0) return out;
  for (const [file, byPattern] of Object.entries(counts)) {
    let best: { id: string; rank: number } | undefined;
    for (const { id, scope } of scopes) {
      const rank = specificity(scope, file);
      if (rank !== null && (!best || rank > best.rank)) best = { id, rank };
    }
    if (!best) continue;
    const row = (out[best.id] ??= {});
    for (const [pattern, lines] of Object.entries(byPattern)) if (lines.length) row[pattern] = (row[pattern] ?? 0) + lines.length;
  }
  return out;
}
