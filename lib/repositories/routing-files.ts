/**
 * Which files can change the routes of *other* files — what an incremental scan must parse with a
 * changed file, and what makes it parse a whole framework again when it changes itself. Read from
 * the text with a few patterns (the parsers are used through their public functions only), and
 * erring on the side of "routing": a file wrongly counted costs a little reading, one missed costs
 * a wrong route until the next full scan.
 */
import type { SourceFramework } from "@/lib/import/parsers/source";

const PY_REGISTRATION = /\b(?:register_blueprint|include_router|add_url_rule)\s*\(|\.mount\s*\(|\b(?:Flask|FastAPI)\s*\(/;
const PY_OWNER = /\b(?:Blueprint|APIRouter)\s*\(/;
const PY_ROUTE_DECORATOR = /^\s*@\s*[\w.]+\.(?:route|api_route|get|post|put|patch|delete|head|options)\s*\(/m;
const PY_IMPORT = /^\s*(?:from\s+\S+\s+import|import)\s/m;
const PY_PACKAGE = /(^|\/)__init__\.py$/;

/**
 * A file that creates an app, registers / includes / mounts route sets, sets ROOT_URLCONF, defines
 * a blueprint or router it does not decorate itself, or re-exports modules (a package's
 * `__init__.py`, an `index.js`). Rails and Laravel route files are few: all of them count.
 * (Files another file takes a route owner from count too: see `ownerSources`.)
 */
export function isRoutingFile(framework: SourceFramework, path: string, text: string): boolean {
  switch (framework) {
    case "flask":
    case "fastapi":
      return PY_REGISTRATION.test(text) || (PY_PACKAGE.test(path) && PY_IMPORT.test(text)) || (PY_OWNER.test(text) && !PY_ROUTE_DECORATOR.test(text));
    case "django":
      return /\bROOT_URLCONF\b/.test(text) || /\binclude\s*\(/.test(text) || (PY_PACKAGE.test(path) && PY_IMPORT.test(text));
    case "express":
      return (
        /\.use\s*\(/.test(text) ||
        /\bexpress\s*\(\s*\)/.test(text) ||
        /module\.exports\s*=\s*require\s*\(|export\s+\*\s+from|export\s*\{[^}]*\}\s*from/.test(text) ||
        /(^|\/)index\.[cm]?[jt]s$/.test(path)
      );
    case "rails":
    case "laravel":
      return true;
  }
}

/**
 * The files this one takes a route owner from: a blueprint or router it declares routes on
 * (`@bp.route`, `router.get(...)`) that it imports from another module of the project. Their
 * prefix and very existence decide this file's routes, so they are parsed with it, and a change
 * to them re-parses the framework. Candidate paths (folder-relative); `resolve` picks those that
 * exist.
 */
export function ownerSources(framework: SourceFramework, path: string, text: string, resolve: (candidates: string[]) => string | undefined): string[] {
  const found = new Set<string>();
  if (framework === "flask" || framework === "fastapi") {
    const owners = new Set<string>();
    for (const m of text.matchAll(/^\s*@\s*([A-Za-z_]\w*)(?:\.\w+)*\.(?:route|api_route|get|post|put|patch|delete|head|options)\s*\(/gm)) owners.add(m[1]);
    for (const m of text.matchAll(/\b([A-Za-z_]\w*)\.add_url_rule\s*\(/g)) owners.add(m[1]);
    if (owners.size === 0) return [];
    for (const { module, name, local } of pythonImports(path, text)) {
      if (!owners.has(local)) continue;
      const base = module.split(".").filter(Boolean).join("/");
      const candidates = name
        ? [`${base}/${name}.py`, `${base}/${name}/__init__.py`, `${base}.py`, `${base}/__init__.py`]
        : [`${base}.py`, `${base}/__init__.py`];
      const hit = resolve(candidates.filter((c) => !c.startsWith("/")));
      if (hit && hit !== path) found.add(hit);
    }
  } else if (framework === "express") {
    const routers = new Set<string>();
    for (const m of text.matchAll(/\b([A-Za-z_$][\w$]*)\s*\.\s*(?:get|post|put|patch|delete|all|route|options|head)\s*\(/g)) routers.add(m[1]);
    if (routers.size === 0) return [];
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    const imports = [
      ...[...text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) => [m[1], m[2]]),
      ...[...text.matchAll(/\bimport\s+([A-Za-z_$][\w$]*)\s+from\s+["'](\.[^"']+)["']/g)].map((m) => [m[1], m[2]]),
      ...[...text.matchAll(/\bimport\s*\{([^}]*)\}\s*from\s+["'](\.[^"']+)["']/g)].flatMap((m) =>
        m[1].split(",").map((n) => [
          n
            .trim()
            .split(/\s+as\s+/)
            .pop()!
            .trim(),
          m[2],
        ]),
      ),
      ...[...text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*["'](\.[^"']+)["']\s*\)/g)].flatMap((m) =>
        m[1].split(",").map((n) => [n.trim().split(":").pop()!.trim(), m[2]]),
      ),
    ];
    for (const [local, spec] of imports) {
      if (!routers.has(local)) continue;
      const target = joinPath(dir, spec);
      if (target === undefined) continue;
      const hit = resolve([target, ...["js", "ts", "mjs", "cjs"].flatMap((ext) => [`${target}.${ext}`, `${target}/index.${ext}`])]);
      if (hit && hit !== path) found.add(hit);
    }
  }
  return [...found].sort();
}

/** The import statements of a Python file, relative ones made absolute: `from .blueprint import bp as admin` → { module: "shop.admin.blueprint", name: "bp", local: "admin" }. */
function pythonImports(path: string, text: string): Array<{ module: string; name?: string; local: string }> {
  const out: Array<{ module: string; name?: string; local: string }> = [];
  const parts = path.replace(/\.py$/, "").split("/");
  const pkg = parts.slice(0, -1); // a module's package; an __init__.py's own package
  for (const m of text.matchAll(/^\s*from\s+(\.*)([\w.]*)\s+import\s+(\([^)]*\)|[^\n#]+)/gm)) {
    const dots = m[1].length;
    if (dots > pkg.length + 1) continue;
    const base = dots === 0 ? m[2] : [...pkg.slice(0, pkg.length - (dots - 1)), ...(m[2] ? [m[2]] : [])].join(".");
    for (const item of m[3].replace(/[()\\]/g, " ").split(",")) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      if (name && /^\w+$/.test(name)) out.push({ module: base, name, local: (alias ?? name).trim() });
    }
  }
  for (const m of text.matchAll(/^\s*import\s+([^\n#]+)/gm)) {
    for (const item of m[1].split(",")) {
      const [dotted, alias] = item.trim().split(/\s+as\s+/);
      if (dotted && /^[\w.]+$/.test(dotted)) out.push({ module: dotted, local: alias ? alias.trim() : dotted.split(".")[0] });
    }
  }
  return out;
}

/** `dir` + a relative specifier ("./a", "../b/c"), or undefined when it climbs out of the folder. */
function joinPath(dir: string, spec: string): string | undefined {
  const out = dir ? dir.split("/") : [];
  for (const part of spec.split("/")) {
    if (part === "." || part === "") continue;
    if (part === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join("/");
}

/** Resolves candidate module paths against the folder's files: exactly, else by suffix (a source root such as `src/`). */
export function pathResolver(paths: Iterable<string>): (candidates: string[]) => string | undefined {
  const all = [...paths];
  const exact = new Set(all);
  return (candidates) => {
    for (const c of candidates) if (exact.has(c)) return c;
    for (const c of candidates) {
      const hits = all.filter((p) => p.endsWith("/" + c));
      if (hits.length) return hits.sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
    }
    return undefined;
  };
}
