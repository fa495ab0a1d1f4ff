// Over 400 lines: each declaration form (import, require, export, chain, loop) is a short reader; splitting them would scatter one pass.
/**
 * Pass 1 of the Express parser: what one file declares, read from its tokens alone — apps
 * (`express()`) and routers (`express.Router()`, `Router()`), what every local name is bound to
 * (require/import, string constants, literal arrays), what the file exports, the route calls
 * (`x.get('/p', h)`, `x.route('/p').get(h).post(h)`) and the mounts (`x.use('/prefix', router)`),
 * also when they are chained on a fresh router (`Router().use('/api', api)`) or repeated by
 * `list.forEach((r) => router.use(r.path, r.route))` over a literal array.
 */
import { jsStaticString, parseJsExprAt, parseJsRange, type JsExpr } from "./js-support";
import { isName, isPunct, matchingBracket, splitArguments, type Token } from "./tokens";

export const ROUTE_METHODS: Record<string, string> = {
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
export const APP_LIKE_NAME = /^(?:app|router|server|api|routes|[A-Za-z_$][\w$]*(?:Router|Routes|App))$/;
export const EXTENSIONS = [".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx"];

export type Binding =
  | { kind: "app" }
  | { kind: "router" }
  /** `require(spec)` / `import … from spec`: the export `name` ("default", "*", or a named one). */
  | { kind: "import"; spec: string; name: string }
  /** `const a = b.c`: an alias, resolved when needed. */
  | { kind: "alias"; expr: JsExpr }
  /** `const API = '/api'`: a string constant, usable as a path. */
  | { kind: "const"; value: string }
  /** `const routes = [{ path: '/auth', route: authRoute }, …]`: a literal array (for `forEach`). */
  | { kind: "list"; items: JsExpr[] };

export type RouteCall = { receiver: string[]; method: string; path: JsExpr | undefined; handler: JsExpr | undefined; line: number };
export type MountCall = { receiver: string[]; args: JsExpr[]; line: number };

export type FileFacts = {
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

export function readFile(file: string, tokens: Token[]): FileFacts {
  const ff: FileFacts = {
    file,
    bindings: new Map(),
    exports: new Map(),
    routes: [],
    mounts: [],
    expressNames: new Set(["express"]),
    routerFactories: new Set(),
  };
  scan(tokens, 0, tokens.length, ff, new Map());
  return ff;
}

/** Names standing for values while a `forEach` callback is read: `route` → one item of the array. */
type Env = Map<string, JsExpr>;

function scan(tokens: Token[], start: number, end: number, ff: FileFacts, env: Env): void {
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t.kind !== "name" || isPunct(tokens[i - 1], ".") || isPunct(tokens[i - 1], "?.")) continue;
    if (t.value === "import" && !isPunct(tokens[i + 1], "(") && !isPunct(tokens[i + 1], ".")) readImport(tokens, i, ff);
    else if (t.value === "const" || t.value === "let" || t.value === "var") readDeclaration(tokens, i, ff);
    else if (t.value === "export") readExport(tokens, i, ff);
    else if (t.value === "module" || t.value === "exports") readCommonJsExport(tokens, i, ff);
    const after = readForEach(tokens, i, ff, env) ?? readForOf(tokens, i, ff, env);
    if (after !== undefined) i = after - 1;
    else readCallChain(tokens, i, ff, env);
  }
}

/**
 * `list.forEach((route) => { router.use(route.path, route.route) })` over a literal array: the
 * callback's body is read once per item, `route.path` standing for that item's `path`. Returns the
 * index after the callback, or undefined when this is not such a loop.
 */
function readForEach(tokens: Token[], i: number, ff: FileFacts, env: Env): number | undefined {
  if (!isPunct(tokens[i + 1], ".") || !isName(tokens[i + 2], "forEach") || !isPunct(tokens[i + 3], "(")) return undefined;
  const list = ff.bindings.get(tokens[i].value);
  if (list?.kind !== "list") return undefined;
  const close = matchingBracket(tokens, i + 3);
  const callback = parseJsRange(tokens, i + 4, close);
  if (callback.kind !== "func" || !callback.body || !callback.params?.[0]) return undefined;
  for (const item of list.items) scan(tokens, callback.body[0], callback.body[1], ff, new Map([...env, [callback.params[0], item]]));
  return close + 1;
}

/**
 * `for (const [url, file] of libFiles) { app.get(url, h) }` over a literal array (or a
 * `new Map([...])` of literal pairs): the body once per item, the loop's names bound to its parts.
 */
function readForOf(tokens: Token[], i: number, ff: FileFacts, env: Env): number | undefined {
  if (!isName(tokens[i], "for") || !isPunct(tokens[i + 1], "(")) return undefined;
  const close = matchingBracket(tokens, i + 1);
  let of = -1;
  for (let k = i + 2; k < close; k++) if (isName(tokens[k], "of")) of = k;
  if (of < 0 || !isPunct(tokens[close + 1], "{")) return undefined;
  const source = tokens[of + 1];
  const list = source?.kind === "name" && of + 2 === close ? ff.bindings.get(source.value) : undefined;
  if (list?.kind !== "list") return undefined;
  const start = isName(tokens[i + 2], "const") || isName(tokens[i + 2], "let") || isName(tokens[i + 2], "var") ? i + 3 : i + 2;
  const pattern = tokens.slice(start, of);
  const bodyEnd = matchingBracket(tokens, close + 1);
  for (const item of list.items) {
    const inner = new Map(env);
    if (pattern.length === 1 && pattern[0].kind === "name") inner.set(pattern[0].value, item);
    else if (isPunct(pattern[0], "[") && item.kind === "array") {
      pattern.filter((t) => t.kind === "name").forEach((t, n) => item.items[n] && inner.set(t.value, item.items[n]));
    } else if (isPunct(pattern[0], "{") && item.kind === "object") {
      pattern.filter((t) => t.kind === "name").forEach((t) => item.props.has(t.value) && inner.set(t.value, item.props.get(t.value)!));
    }
    scan(tokens, close + 2, bodyEnd, ff, inner);
  }
  return bodyEnd + 1;
}

/** An expression with the names of `env` replaced by their values (`route.path` → '/auth'). */
function substitute(e: JsExpr, env: Env): JsExpr {
  if (env.size === 0) return e;
  if (e.kind === "name" && env.has(e.parts[0])) {
    let value: JsExpr | undefined = env.get(e.parts[0]);
    for (const part of e.parts.slice(1)) value = value?.kind === "object" ? value.props.get(part) : undefined;
    return value ?? e;
  }
  if (e.kind === "call") return { ...e, args: e.args.map((a) => substitute(a, env)) };
  if (e.kind === "add") return { ...e, left: substitute(e.left, env), right: substitute(e.right, env) };
  if (e.kind === "array") return { ...e, items: e.items.map((x) => substitute(x, env)) };
  return e;
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
  const chained = freshRouterChain(ff, expr);
  if (literal !== undefined) ff.bindings.set(name, { kind: "const", value: literal });
  else if (expr.kind === "array") ff.bindings.set(name, { kind: "list", items: expr.items });
  else if (expr.kind === "call" && expr.callee.kind === "name" && expr.callee.parts.join(".") === "Map" && expr.args[0]?.kind === "array") {
    ff.bindings.set(name, { kind: "list", items: expr.args[0].items }); // new Map([[k, v], …]) iterates as its pairs
  } else if (chained) {
    // `const api = Router().use(a).get('/x', h)`: a router, with the chained calls on it
    ff.bindings.set(name, { kind: chained.kind });
    recordChain(ff, [name], chained.calls, new Map());
  } else if (spec === "express") ff.expressNames.add(name);
  else if (spec !== undefined) ff.bindings.set(name, { kind: "import", spec, name: "default" });
  else if (creates(ff, expr)) ff.bindings.set(name, { kind: creates(ff, expr)! });
  else if (expr.kind === "name" && expr.parts.length === 2 && ff.expressNames.has(expr.parts[0]) && expr.parts[1] === "Router") {
    ff.routerFactories.add(name); // const Router = express.Router
  } else if (expr.kind === "member" && requireSpec(expr.object) === "express" && expr.name === "Router") {
    ff.routerFactories.add(name); // const Router = require('express').Router
  } else if (expr.kind === "member" && requireSpec(expr.object) !== undefined) {
    ff.bindings.set(name, { kind: "import", spec: requireSpec(expr.object)!, name: expr.name });
  } else if (expr.kind === "name") {
    ff.bindings.set(name, { kind: "alias", expr });
  }
}

/** `express()` / `Router()` / `express.Router()`: the kind of what the call creates, else undefined. */
function creates(ff: FileFacts, e: JsExpr): "app" | "router" | undefined {
  if (e.kind === "call" && e.callee.kind === "member" && e.callee.name === "Router" && requireSpec(e.callee.object) === "express") return "router";
  if (e.kind !== "call" || e.callee.kind !== "name") return undefined;
  const parts = e.callee.parts;
  if (parts.length === 1 && ff.expressNames.has(parts[0])) return "app";
  if (parts.length === 1 && ff.routerFactories.has(parts[0])) return "router";
  if (parts.length === 2 && ff.expressNames.has(parts[0]) && parts[1] === "Router") return "router";
  return undefined;
}

/** `Router().use(...).get(...)`: calls chained on a router created in place. */
function freshRouterChain(ff: FileFacts, e: JsExpr): { kind: "app" | "router"; calls: ChainCall[] } | undefined {
  const calls: ChainCall[] = [];
  while (e.kind === "call" && e.callee.kind === "member") {
    calls.unshift({ name: e.callee.name, args: e.args, line: e.callee.line });
    e = e.callee.object;
  }
  const kind = calls.length ? creates(ff, e) : undefined;
  return kind ? { kind, calls } : undefined;
}

/** A name for a router created and exported in one expression (`export default Router().use(...)`). */
const ANONYMOUS = "\u0000exported";

/** Binds an exported expression; a router built in place gets a hidden name. */
function exportValue(ff: FileFacts, exportName: string, expr: JsExpr): void {
  const chained = freshRouterChain(ff, expr);
  if (!chained) {
    ff.exports.set(exportName, expr);
    return;
  }
  const local = `${ANONYMOUS}:${exportName}`;
  ff.bindings.set(local, { kind: chained.kind });
  recordChain(ff, [local], chained.calls, new Map());
  ff.exports.set(exportName, { kind: "name", parts: [local], line: expr.line });
}

/** The module of a `require('x')` call, else undefined. */
export function requireSpec(e: JsExpr): string | undefined {
  if (e.kind !== "call" || e.callee.kind !== "name" || e.callee.parts.length !== 1 || e.callee.parts[0] !== "require") return undefined;
  return jsStaticString(e.args[0]);
}

/** `export default router`, `export const router = …`, `export { a as b } [from './x']`. */
function readExport(tokens: Token[], i: number, ff: FileFacts): void {
  const next = tokens[i + 1];
  if (isName(next, "default")) {
    if (isName(tokens[i + 2], "function") || isName(tokens[i + 2], "class") || isName(tokens[i + 2], "async")) return;
    exportValue(ff, "default", parseJsExprAt(tokens, i + 2).expr);
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
  exportValue(ff, exportName, parseJsExprAt(tokens, valueAt).expr);
}

/**
 * `recv.get('/p', …h)`, `recv.route('/p').get(h).post(h)`, `recv.use('/prefix', …, router)`.
 * A cheap look at the tokens first (name(.name)*.method( ) avoids parsing every expression.
 */
function readCallChain(tokens: Token[], i: number, ff: FileFacts, env: Env): void {
  let j = i;
  while (isPunct(tokens[j + 1], ".") && tokens[j + 2]?.kind === "name") j += 2;
  if (j === i || !isPunct(tokens[j + 1], "(")) return;
  const method = tokens[j].value;
  if (!(method in ROUTE_METHODS) && method !== "use" && method !== "route") return;
  const { expr } = parseJsExprAt(tokens, i);
  const chain = unwindChain(expr);
  if (!chain) return;
  recordChain(ff, chain.receiver, chain.calls, env);
}

/** The routes and mounts of calls chained on one receiver. */
function recordChain(ff: FileFacts, receiver: string[], raw: ChainCall[], env: Env): void {
  const calls = env.size ? raw.map((c) => ({ ...c, args: c.args.map((a) => substitute(a, env)) })) : raw;
  const [first, ...rest] = calls;
  if (first.name === "use") {
    // `.use(a).use('/p', b)`: every use of the chain mounts on the receiver
    for (const c of calls) if (c.name === "use") ff.mounts.push({ receiver, args: c.args, line: c.line });
  } else if (first.name === "route") {
    for (const c of rest) {
      if (c.name in ROUTE_METHODS) ff.routes.push({ receiver, method: ROUTE_METHODS[c.name], path: first.args[0], handler: c.args.at(-1), line: c.line });
    }
  } else {
    // `app.get('env')` reads a setting: a route needs a path and at least one handler
    for (const c of [first, ...rest]) {
      if (c.name in ROUTE_METHODS && c.args.length >= 2)
        ff.routes.push({ receiver, method: ROUTE_METHODS[c.name], path: c.args[0], handler: c.args.at(-1), line: c.line });
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
