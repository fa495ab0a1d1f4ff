/**
 * Flask and FastAPI routes, read from Python source (never imported or run).
 *
 * Pass 1 reads each file on its own: route owners created by `Flask()`, `FastAPI()`,
 * `Blueprint()` and `APIRouter()`, the route decorators (and `add_url_rule`), the
 * `register_blueprint` / `include_router` / `mount` calls and the import statements.
 * Pass 2 resolves every owner to a key "module:variable" through the imports (a blueprint is often
 * defined in one module and registered in another) and walks the registration tree from the
 * apps down, building the full path of every route.
 *
 * Prefix semantics follow the frameworks:
 *   Flask   register_blueprint(bp, url_prefix=P) REPLACES the blueprint's own url_prefix;
 *   FastAPI include_router(r, prefix=P) COMBINES: P + router prefix + path.
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { canonicalPath, finishRoutes, joinUrl, normalizeFilePath, normalizeMethod, warning } from "./common";
import { tokenizePython } from "./python-lexer";
import {
  endOfLogicalLine,
  moduleNameOf,
  parseImports,
  parsePyExpr,
  PythonModules,
  qualifyName,
  staticString,
  type ImportBinding,
  type PyExpr,
} from "./python-support";
import { isName, isPunct, matchingBracket, type Token } from "./tokens";

type OwnerKind = "flask" | "fastapi" | "blueprint" | "router";

/** A route owner created by a constructor call: `bp = Blueprint('users', __name__, url_prefix='/users')`. */
type Owner = { kind: OwnerKind; variable: string; prefix?: PyExpr; file: string; line: number };

type RouteDecl = {
  owner: string[];
  /** The decorator's method: route, api_route, get, post… (route/api_route take `methods=`). */
  verb: string;
  path: PyExpr | undefined;
  methods: string[] | "unresolved";
  handler: string;
  module: string;
  file: string;
  line: number;
};

type Registration = {
  parent: string[];
  child: PyExpr | undefined;
  prefix: PyExpr | undefined;
  /** Flask replaces the child's own prefix; FastAPI (include_router, mount) puts it in front. */
  mode: "replace" | "combine";
  call: string;
  file: string;
  line: number;
};

type FileFacts = {
  module: string;
  file: string;
  imports: Map<string, ImportBinding>;
  owners: Map<string, Owner>;
  routes: RouteDecl[];
  registrations: Registration[];
};

const OWNER_CONSTRUCTORS: Record<string, OwnerKind> = {
  Flask: "flask",
  FastAPI: "fastapi",
  Blueprint: "blueprint",
  APIRouter: "router",
};
const VERB_DECORATORS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
const REGISTER_CALLS: Record<string, Registration["mode"]> = {
  register_blueprint: "replace",
  include_router: "combine",
  mount: "combine",
};

export function parseFlaskRoutes(files: SourceFile[]): ParseResult<RouteRecord> {
  const issues: ParseIssue[] = [];
  const pyFiles = files.filter((f) => f.path.endsWith(".py")).map((f) => ({ ...f, path: normalizeFilePath(f.path) }));
  const modules = new PythonModules(pyFiles);
  const facts = new Map<string, FileFacts>();
  for (const f of pyFiles) {
    if (mayDefineRoutes(f.text)) facts.set(moduleNameOf(f.path), readFile(f, issues));
  }
  // Other modules are read only when an import leads into them (a package re-exporting a blueprint).
  const load = (module: string): FileFacts | undefined => {
    if (!facts.has(module)) {
      const f = modules.file(module);
      if (!f) return undefined;
      facts.set(module, readFile(f, issues));
    }
    return facts.get(module);
  };
  return finishRoutes(buildRoutes(new Map(facts), new Resolver(load, modules), issues), issues);
}

/**
 * A cheap text test run before tokenizing: only files naming an app, blueprint or router, or
 * holding a route decorator or a registration call, can add routes. Big projects are mostly
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
    DECORATOR_HINT.test(text)
  );
}

// ---------------------------------------------------------------------------------------------
// Pass 1: one file

function readFile(file: SourceFile, issues: ParseIssue[]): FileFacts {
  const tokens = tokenizePython(file.text);
  const facts: FileFacts = {
    module: moduleNameOf(file.path),
    file: file.path,
    imports: parseImports(tokens, file.path),
    owners: new Map(),
    routes: [],
    registrations: [],
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.lineStart && isPunct(t, "@")) {
      readDecorator(tokens, i, facts, issues);
    } else if (t.lineStart && t.kind === "name" && isPunct(tokens[i + 1], "=")) {
      readAssignment(tokens, i, facts);
    } else if (t.kind === "name" && isPunct(tokens[i - 1], ".") && isPunct(tokens[i + 1], "(")) {
      if (t.value in REGISTER_CALLS) readRegistration(tokens, i, facts);
      else if (t.value === "add_url_rule") readAddUrlRule(tokens, i, facts, issues);
    }
  }
  return facts;
}

/** `NAME = Blueprint(...)` and friends: remembers the owner and its own prefix. */
function readAssignment(tokens: Token[], i: number, facts: FileFacts): void {
  const end = endOfLogicalLine(tokens, i);
  const value = parsePyExpr(tokens, i + 2, end);
  if (value.kind !== "call" || value.callee.kind !== "name") return;
  const kind = OWNER_CONSTRUCTORS[value.callee.parts[value.callee.parts.length - 1]];
  if (!kind) return;
  const prefix = kind === "blueprint" ? value.kwargs.get("url_prefix") : kind === "router" ? value.kwargs.get("prefix") : undefined;
  facts.owners.set(tokens[i].value, { kind, variable: tokens[i].value, prefix, file: facts.file, line: tokens[i].line });
}

/** `@owner.route('/x', methods=[...])` / `@owner.get('/x')`, then the decorated function's name. */
function readDecorator(tokens: Token[], at: number, facts: FileFacts, issues: ParseIssue[]): void {
  const end = endOfLogicalLine(tokens, at);
  const expr = parsePyExpr(tokens, at + 1, end);
  if (expr.kind !== "call" || expr.callee.kind !== "name" || expr.callee.parts.length < 2) return;
  const parts = expr.callee.parts;
  const verb = parts[parts.length - 1];
  if (verb !== "route" && verb !== "api_route" && !VERB_DECORATORS.has(verb)) return;
  const path = expr.args[0] ?? expr.kwargs.get("rule") ?? expr.kwargs.get("path");
  // `@cache.get(...)`-like decorators of other libraries are not routes: a route decorator's
  // path is a string (or, for the unambiguous `route`, something we warn about later).
  if (path?.kind !== "str" && verb !== "route" && verb !== "api_route") return;
  const handler = decoratedName(tokens, end);
  facts.routes.push({
    owner: parts.slice(0, -1),
    verb,
    path,
    methods: verb === "route" || verb === "api_route" ? methodsOf(expr.kwargs.get("methods")) : [verb.toUpperCase()],
    handler: `${facts.module}.${handler ?? "<unknown>"}`,
    module: facts.module,
    file: facts.file,
    line: tokens[at].line,
  });
  if (!handler) issues.push(warning(facts.file, tokens[at].line, "Route decorator is not followed by a function definition"));
}

/** The function (or class) under a decorator, skipping any further decorators. */
function decoratedName(tokens: Token[], newlineAfterDecorator: number): string | undefined {
  let i = newlineAfterDecorator + 1;
  while (isPunct(tokens[i], "@")) i = endOfLogicalLine(tokens, i) + 1;
  if (isName(tokens[i], "async")) i++;
  if (isName(tokens[i], "def") || isName(tokens[i], "class")) return tokens[i + 1]?.kind === "name" ? tokens[i + 1].value : undefined;
  return undefined;
}

/** `methods=['GET', 'post']` → ["GET", "POST"]; absent → ["GET"] (Flask's default, not ANY). */
function methodsOf(e: PyExpr | undefined): string[] | "unresolved" {
  if (!e) return ["GET"];
  if (e.kind !== "list") return "unresolved";
  const out: string[] = [];
  for (const item of e.items) {
    const m = normalizeMethod(staticString(item) ?? "");
    if (!m) return "unresolved";
    out.push(m);
  }
  return out;
}

/** `parent.register_blueprint(child, url_prefix=...)`, `include_router(child, prefix=...)`, `mount('/p', sub)`. */
function readRegistration(tokens: Token[], i: number, facts: FileFacts): void {
  const parent = receiverParts(tokens, i);
  if (!parent) return;
  const call = parsePyExpr(tokens, i, matchingBracket(tokens, i + 1) + 1);
  if (call.kind !== "call") return;
  const mode = REGISTER_CALLS[tokens[i].value];
  const isMount = tokens[i].value === "mount";
  facts.registrations.push({
    parent,
    child: isMount ? (call.args[1] ?? call.kwargs.get("app")) : (call.args[0] ?? call.kwargs.get("blueprint") ?? call.kwargs.get("router")),
    prefix: isMount ? (call.args[0] ?? call.kwargs.get("path")) : call.kwargs.get(mode === "replace" ? "url_prefix" : "prefix"),
    mode,
    call: tokens[i].value,
    file: facts.file,
    line: tokens[i].line,
  });
}

/** `owner.add_url_rule('/x', 'endpoint', view_func, methods=[...])`. */
function readAddUrlRule(tokens: Token[], i: number, facts: FileFacts, issues: ParseIssue[]): void {
  const owner = receiverParts(tokens, i);
  if (!owner) return;
  const call = parsePyExpr(tokens, i, matchingBracket(tokens, i + 1) + 1);
  if (call.kind !== "call") return;
  const view = call.kwargs.get("view_func") ?? call.args[2];
  let handler = "<unknown>";
  let module = facts.module;
  let classView = false;
  const target = view?.kind === "call" && view.callee.kind === "name" && view.callee.parts.at(-1) === "as_view" ? view.callee.parts.slice(0, -1) : view?.kind === "name" ? view.parts : undefined;
  if (target) {
    classView = view?.kind === "call";
    const ref = qualifyName(facts.imports, facts.module, target);
    handler = ref.name;
    module = ref.module;
  }
  const methodsExpr = call.kwargs.get("methods");
  if (classView && !methodsExpr) {
    issues.push(warning(facts.file, tokens[i].line, `The methods of class-based view ${handler} are not inferred; listed as GET`));
  }
  facts.routes.push({
    owner,
    verb: "route",
    path: call.args[0] ?? call.kwargs.get("rule"),
    methods: methodsOf(methodsExpr),
    handler,
    module,
    file: facts.file,
    line: tokens[i].line,
  });
}

/** The dotted receiver before `.method(`: `app` in `app.register_blueprint(`, `api.v1` in `api.v1.include_router(`. */
function receiverParts(tokens: Token[], methodIndex: number): string[] | undefined {
  const parts: string[] = [];
  let j = methodIndex - 1;
  while (isPunct(tokens[j], ".") && tokens[j - 1]?.kind === "name") {
    parts.unshift(tokens[j - 1].value);
    j -= 2;
  }
  if (isPunct(tokens[j], ".") || isPunct(tokens[j], ")")) return undefined; // `create_app().register…`
  return parts.length ? parts : undefined;
}

// ---------------------------------------------------------------------------------------------
// Pass 2: the whole project

class Resolver {
  constructor(
    readonly load: (module: string) => FileFacts | undefined,
    readonly modules: PythonModules,
  ) {}

  /** "module:variable" for a dotted owner name used in `module`. */
  ownerKey(module: string, parts: string[]): string | undefined {
    const ff = this.load(module);
    const binding = ff?.imports.get(parts[0]);
    if (ff?.owners.has(parts[0]) || !binding) return parts.length === 1 ? `${module}:${parts[0]}` : undefined;
    return this.fromBinding(binding, parts.slice(1), 0);
  }

  private fromBinding(binding: ImportBinding, rest: string[], depth: number): string | undefined {
    let module: string | undefined;
    let remaining: string[];
    const asModule = binding.name ? this.modules.resolve(`${binding.module}.${binding.name}`) : undefined;
    if (asModule) {
      module = asModule;
      remaining = rest;
    } else {
      module = this.modules.resolve(binding.module);
      remaining = binding.name ? [binding.name, ...rest] : rest;
    }
    while (module && remaining.length > 1 && this.modules.file(`${module}.${remaining[0]}`)) {
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

/** `facts`: the files that may define routes (a snapshot: the resolver may load more, for imports). */
function buildRoutes(facts: Map<string, FileFacts>, resolver: Resolver, issues: ParseIssue[]): RouteRecord[] {
  const owners = new Map<string, Owner>();
  const routesByOwner = new Map<string, RouteDecl[]>();
  const childrenOf = new Map<string, Array<{ reg: Registration; child: string }>>();
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
      const key = resolver.ownerKey(ff.module, r.owner) ?? `${ff.module}:${r.owner.join(".")}`;
      // On something we do not know as an app/blueprint/router (`app = create_app()`), a decorator
      // counts only with an absolute path: `@cache.get('key')` is not a route.
      if (!owners.has(key) && r.path?.kind === "str" && !r.path.value.startsWith("/")) continue;
      keys.add(key);
      routesByOwner.set(key, [...(routesByOwner.get(key) ?? []), r]);
    }
  }
  for (const ff of facts.values()) {
    for (const reg of ff.registrations) {
      const parent = resolver.ownerKey(ff.module, reg.parent) ?? `${ff.module}:${reg.parent.join(".")}`;
      const child = reg.child?.kind === "name" ? resolver.ownerKey(ff.module, reg.child.parts) : undefined;
      // `app.mount('/static', StaticFiles(...))` mounts something that is not ours: only a
      // mounted app or router we know has routes to list.
      if (reg.call === "mount" && (!child || (!owners.has(child) && !routesByOwner.has(child)))) continue;
      // a name we cannot follow to a Blueprint()/APIRouter() or to routes (a loop variable, a factory's result)
      if (!child || (!owners.has(child) && !routesByOwner.has(child))) {
        issues.push(warning(reg.file, reg.line, "Cannot resolve the blueprint or router registered here; its routes are not listed under this prefix"));
        continue;
      }
      keys.add(parent);
      children.add(child);
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), { reg, child }]);
    }
  }

  const out: RouteRecord[] = [];
  const walker = new Walker(owners, routesByOwner, childrenOf, issues, out);
  for (const key of [...keys].sort()) {
    if (children.has(key)) continue;
    const owner = owners.get(key);
    if (owner && (owner.kind === "blueprint" || owner.kind === "router")) {
      if (!routesByOwner.has(key) && !childrenOf.has(key)) continue;
      issues.push(
        warning(owner.file, owner.line, `${owner.kind === "blueprint" ? "Blueprint" : "Router"} '${owner.variable}' is never registered on an app; its routes are listed under its own prefix`),
      );
      const own = prefixValue(owner.prefix);
      if (own === undefined) {
        issues.push(warning(owner.file, owner.line, `The prefix of '${owner.variable}' cannot be resolved statically; its routes are not listed`));
        continue;
      }
      walker.walk(key, own, []);
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
    readonly childrenOf: Map<string, Array<{ reg: Registration; child: string }>>,
    readonly issues: ParseIssue[],
    readonly out: RouteRecord[],
  ) {}

  walk(key: string, prefix: string, stack: string[]): void {
    if (stack.includes(key)) return; // a registration cycle: stop rather than loop
    for (const r of this.routesByOwner.get(key) ?? []) this.emit(r, prefix);
    for (const { reg, child } of this.childrenOf.get(key) ?? []) {
      const own = this.owners.get(child)?.prefix;
      const parts = reg.mode === "replace" ? [reg.prefix !== undefined && !isNone(reg.prefix) ? reg.prefix : own] : [reg.prefix, own];
      const values = parts.map(prefixValue);
      if (values.some((v) => v === undefined)) {
        const where = reg.prefix !== undefined && prefixValue(reg.prefix) === undefined ? reg : (this.owners.get(child) ?? reg);
        this.issues.push(warning(where.file, where.line, "The URL prefix here cannot be resolved statically (a variable or f-string); the routes under it are not listed"));
        continue;
      }
      this.walk(child, joinUrl(prefix, ...(values as string[])), [...stack, key]);
    }
  }

  private emit(r: RouteDecl, prefix: string): void {
    const path = staticString(r.path);
    if (path === undefined) {
      const what = r.path?.kind === "str" ? "an f-string" : "computed";
      this.issues.push(warning(r.file, r.line, `The route path is ${what} and cannot be resolved statically; route not listed`));
      return;
    }
    let methods = r.methods;
    if (methods === "unresolved") {
      this.issues.push(warning(r.file, r.line, "The methods= list cannot be resolved statically; the route is listed as ANY"));
      methods = ["ANY"];
    }
    const full = canonicalPath(pythonParams(joinUrl(prefix, path)));
    for (const method of methods) {
      this.out.push({ method, path: full, handler: r.handler, module: r.module, file: r.file, line: r.line });
    }
  }
}

function isNone(e: PyExpr): boolean {
  return e.kind === "name" && e.parts.length === 1 && e.parts[0] === "None";
}

/** The static value of a prefix expression: "" when absent or None, undefined when dynamic. */
function prefixValue(e: PyExpr | undefined): string | undefined {
  if (!e || isNone(e)) return "";
  return staticString(e);
}

/** FastAPI/Starlette `{id}` → `<id>`, `{p:path}` → `<path:p>`, `{n:int}` → `<int:n>`; Flask `<int:id>` stays (canonicalPath checks converters). */
export function pythonParams(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_]+))?\}/g, (_m, name: string, conv?: string) =>
    conv ? `<${conv}:${name}>` : `<${name}>`,
  );
}
