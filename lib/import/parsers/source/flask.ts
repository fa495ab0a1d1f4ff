/**
 * Flask and FastAPI routes (Flask-RESTful, Flask-RESTX and MethodView included), read from Python
 * source — never imported or run.
 *
 * Pass 1 (flask-facts.ts) reads each module on its own. Pass 2, here, resolves every owner to a
 * key "module:variable" through the imports (a blueprint is often defined in one module and
 * registered in another), walks the registration tree from the apps down, and builds each route's
 * full path; prefixes and paths that are not literals go through the static value resolver
 * (python-values.ts), and what it cannot know stays visible as a `{NAME}` segment.
 *
 * Prefix semantics follow the frameworks:
 *   Flask        register_blueprint(bp, url_prefix=P) REPLACES the blueprint's own url_prefix;
 *   FastAPI      include_router(r, prefix=P) COMBINES: P + router prefix + path;
 *   RESTful/X    Api(bp, prefix=P) adds P under the blueprint; add_namespace(ns, P) REPLACES the
 *                namespace's own path ("/" + its name when none is given).
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { canonicalPath, finishRoutes, joinUrl, normalizeFilePath, warning } from "./common";
import {
  OWNER_CONSTRUCTORS,
  readFacts,
  type Bound,
  type FileFacts,
  type Owner,
  type OwnerKind,
  type ReadContext,
  type Registration,
  type RouteDecl,
} from "./flask-facts";
import { findWrappers, type Wrapper } from "./flask-wrappers";
import { moduleNameOf, type ImportBinding, type PyExpr } from "./python-support";
import { PythonProject } from "./python-project";
import { describe, PythonValues, showPlaceholders, type StaticText } from "./python-values";
import { viewMethods } from "./python-views";

export function parseFlaskRoutes(files: SourceFile[]): ParseResult<RouteRecord> {
  const issues: ParseIssue[] = [];
  const pyFiles = files.filter((f) => f.path.endsWith(".py")).map((f) => ({ ...f, path: normalizeFilePath(f.path) }));
  const project = new PythonProject(pyFiles);
  const candidates = pyFiles.filter((f) => mayDefineRoutes(f.text));

  const wrappers = new Map<string, Wrapper[]>();
  for (const f of candidates) {
    if (!/\.add_(?:url_rule|resource)\s*\(/.test(f.text)) continue;
    for (const w of findWrappers(project.index(moduleNameOf(f.path))!)) wrappers.set(w.name, [...(wrappers.get(w.name) ?? []), w]);
  }
  const callers = wrappers.size ? pyFiles.filter((f) => !candidates.includes(f) && [...wrappers.keys()].some((n) => f.text.includes(n))) : [];
  const ctx: ReadContext = {
    constructors: ownerConstructors(project, candidates),
    wrappers,
    importsOf: (module) => project.index(module)?.imports ?? new Map<string, ImportBinding>(),
    issues,
  };
  const facts = new Map<string, FileFacts>();
  for (const f of [...candidates, ...callers]) {
    const index = project.index(moduleNameOf(f.path));
    if (index) facts.set(index.module, readFacts(index, ctx));
  }
  // Other modules are read only when an import leads into them (a package re-exporting a blueprint).
  const load = (module: string): FileFacts | undefined => {
    if (!facts.has(module)) {
      const index = project.index(module);
      if (!index) return undefined;
      facts.set(module, readFacts(index, ctx));
    }
    return facts.get(module);
  };
  const values = new PythonValues(project);
  const routes = buildRoutes(new Map(facts), new Resolver(load, project), values, issues);
  return finishRoutes(routes, [...issues, ...values.issues()]);
}

/**
 * A cheap text test run before tokenizing: only files naming an app, blueprint, router or API,
 * or holding a route decorator or a registration call, can add routes. Big projects are mostly
 * other modules, and skipping them keeps the parse fast.
 */
const DECORATOR_HINT = /@\s*[\w.]+\.(?:route|api_route|get|post|put|patch|delete|head|options)\s*\(/;
function mayDefineRoutes(text: string): boolean {
  return (
    text.includes("Flask") ||
    text.includes("FastAPI") ||
    text.includes("Blueprint") ||
    text.includes("APIRouter") ||
    text.includes("register_blueprint") ||
    text.includes("include_router") ||
    text.includes("add_url_rule") ||
    text.includes("add_resource") ||
    text.includes("add_namespace") ||
    text.includes("Namespace(") ||
    text.includes("Api(") ||
    DECORATOR_HINT.test(text)
  );
}

/** The library constructors plus the project's own subclasses of them (`class ApiExt(Api)`). */
function ownerConstructors(project: PythonProject, candidates: SourceFile[]): Map<string, OwnerKind> {
  const out = new Map<string, OwnerKind>(Object.entries(OWNER_CONSTRUCTORS));
  const classes = candidates.flatMap((f) => [...(project.index(moduleNameOf(f.path))?.classes.values() ?? [])]);
  for (let changed = true; changed;) {
    changed = false;
    for (const cls of classes) {
      if (out.has(cls.name)) continue;
      const base = cls.bases.find((b) => b.kind === "name" && out.has(b.parts[b.parts.length - 1]));
      if (base?.kind === "name") {
        out.set(cls.name, out.get(base.parts[base.parts.length - 1])!);
        changed = true;
      }
    }
  }
  return out;
}

class Resolver {
  constructor(
    readonly load: (module: string) => FileFacts | undefined,
    readonly project: PythonProject,
  ) {}

  /** "module:variable" for a dotted owner name used in `module`. */
  ownerKey(module: string, parts: string[]): string | undefined {
    const ff = this.load(module);
    const binding = ff?.imports.get(parts[0]);
    if (ff?.owners.has(parts[0]) || !binding) return parts.length === 1 ? `${module}:${parts[0]}` : undefined;
    return this.fromBinding(binding, parts.slice(1), 0);
  }

  private fromBinding(binding: ImportBinding, rest: string[], depth: number): string | undefined {
    const modules = this.project.modules;
    let module: string | undefined;
    let remaining: string[];
    const asModule = binding.name ? modules.resolve(`${binding.module}.${binding.name}`) : undefined;
    if (asModule) {
      module = asModule;
      remaining = rest;
    } else {
      module = modules.resolve(binding.module);
      remaining = binding.name ? [binding.name, ...rest] : rest;
    }
    while (module && remaining.length > 1 && modules.file(`${module}.${remaining[0]}`)) {
      module = `${module}.${remaining.shift()}`;
    }
    if (!module || remaining.length !== 1) return undefined; // a library (flask, fastapi) or a deep attribute
    return this.attribute(module, remaining[0], depth + 1);
  }

  /** Follows re-exports: `from .views import bp` in a package's __init__ makes `pkg.bp` the views' bp. */
  private attribute(module: string, name: string, depth: number): string {
    const ff = this.load(module);
    const binding = ff?.imports.get(name);
    if (ff && !ff.owners.has(name) && binding && depth < 16) return this.fromBinding(binding, [], depth) ?? `${module}:${name}`;
    return `${module}:${name}`;
  }
}

type Edge = { reg: Registration; child: string };

/** `facts`: the files that may define routes (a snapshot: the resolver may load more, for imports). */
function buildRoutes(facts: Map<string, FileFacts>, resolver: Resolver, values: PythonValues, issues: ParseIssue[]): RouteRecord[] {
  const owners = new Map<string, Owner>();
  const routesByOwner = new Map<string, RouteDecl[]>();
  const childrenOf = new Map<string, Edge[]>();
  const children = new Set<string>();
  const keys = new Set<string>();

  for (const ff of facts.values()) {
    for (const [variable, owner] of ff.owners) {
      owners.set(`${ff.module}:${variable}`, owner);
      keys.add(`${ff.module}:${variable}`);
    }
  }
  for (const ff of facts.values()) {
    for (const r of ff.routes) {
      const key = resolver.ownerKey(r.ownerModule, r.owner) ?? `${r.ownerModule}:${r.owner.join(".")}`;
      // On something we do not know as an app/blueprint/router (`app = create_app()`), a decorator
      // counts only with an absolute path: `@cache.get('key')` is not a route.
      const literal = r.path?.expr.kind === "str" && !r.path.expr.dynamic ? r.path.expr.value : undefined;
      if (!owners.has(key) && literal !== undefined && !literal.startsWith("/")) continue;
      keys.add(key);
      routesByOwner.set(key, [...(routesByOwner.get(key) ?? []), r]);
    }
  }
  for (const ff of facts.values()) {
    for (const reg of ff.registrations) {
      const parent = resolver.ownerKey(ff.module, reg.parent) ?? `${ff.module}:${reg.parent.join(".")}`;
      const child = reg.child?.expr.kind === "name" ? resolver.ownerKey(reg.child.module, reg.child.expr.parts) : undefined;
      const known = child !== undefined && (owners.has(child) || routesByOwner.has(child));
      // `app.mount('/static', StaticFiles(...))`, `db.init_app(app)`: not something with routes of ours
      if ((reg.call === "mount" || reg.call === "init_app") && !known) continue;
      if (reg.call === "init_app" && owners.get(child!)?.kind !== "api") continue;
      // a name we cannot follow to a Blueprint()/APIRouter() or to routes (a loop variable, a factory's result)
      if (!known) {
        issues.push(warning(reg.file, reg.line, "Cannot resolve the blueprint or router registered here; its routes are not listed under this prefix"));
        continue;
      }
      keys.add(parent);
      children.add(child!);
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), { reg, child: child! }]);
    }
  }

  const out: RouteRecord[] = [];
  const walker = new Walker(owners, routesByOwner, childrenOf, values, resolver.project, issues, out);
  for (const key of [...keys].sort()) {
    if (children.has(key)) continue;
    const owner = owners.get(key);
    if (owner && owner.kind !== "flask" && owner.kind !== "fastapi") {
      if (!routesByOwner.has(key) && !childrenOf.has(key)) continue;
      const what = { blueprint: "Blueprint", router: "Router", api: "API", namespace: "Namespace" }[owner.kind];
      issues.push(warning(owner.file, owner.line, `${what} '${owner.variable}' is never registered on an app; its routes are listed under its own prefix`));
      walker.walk(key, walker.prefix(owner.prefix, owner), []);
    } else {
      walker.walk(key, "", []);
    }
  }
  return out;
}

class Walker {
  constructor(
    readonly owners: Map<string, Owner>,
    readonly routesByOwner: Map<string, RouteDecl[]>,
    readonly childrenOf: Map<string, Edge[]>,
    readonly values: PythonValues,
    readonly project: PythonProject,
    readonly issues: ParseIssue[],
    readonly out: RouteRecord[],
  ) {}

  walk(key: string, prefix: string, stack: string[]): void {
    if (stack.includes(key)) return; // a registration cycle: stop rather than loop
    for (const r of this.routesByOwner.get(key) ?? []) this.emit(r, prefix);
    for (const { reg, child } of this.childrenOf.get(key) ?? []) {
      const owner = this.owners.get(child);
      const given = reg.prefix !== undefined && !isNone(reg.prefix.expr) ? reg.prefix : undefined;
      const parts =
        reg.mode === "replace"
          ? [this.prefix(given ?? owner?.prefix, given ? reg : (owner ?? reg))]
          : [this.prefix(given, reg), this.prefix(owner?.prefix, owner ?? reg)];
      this.walk(child, joinUrl(prefix, ...parts), [...stack, key]);
    }
  }

  /** A prefix's text ("" when absent or None); a placeholder segment, with a warning, when unknown. */
  prefix(b: Bound | undefined, at: { file: string; line: number }): string {
    if (!b || isNone(b.expr)) return "";
    const v = this.values.text(b.module, b.expr);
    if (v.placeholders.length) this.placeholderWarning(at, "URL prefix", b.expr, v);
    return v.text;
  }

  private placeholderWarning(at: { file: string; line: number }, what: string, e: PyExpr, v: StaticText): void {
    const names = v.placeholders.map((p) => `{${p}}`).join(", ");
    this.issues.push(warning(at.file, at.line, `The ${what} ${source(e)} cannot be resolved statically; the routes are listed with ${names} in its place`));
  }

  private emit(r: RouteDecl, prefix: string): void {
    let path = "";
    if (r.path) {
      const v = this.values.text(r.path.module, r.path.expr);
      if (v.placeholders.length) this.placeholderWarning(r, "route path", r.path.expr, v);
      path = v.text;
    } else {
      this.issues.push(warning(r.file, r.line, "The route has no path argument; route not listed"));
      return;
    }
    const methods = this.methodsOf(r);
    const full = showPlaceholders(canonicalPath(pythonParams(joinUrl(prefix, path))));
    for (const method of methods) {
      this.out.push({ method, path: full, handler: r.handler, module: r.module, file: r.file, line: r.line });
    }
  }

  private methodsOf(r: RouteDecl): string[] {
    if (r.methods === "unresolved") {
      this.issues.push(warning(r.file, r.line, "The methods= list cannot be resolved statically; the route is listed as ANY"));
      return ["ANY"];
    }
    if (Array.isArray(r.methods)) return r.methods;
    const cls = this.project.classOf(r.methods.viewModule, r.methods.view);
    if (!cls) {
      this.issues.push(warning(r.file, r.line, `The view class ${r.methods.view.join(".")} is not among the files; its methods are unknown, listed as ANY`));
      return ["ANY"];
    }
    const found = viewMethods(this.project, cls.module, cls.cls);
    if (found.methods.length) return found.methods;
    const why = found.unknownBases.length ? ` (its base ${found.unknownBases.join(", ")} is not among the files)` : "";
    this.issues.push(warning(r.file, r.line, `The view class ${cls.cls.name} defines no get/post/… method${why}; listed as ANY`));
    return ["ANY"];
  }
}

function isNone(e: PyExpr): boolean {
  return e.kind === "name" && e.parts.length === 1 && e.parts[0] === "None";
}

/** How an expression reads in a message: `settings.API_V1_STR`, `app.config["AUTH_URL_PREFIX"]`. */
function source(e: PyExpr): string {
  if (e.kind === "name") return e.parts.join(".");
  if (e.kind === "subscript") return `${source(e.object)}[${e.index.kind === "str" ? JSON.stringify(e.index.value) : "…"}]`;
  if (e.kind === "str") return e.dynamic ? `f${JSON.stringify(e.value)}` : JSON.stringify(e.value);
  if (e.kind === "call") return `${source(e.callee)}(…)`;
  if (e.kind === "attr") return `….${e.name}`;
  return describe(e);
}

/** FastAPI/Starlette `{id}` → `<id>`, `{p:path}` → `<path:p>`, `{n:int}` → `<int:n>`; Flask `<int:id>` stays (canonicalPath checks converters). */
export function pythonParams(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_]+))?\}/g, (_m, name: string, conv?: string) => (conv ? `<${conv}:${name}>` : `<${name}>`));
}
