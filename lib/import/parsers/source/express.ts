/**
 * Express routes, read from JavaScript/TypeScript source (never required or run).
 *
 * Pass 1 reads each file on its own: apps (`express()`) and routers (`express.Router()`,
 * `Router()`), what every local name is bound to (require/import), what the file exports
 * (`module.exports`, `export default`, named exports), the route calls (`x.get('/p', h)`,
 * `x.route('/p').get(h).post(h)`) and the mounts (`x.use('/prefix', router)`).
 * Pass 2 resolves receivers and mounted routers across files to keys "file#name" and walks the
 * mount tree from the roots, joining prefixes.
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { canonicalPath, expandOptional, finishRoutes, joinUrl, normalizeFilePath, OPT_CLOSE, OPT_OPEN, warning } from "./common";
import { tokenizeJs } from "./js-lexer";
import { jsStaticString, parseJsExprAt, parseJsRange, resolveRelativeSpec, type JsExpr } from "./js-support";
import { isName, isPunct, matchingBracket, splitArguments, type Token } from "./tokens";

const ROUTE_METHODS: Record<string, string> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  head: "HEAD",
  options: "OPTIONS",
  all: "ANY",
};
/** Receivers we accept without knowing where they come from (a function parameter, `this.router`). */
const APP_LIKE_NAME = /^(?:app|router|server|api|routes|[A-Za-z_$][\w$]*(?:Router|Routes|App))$/;
const EXTENSIONS = [".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx"];

type Binding =
  | { kind: "app" }
  | { kind: "router" }
  /** `require(spec)` / `import … from spec`: the export `name` ("default", "*", or a named one). */
  | { kind: "import"; spec: string; name: string }
  /** `const a = b.c`: an alias, resolved when needed. */
  | { kind: "alias"; expr: JsExpr }
  /** `const API = '/api'`: a string constant, usable as a path. */
  | { kind: "const"; value: string };

type RouteCall = { receiver: string[]; method: string; path: JsExpr | undefined; handler: JsExpr | undefined; line: number };
type MountCall = { receiver: string[]; args: JsExpr[]; line: number };

type FileFacts = {
  file: string;
  bindings: Map<string, Binding>;
  /** Export name ("default" for `module.exports =` / `export default`) → the exported expression. */
  exports: Map<string, JsExpr>;
  routes: RouteCall[];
  mounts: MountCall[];
  /** Local names of the express module (`const express = require('express')`). */
  expressNames: Set<string>;
  /** Local names of express's Router factory (`import { Router } from 'express'`). */
  routerFactories: Set<string>;
};

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
  return finishRoutes(project.build(), issues);
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
// Pass 1: one file

function readFile(file: string, tokens: Token[]): FileFacts {
  const ff: FileFacts = {
    file,
    bindings: new Map(),
    exports: new Map(),
    routes: [],
    mounts: [],
    expressNames: new Set(["express"]),
    routerFactories: new Set(),
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "name" || isPunct(tokens[i - 1], ".") || isPunct(tokens[i - 1], "?.")) continue;
    if (t.value === "import" && !isPunct(tokens[i + 1], "(") && !isPunct(tokens[i + 1], ".")) readImport(tokens, i, ff);
    else if (t.value === "const" || t.value === "let" || t.value === "var") readDeclaration(tokens, i, ff);
    else if (t.value === "export") readExport(tokens, i, ff);
    else if (t.value === "module" || t.value === "exports") readCommonJsExport(tokens, i, ff);
    readCallChain(tokens, i, ff);
  }
  return ff;
}

/** `import express, { Router } from 'express'`, `import users from './routes/users.js'`, `import * as r from './r'`. */
function readImport(tokens: Token[], i: number, ff: FileFacts): void {
  let j = i + 1;
  if (isName(tokens[j], "type")) return; // TypeScript type-only import
  const names: Array<{ local: string; imported: string }> = [];
  while (j < tokens.length && !isName(tokens[j], "from") && tokens[j].kind !== "string") {
    const t = tokens[j];
    if (t.kind === "name" && !isPunct(tokens[j - 1], "as")) {
      names.push({ local: t.value, imported: "default" });
      j++;
    } else if (isPunct(t, "*") && isName(tokens[j + 1], "as")) {
      names.push({ local: tokens[j + 2]?.value ?? "", imported: "*" });
      j += 3;
    } else if (isPunct(t, "{")) {
      const close = matchingBracket(tokens, j);
      for (const [s, e] of splitArguments(tokens, j, close)) {
        if (isName(tokens[s], "type")) continue;
        const imported = tokens[s].value;
        const local = isName(tokens[s + 1], "as") && s + 2 < e ? tokens[s + 2].value : imported;
        names.push({ local, imported });
      }
      j = close + 1;
    } else {
      j++;
    }
  }
  const specToken = isName(tokens[j], "from") ? tokens[j + 1] : tokens[j];
  if (specToken?.kind !== "string") return;
  bindImported(ff, specToken.value, names);
}

function bindImported(ff: FileFacts, spec: string, names: Array<{ local: string; imported: string }>): void {
  for (const { local, imported } of names) {
    if (spec === "express") {
      if (imported === "default" || imported === "*") ff.expressNames.add(local);
      else if (imported === "Router") ff.routerFactories.add(local);
    } else {
      ff.bindings.set(local, { kind: "import", spec, name: imported });
    }
  }
}

/** `const app = express()`, `const users = require('./users')`, `const { Router } = require('express')`. */
function readDeclaration(tokens: Token[], i: number, ff: FileFacts): void {
  let j = i + 1;
  for (;;) {
    const target = tokens[j];
    if (target?.kind === "name") {
      j = skipTypeAnnotation(tokens, j + 1);
      if (!isPunct(tokens[j], "=")) return;
      const { expr, end } = parseJsExprAt(tokens, j + 1);
      bindValue(ff, target.value, expr);
      j = end;
    } else if (isPunct(target, "{")) {
      const close = matchingBracket(tokens, j);
      const after = skipTypeAnnotation(tokens, close + 1);
      if (!isPunct(tokens[after], "=")) return;
      const { expr, end } = parseJsExprAt(tokens, after + 1);
      const spec = requireSpec(expr);
      if (spec !== undefined) {
        const names = splitArguments(tokens, j, close).map(([s, e]) => ({
          imported: tokens[s].value,
          local: isPunct(tokens[s + 1], ":") && s + 2 < e ? tokens[s + 2].value : tokens[s].value,
        }));
        bindImported(ff, spec, names);
      }
      j = end;
    } else {
      return;
    }
    if (!isPunct(tokens[j], ",")) return;
    j++;
  }
}

/** Skips a TypeScript annotation `: Router` up to the `=` of a declaration. */
function skipTypeAnnotation(tokens: Token[], j: number): number {
  if (!isPunct(tokens[j], ":")) return j;
  let depth = 0;
  for (let k = j + 1; k < tokens.length && k < j + 64; k++) {
    const t = tokens[k];
    if (t.kind !== "punct") continue;
    if (t.value === "<" || t.value === "(" || t.value === "[" || t.value === "{") depth++;
    else if (t.value === ">" || t.value === ")" || t.value === "]" || t.value === "}") depth--;
    else if (t.value === "=" && depth <= 0) return k;
    else if (t.value === ";") return k;
  }
  return j;
}

/** What `name = expr` makes of `name`: an app, a router, an import, an alias — or nothing we track. */
function bindValue(ff: FileFacts, name: string, expr: JsExpr): void {
  const spec = requireSpec(expr);
  const literal = jsStaticString(expr);
  if (literal !== undefined) ff.bindings.set(name, { kind: "const", value: literal });
  else if (spec === "express") ff.expressNames.add(name);
  else if (spec !== undefined) ff.bindings.set(name, { kind: "import", spec, name: "default" });
  else if (expr.kind === "call" && expr.callee.kind === "name") {
    const parts = expr.callee.parts;
    if (parts.length === 1 && ff.expressNames.has(parts[0])) ff.bindings.set(name, { kind: "app" });
    else if (parts.length === 1 && ff.routerFactories.has(parts[0])) ff.bindings.set(name, { kind: "router" });
    else if (parts.length === 2 && ff.expressNames.has(parts[0]) && parts[1] === "Router") ff.bindings.set(name, { kind: "router" });
  } else if (expr.kind === "name" && expr.parts.length === 2 && ff.expressNames.has(expr.parts[0]) && expr.parts[1] === "Router") {
    ff.routerFactories.add(name); // const Router = express.Router
  } else if (expr.kind === "member" && requireSpec(expr.object) === "express" && expr.name === "Router") {
    ff.routerFactories.add(name); // const Router = require('express').Router
  } else if (expr.kind === "member" && requireSpec(expr.object) !== undefined) {
    ff.bindings.set(name, { kind: "import", spec: requireSpec(expr.object)!, name: expr.name });
  } else if (expr.kind === "name") {
    ff.bindings.set(name, { kind: "alias", expr });
  }
}

/** The module of a `require('x')` call, else undefined. */
function requireSpec(e: JsExpr): string | undefined {
  if (e.kind !== "call" || e.callee.kind !== "name" || e.callee.parts.length !== 1 || e.callee.parts[0] !== "require") return undefined;
  return jsStaticString(e.args[0]);
}

/** `export default router`, `export const router = …`, `export { a as b } [from './x']`. */
function readExport(tokens: Token[], i: number, ff: FileFacts): void {
  const next = tokens[i + 1];
  if (isName(next, "default")) {
    if (isName(tokens[i + 2], "function") || isName(tokens[i + 2], "class") || isName(tokens[i + 2], "async")) return;
    ff.exports.set("default", parseJsExprAt(tokens, i + 2).expr);
  } else if (isName(next, "const") || isName(next, "let") || isName(next, "var")) {
    const name = tokens[i + 2];
    if (name?.kind === "name") ff.exports.set(name.value, { kind: "name", parts: [name.value], line: name.line });
  } else if (isPunct(next, "{")) {
    const close = matchingBracket(tokens, i + 1);
    const from = isName(tokens[close + 1], "from") && tokens[close + 2]?.kind === "string" ? tokens[close + 2].value : undefined;
    for (const [s, e] of splitArguments(tokens, i + 1, close)) {
      const local = tokens[s].value;
      const exported = isName(tokens[s + 1], "as") && s + 2 < e ? tokens[s + 2].value : local;
      let target = local;
      if (from !== undefined) {
        target = `\u0000reexport:${exported}`; // a hidden local name bound to the re-exported import
        ff.bindings.set(target, { kind: "import", spec: from, name: local });
      }
      ff.exports.set(exported, { kind: "name", parts: [target], line: tokens[s].line });
    }
  }
}

/** `module.exports = router`, `module.exports = { users, posts: postsRouter }`, `exports.users = router`. */
function readCommonJsExport(tokens: Token[], i: number, ff: FileFacts): void {
  let j = i;
  if (isName(tokens[j], "module")) {
    if (!isPunct(tokens[j + 1], ".") || !isName(tokens[j + 2], "exports")) return;
    j += 2;
  }
  let exportName = "default";
  if (isPunct(tokens[j + 1], ".") && tokens[j + 2]?.kind === "name") {
    exportName = tokens[j + 2].value;
    j += 2;
  } else if (isName(tokens[i], "exports")) {
    return; // a bare `exports = …` rebinds the local only
  }
  if (!isPunct(tokens[j + 1], "=")) return;
  const valueAt = j + 2;
  if (exportName === "default" && isPunct(tokens[valueAt], "{")) {
    const close = matchingBracket(tokens, valueAt);
    for (const [s, e] of splitArguments(tokens, valueAt, close)) {
      if (tokens[s].kind !== "name") continue;
      const value = isPunct(tokens[s + 1], ":") ? parseJsRange(tokens, s + 2, e) : ({ kind: "name", parts: [tokens[s].value], line: tokens[s].line } as JsExpr);
      ff.exports.set(tokens[s].value, value);
    }
    return;
  }
  const value = tokens[valueAt];
  if (isName(value, "function") || isName(value, "class") || isName(value, "async")) return; // not a router
  ff.exports.set(exportName, parseJsExprAt(tokens, valueAt).expr);
}

/**
 * `recv.get('/p', …h)`, `recv.route('/p').get(h).post(h)`, `recv.use('/prefix', …, router)`.
 * A cheap look at the tokens first (name(.name)*.method( ) avoids parsing every expression.
 */
function readCallChain(tokens: Token[], i: number, ff: FileFacts): void {
  let j = i;
  while (isPunct(tokens[j + 1], ".") && tokens[j + 2]?.kind === "name") j += 2;
  if (j === i || !isPunct(tokens[j + 1], "(")) return;
  const method = tokens[j].value;
  if (!(method in ROUTE_METHODS) && method !== "use" && method !== "route") return;
  const { expr } = parseJsExprAt(tokens, i);
  const chain = unwindChain(expr);
  if (!chain) return;
  const [first, ...rest] = chain.calls;
  const receiver = chain.receiver;
  if (first.name === "use") {
    ff.mounts.push({ receiver, args: first.args, line: first.line });
  } else if (first.name === "route") {
    for (const c of rest) {
      if (c.name in ROUTE_METHODS) ff.routes.push({ receiver, method: ROUTE_METHODS[c.name], path: first.args[0], handler: c.args.at(-1), line: c.line });
    }
  } else {
    // `app.get('env')` reads a setting: a route needs a path and at least one handler
    for (const c of [first, ...rest]) {
      if (c.name in ROUTE_METHODS && c.args.length >= 2) ff.routes.push({ receiver, method: ROUTE_METHODS[c.name], path: c.args[0], handler: c.args.at(-1), line: c.line });
    }
  }
}

type ChainCall = { name: string; args: JsExpr[]; line: number };

/** `a.b.route('/x').get(h).post(h)` → receiver ["a","b"], calls [route, get, post]. */
function unwindChain(expr: JsExpr): { receiver: string[]; calls: ChainCall[] } | undefined {
  const calls: ChainCall[] = [];
  let e: JsExpr = expr;
  while (e.kind === "call") {
    const callee: JsExpr = e.callee;
    if (callee.kind === "member") {
      calls.unshift({ name: callee.name, args: e.args, line: callee.line });
      e = callee.object;
    } else if (callee.kind === "name" && callee.parts.length >= 2) {
      calls.unshift({ name: callee.parts[callee.parts.length - 1], args: e.args, line: callee.line });
      return { receiver: callee.parts.slice(0, -1), calls };
    } else {
      return undefined;
    }
  }
  return undefined;
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
    const prefixes = pathArg === undefined || !looksLikePath(pathArg, ff) ? [""] : staticPaths(pathArg, ff);
    for (const child of children) this.mounted.add(child);
    if (!prefixes) {
      this.issues.push(warning(ff.file, m.line, "The mount path here cannot be resolved statically (a variable or template); the routes of the mounted router are not listed"));
      return;
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
    const paths = call.path ? staticPaths(call.path, ff) : undefined;
    if (!paths) {
      const what = call.path?.kind === "regex" ? "a regular expression" : call.path?.kind === "str" ? "a template with ${…}" : "computed";
      this.issues.push(warning(ff.file, call.line, `The route path is ${what} and cannot be expressed statically; route not listed`));
      return;
    }
    const handler = this.handlerOf(ff, call.handler, call.line);
    for (const p of paths) {
      for (const path of expressPathVariants(joinUrl(prefix, p) || "/")) {
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
    if (binding.kind === "app" || binding.kind === "router" || binding.kind === "const") return rest.length === 0 ? `${ff.file}#${head}` : undefined;
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
