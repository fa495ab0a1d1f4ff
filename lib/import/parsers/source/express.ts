/**
 * Express routes, read from JavaScript/TypeScript source (never required or run).
 *
 * Pass 1 (express-facts.ts) reads each file on its own. Pass 2, here, resolves receivers and mounted routers across files to keys "file#name" and walks the
 * mount tree from the roots, joining prefixes.
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import {
  canonicalPath,
  compareRoutes,
  expandOptional,
  finishRoutes,
  joinUrl,
  normalizeFilePath,
  OPT_CLOSE,
  OPT_OPEN,
  placeholder,
  placeholderNames,
  showPlaceholders,
  warning,
} from "./common";
import { APP_LIKE_NAME, EXTENSIONS, readFile, requireSpec, type FileFacts, type MountCall, type RouteCall } from "./express-facts";
import { tokenizeJs } from "./js-lexer";
import { jsStaticString, resolveRelativeSpec, type JsExpr } from "./js-support";

export function parseExpressRoutes(files: SourceFile[]): ParseResult<RouteRecord> {
  const issues: ParseIssue[] = [];
  const sources = new Map<string, string>();
  const facts = new Map<string, FileFacts>();
  for (const f of files) {
    const file = normalizeFilePath(f.path);
    if (!EXTENSIONS.some((e) => file.endsWith(e)) || file.endsWith(".d.ts")) continue;
    sources.set(file, f.text);
    if (mayDefineRoutes(f.text)) facts.set(file, readFile(file, tokenizeJs(f.text)));
  }
  const project = new Project(sources, facts, issues);
  return finishRoutes(stackedHandlersOnce(project.build()), issues);
}

/**
 * Express runs every handler registered for a method and path in turn, so `app.post('/x', check)`
 * followed by `app.post('/x', save)` in one file is one route with two handlers, not a conflict:
 * the first registration stands for it. (Across files, the duplicate warning still applies.)
 */
function stackedHandlersOnce(records: RouteRecord[]): RouteRecord[] {
  const seen = new Set<string>();
  return [...records].sort(compareRoutes).filter((r) => {
    const key = `${r.method} ${r.path} ${r.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A cheap text test run before tokenizing: only files mentioning express, a Router, or a call
 * like `.get(` / `.use(` can create apps, routes or mounts. The others are read only when an
 * import leads into them (an index file re-exporting routers).
 */
const CALL_HINT = /\.(?:get|post|put|patch|delete|all|use|route|head|options)\s*\(/;
function mayDefineRoutes(text: string): boolean {
  return text.includes("express") || text.includes("Router") || CALL_HINT.test(text);
}

// ---------------------------------------------------------------------------------------------
// Pass 2: the whole project

type Edge = { child: string; prefixes: string[]; file: string; line: number };

class Project {
  private readonly routesByKey = new Map<string, Array<{ ff: FileFacts; call: RouteCall }>>();
  private readonly edges = new Map<string, Edge[]>();
  private readonly mounted = new Set<string>();
  private readonly out: RouteRecord[] = [];

  constructor(
    readonly sources: Map<string, string>,
    readonly facts: Map<string, FileFacts>,
    readonly issues: ParseIssue[],
  ) {}

  /** The facts of a file, reading it now if the first pass skipped it. */
  private factsOf(file: string): FileFacts | undefined {
    let ff = this.facts.get(file);
    const text = this.sources.get(file);
    if (!ff && text !== undefined) {
      ff = readFile(file, tokenizeJs(text));
      this.facts.set(file, ff);
    }
    return ff;
  }

  build(): RouteRecord[] {
    for (const ff of [...this.facts.values()]) {
      for (const call of ff.routes) this.addRoute(ff, call);
    }
    for (const ff of [...this.facts.values()]) {
      for (const m of ff.mounts) this.addMount(ff, m);
    }
    const keys = new Set([...this.routesByKey.keys(), ...this.edges.keys()]);
    for (const key of [...keys].sort()) {
      if (this.mounted.has(key)) continue;
      if (this.kindOf(key) === "router" && this.routesByKey.has(key)) {
        const [file] = splitKey(key);
        const first = this.routesByKey.get(key)![0].call;
        this.issues.push(warning(file, first.line, `Router '${splitKey(key)[1]}' is never mounted with app.use(); its routes are listed without a prefix`));
      }
      this.walk(key, "", []);
    }
    return this.out;
  }

  private addRoute(ff: FileFacts, call: RouteCall): void {
    const key = this.resolve(ff, { kind: "name", parts: call.receiver, line: call.line }, 0) ?? `${ff.file}#${call.receiver.join(".")}`;
    const kind = this.kindOf(key);
    if (kind !== "app" && kind !== "router") {
      // An unknown receiver (a parameter, `this.router`) counts only when it looks like an app
      // and the call looks like a route: a literal path starting with "/".
      const path = call.path;
      const literal = path?.kind === "str" ? path.value : path?.kind === "array" && path.items[0]?.kind === "str" ? path.items[0].value : undefined;
      if (!APP_LIKE_NAME.test(call.receiver[call.receiver.length - 1]) || !literal?.startsWith("/")) return;
    }
    this.routesByKey.set(key, [...(this.routesByKey.get(key) ?? []), { ff, call }]);
  }

  private addMount(ff: FileFacts, m: MountCall): void {
    const parent = this.resolve(ff, { kind: "name", parts: m.receiver, line: m.line }, 0) ?? `${ff.file}#${m.receiver.join(".")}`;
    const [first, ...rest] = m.args;
    if (!first) return;
    const firstTarget = this.routerTarget(ff, first);
    const pathArg = firstTarget ? undefined : first;
    const children = (firstTarget ? [firstTarget] : []).concat(rest.map((a) => this.routerTarget(ff, a)).filter((k): k is string => k !== undefined));
    if (!children.length) return; // middleware only (cors(), express.static(…), …)
    const prefixes = pathArg === undefined || !looksLikePath(pathArg, ff) ? [""] : (staticPaths(pathArg, ff) ?? pathTexts(pathArg, ff));
    for (const child of children) this.mounted.add(child);
    if (!prefixes) {
      this.issues.push(
        warning(ff.file, m.line, "The mount path here is a regular expression or cannot be read; the routes of the mounted router are not listed"),
      );
      return;
    }
    const unknown = prefixes.flatMap(placeholderNames);
    if (unknown.length) {
      this.issues.push(
        warning(
          ff.file,
          m.line,
          `The mount path here cannot be resolved statically; the routes of the mounted router are listed with ${unknown.join(", ")} in its place`,
        ),
      );
    }
    for (const child of children) {
      this.edges.set(parent, [...(this.edges.get(parent) ?? []), { child, prefixes, file: ff.file, line: m.line }]);
    }
  }

  /** The key of a mounted router (or sub-app), or undefined for middleware. */
  private routerTarget(ff: FileFacts, e: JsExpr): string | undefined {
    if (e.kind !== "name" && e.kind !== "call" && e.kind !== "member") return undefined;
    const key = this.resolve(ff, e, 0);
    if (!key) return undefined;
    const kind = this.kindOf(key);
    return kind === "app" || kind === "router" || this.routesByKey.has(key) ? key : undefined;
  }

  private walk(key: string, prefix: string, stack: string[]): void {
    if (stack.includes(key)) return;
    for (const { ff, call } of this.routesByKey.get(key) ?? []) this.emit(ff, call, prefix);
    for (const edge of this.edges.get(key) ?? []) {
      for (const p of edge.prefixes) this.walk(edge.child, joinUrl(prefix, p), [...stack, key]);
    }
  }

  private emit(ff: FileFacts, call: RouteCall, prefix: string): void {
    const paths = call.path ? (staticPaths(call.path, ff) ?? pathTexts(call.path, ff)) : undefined;
    if (!paths) {
      const what = call.path?.kind === "regex" ? "a regular expression" : "computed";
      this.issues.push(warning(ff.file, call.line, `The route path is ${what} and cannot be expressed statically; route not listed`));
      return;
    }
    const unknown = paths.flatMap(placeholderNames);
    if (unknown.length)
      this.issues.push(
        warning(ff.file, call.line, `The route path here cannot be resolved statically; the route is listed with ${unknown.join(", ")} in its place`),
      );
    const handler = this.handlerOf(ff, call.handler, call.line);
    for (const p of paths) {
      for (const path of expressPathVariants(joinUrl(prefix, p) || "/").map(showPlaceholders)) {
        this.out.push({ method: call.method, path, handler: handler.name, module: handler.module, file: ff.file, line: call.line });
      }
    }
  }

  /** The handler's name when a named function or identifier is passed, else "<anonymous> (file:line)". */
  private handlerOf(ff: FileFacts, e: JsExpr | undefined, line: number): { name: string; module: string } {
    if (e?.kind === "name") {
      const binding = ff.bindings.get(e.parts[0]);
      const module = binding?.kind === "import" ? (this.resolveSpec(ff.file, binding.spec) ?? binding.spec) : ff.file;
      return { name: e.parts.join("."), module };
    }
    if (e?.kind === "func" && e.name) return { name: e.name, module: ff.file };
    if (e?.kind === "call") {
      // `ctrl.list.bind(ctrl)` names ctrl.list; a wrapper `asyncHandler(list)` names what it wraps
      if (e.callee.kind === "name" && e.callee.parts.at(-1) === "bind" && e.callee.parts.length > 1) {
        return this.handlerOf(ff, { ...e.callee, parts: e.callee.parts.slice(0, -1) }, line);
      }
      if (e.args.length) return this.handlerOf(ff, e.args[e.args.length - 1], line);
    }
    const at = e && e.kind !== "other" ? e.line : line;
    return { name: `<anonymous> (${ff.file}:${at})`, module: ff.file };
  }

  /** A key "file#name" for a name/require expression, following imports and aliases. */
  private resolve(ff: FileFacts, e: JsExpr, depth: number): string | undefined {
    if (depth > 16) return undefined;
    if (e.kind === "call") {
      const spec = requireSpec(e);
      return spec === undefined ? undefined : this.resolveExport(ff.file, spec, "default", depth);
    }
    if (e.kind === "member") {
      const spec = requireSpec(e.object);
      return spec === undefined ? undefined : this.resolveExport(ff.file, spec, e.name, depth);
    }
    if (e.kind !== "name") return undefined;
    const [head, ...rest] = e.parts;
    const binding = ff.bindings.get(head);
    if (!binding) return rest.length === 0 ? `${ff.file}#${head}` : undefined;
    if (binding.kind === "app" || binding.kind === "router" || binding.kind === "const" || binding.kind === "list")
      return rest.length === 0 ? `${ff.file}#${head}` : undefined;
    if (binding.kind === "alias") return rest.length === 0 ? this.resolve(ff, binding.expr, depth + 1) : undefined;
    // an import: `users` (its export) or `routes.users` (a property of a module namespace / CJS object)
    if (rest.length === 0) return this.resolveExport(ff.file, binding.spec, binding.name, depth);
    if (rest.length === 1 && (binding.name === "*" || binding.name === "default")) return this.resolveExport(ff.file, binding.spec, rest[0], depth);
    return undefined;
  }

  private resolveExport(fromFile: string, spec: string, name: string, depth: number): string | undefined {
    const file = this.resolveSpec(fromFile, spec);
    const target = file ? this.factsOf(file) : undefined;
    const exported = target?.exports.get(name);
    return target && exported ? this.resolve(target, exported, depth + 1) : undefined;
  }

  /** A relative module specifier → a file of the set ("./users" → "routes/users.js"), else undefined. */
  private resolveSpec(fromFile: string, spec: string): string | undefined {
    if (!spec.startsWith(".") && !spec.startsWith("/")) return undefined; // a package
    const base = resolveRelativeSpec(fromFile, spec);
    const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
    // TypeScript ESM code imports "./users.js" meaning "./users.ts"
    const stem = base.replace(/\.(?:js|mjs|cjs|jsx)$/, "");
    if (stem !== base) candidates.push(...EXTENSIONS.map((e) => stem + e));
    return candidates.find((c) => this.sources.has(c));
  }

  private kindOf(key: string): "app" | "router" | undefined {
    const [file, name] = splitKey(key);
    const b = this.factsOf(file)?.bindings.get(name);
    return b?.kind === "app" || b?.kind === "router" ? b.kind : undefined;
  }
}

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf("#");
  return [key.slice(0, at), key.slice(at + 1)];
}

/**
 * Literal path(s) of a path argument: a string, a string constant of the same file, or an array
 * of those; undefined when dynamic.
 */
function staticPaths(e: JsExpr, ff: FileFacts): string[] | undefined {
  if (e.kind === "array") {
    const items = e.items.map((item) => staticPaths(item, ff));
    return items.length && items.every((s) => s?.length === 1) ? items.map((s) => s![0]) : undefined;
  }
  if (e.kind === "name" && e.parts.length === 1) {
    const b = ff.bindings.get(e.parts[0]);
    return b?.kind === "const" ? [b.value] : undefined;
  }
  const s = jsStaticString(e);
  return s === undefined ? undefined : [s];
}

/**
 * A path expression's text with a `{NAME}` placeholder for each part that cannot be known
 * (`${config.prefix}/users` → "{prefix}/users", `API_BASE` imported from elsewhere → "{API_BASE}");
 * undefined for a regular expression, which no placeholder can stand for.
 */
function pathTexts(e: JsExpr, ff: FileFacts): string[] | undefined {
  switch (e.kind) {
    case "regex":
      return undefined;
    case "array": {
      const items = e.items.map((i) => pathTexts(i, ff));
      return items.every((i) => i !== undefined) ? (items.flat() as string[]) : undefined;
    }
    case "str":
      return [e.value.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => placeholder(inner.match(/([A-Za-z_$][\w$]*)\s*$/)?.[1] ?? "value"))];
    case "add": {
      const l = staticPaths(e.left, ff) ?? pathTexts(e.left, ff);
      const r = staticPaths(e.right, ff) ?? pathTexts(e.right, ff);
      return l && r && l.length === 1 && r.length === 1 ? [l[0] + r[0]] : undefined;
    }
    case "name":
      return [placeholder(e.parts[e.parts.length - 1])];
    case "member":
      return [placeholder(e.name)];
    default:
      return [placeholder("path")];
  }
}

/**
 * Whether the first argument of `use()` is a mount path rather than a middleware. Strings,
 * templates and arrays are paths; of names, only the ones that read like a path (`API_PREFIX`,
 * `config.basePath`, `process.env.MOUNT`) — `app.use(auth, router)` passes a middleware.
 */
function looksLikePath(e: JsExpr, ff: FileFacts): boolean {
  if (e.kind === "str" || e.kind === "add" || e.kind === "array" || e.kind === "regex") return true;
  if (e.kind !== "name") return false;
  if (ff.bindings.get(e.parts[0])?.kind === "const") return true;
  const last = e.parts[e.parts.length - 1];
  return /^[A-Z][A-Z0-9_]*$/.test(last) || /path|prefix|url|base|mount|root/i.test(last) || e.parts[0] === "process";
}

/**
 * An Express path in canonical form, one entry per variant: `:id` → `<id>`, `:id(\d+)` → `<int:id>`,
 * `:id?` → with and without the segment, `*` / `*name` → `<path:…>`, Express 5 `{/:opt}` → both.
 */
export function expressPathVariants(path: string): string[] {
  let out = "";
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === ":" && /[A-Za-z_$]/.test(path[i + 1] ?? "")) {
      let j = i + 1;
      while (j < path.length && /[\w$]/.test(path[j])) j++;
      const name = path.slice(i + 1, j);
      let converter = "";
      if (path[j] === "(") {
        const close = path.indexOf(")", j);
        const re = path.slice(j + 1, close < 0 ? path.length : close);
        if (re === "\\d+" || re === "[0-9]+") converter = "int:";
        j = close < 0 ? path.length : close + 1;
      }
      const modifier = path[j] === "?" || path[j] === "*" || path[j] === "+" ? path[j++] : "";
      const param = modifier === "*" || modifier === "+" ? `<path:${name}>` : `<${converter}${name}>`;
      if (modifier === "?" || modifier === "*") {
        // optional: the preceding slash belongs to the optional part (/users/:id? matches /users)
        const slash = out.endsWith("/") ? "/" : "";
        out = out.slice(0, out.length - slash.length) + OPT_OPEN + slash + param + OPT_CLOSE;
      } else {
        out += param;
      }
      i = j;
    } else if (c === "*") {
      let j = i + 1;
      while (j < path.length && /[\w$]/.test(path[j])) j++;
      out += `<path:${path.slice(i + 1, j) || "wildcard"}>`;
      i = j;
    } else if (c === "{") {
      out += OPT_OPEN;
      i++;
    } else if (c === "}") {
      out += OPT_CLOSE;
      i++;
    } else if (c === "\\" && i + 1 < path.length) {
      out += path[i + 1];
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return [...new Set(expandOptional(out).map(canonicalPath))];
}
