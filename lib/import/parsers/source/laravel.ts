// Over 400 lines: one reader class for the whole routing DSL (groups, files, loops, resources); values are in laravel-values.ts.
/**
 * Laravel routes, read from `routes/*.php` (never run). The files are scanned for `Route::…`
 * call chains; a chain is read as [group attributes…] definer [route modifiers…]:
 *
 *   Route::prefix('admin')->middleware('auth')->group(function () { … })   a group
 *   Route::get('/user/{id}', [UserController::class, 'show'])->where('id', '[0-9]+')   a route
 *   Route::resource('photos', PhotoController::class)->only(['index', 'show'])   resource routes
 *
 * Group closures are read with the group's prefix, controller and constraints; a group can also
 * load a file (`->group(base_path('routes/admin.php'))`, `require __DIR__.'/auth.php'`).
 * routes/api.php gets the `/api` prefix Laravel gives it.
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { finishRoutes, joinUrl, normalizeFilePath, normalizeMethod, placeholderNames, showPlaceholders, warning } from "./common";
import { addWhere, laravelPathVariants, listOption, normalizeDots, stringList } from "./laravel-values";
import { singularize } from "./inflect";
import { tokenizePhp } from "./php-lexer";
import {
  className,
  isRequire,
  isRouteFacade,
  joinNamespace,
  parseExpr,
  readChain,
  readFileVars,
  readForeach,
  readUses,
  staticString,
  statementEnd,
  uriText,
  withVars,
  type Call,
  type PhpExpr,
} from "./php-support";
import { MAX_NESTING, type Token } from "./tokens";

type Ctx = {
  prefix: string;
  controller?: string;
  namespace?: string;
  /** Parameter constraints (name → regex or a where* kind), from groups, `Route::pattern` and the route. */
  where: Map<string, string>;
  /** Set under a prefix that cannot be resolved: nothing inside is listed (one warning says why). */
  blocked?: boolean;
  /** How many groups deep (see MAX_NESTING). */
  depth?: number;
  /** The variables of a `foreach` being read (`$endpoint`, `$controller`). */
  vars?: Map<string, PhpExpr>;
};

type ParsedFile = { path: string; tokens: Token[]; uses: Map<string, string>; vars: Map<string, PhpExpr> };

const VERBS: Record<string, string> = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE", options: "OPTIONS", any: "ANY" };
const RESOURCE_ACTIONS: Array<{ name: string; methods: string[]; suffix?: string; member: boolean; api: boolean }> = [
  { name: "index", methods: ["GET"], member: false, api: true },
  { name: "create", methods: ["GET"], suffix: "create", member: false, api: false },
  { name: "store", methods: ["POST"], member: false, api: true },
  { name: "show", methods: ["GET"], member: true, api: true },
  { name: "edit", methods: ["GET"], suffix: "edit", member: true, api: false },
  { name: "update", methods: ["PUT", "PATCH"], member: true, api: true },
  { name: "destroy", methods: ["DELETE"], member: true, api: true },
];
const DEFINERS = new Set([
  ...Object.keys(VERBS),
  "match",
  "view",
  "redirect",
  "permanentRedirect",
  "resource",
  "resources",
  "apiResource",
  "apiResources",
  "group",
]);
/** Route:: calls that are group attributes or declare no path. */
const NO_ROUTE_CALLS = new Set([
  "pattern",
  "patterns",
  "bind",
  "model",
  "fallback",
  "macro",
  "middleware",
  "withoutMiddleware",
  "prefix",
  "name",
  "as",
  "domain",
  "controller",
  "namespace",
  "where",
  "scopeBindings",
  "withoutScopedBindings",
  "can",
  "missing",
  "withTrashed",
  "current",
  "currentRouteName",
  "currentRouteAction",
  "has",
  "is",
  "getRoutes",
  "substituteBindings",
]);
const WHERE_KINDS: Record<string, string> = {
  whereNumber: "[0-9]+",
  whereUuid: "uuid",
  whereAlpha: "[a-zA-Z]+",
  whereAlphaNumeric: "[a-zA-Z0-9]+",
  whereUlid: "ulid",
  whereIn: "in",
};

export function parseLaravelRoutes(files: SourceFile[]): ParseResult<RouteRecord> {
  const issues: ParseIssue[] = [];
  const out: RouteRecord[] = [];
  const routeFiles = new Map<string, SourceFile>();
  for (const f of files) {
    const path = normalizeFilePath(f.path);
    if (/(^|\/)routes\/.+\.php$/.test(path) && !/(^|\/)vendor\//.test(path)) routeFiles.set(path, { path, text: f.text });
  }
  const reader = new Reader(routeFiles, issues, out);
  reader.run();
  return finishRoutes(out, issues);
}

export { laravelPathVariants } from "./laravel-values";

class Reader {
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly included = new Set<string>();
  private readonly globalPatterns = new Map<string, string>();

  constructor(
    readonly files: Map<string, SourceFile>,
    readonly issues: ParseIssue[],
    readonly out: RouteRecord[],
  ) {}

  run(): void {
    const paths = [...this.files.keys()].sort();
    // Files loaded by another (group(base_path(...)), require) are read there, with its prefix.
    // Only files that can load a file or set a global pattern need this first look.
    for (const p of paths) {
      const text = this.files.get(p)!.text;
      if (/require|include|base_path|__DIR__|pattern/.test(text)) this.collectIncludesAndPatterns(this.parse(p));
    }
    for (const p of paths) {
      if (this.included.has(p)) continue;
      const isApi = /(^|\/)routes\/api\.php$/.test(p);
      const pf = this.parse(p);
      this.readRange(pf, 0, pf.tokens.length, { prefix: isApi ? "/api" : "", where: new Map(this.globalPatterns) }, []);
      this.parsed.delete(p); // a root file is read once; its tokens can go
    }
  }

  private parse(path: string): ParsedFile {
    let pf = this.parsed.get(path);
    if (!pf) {
      const tokens = tokenizePhp(this.files.get(path)!.text);
      pf = { path, tokens, uses: readUses(tokens), vars: readFileVars(tokens) };
      this.parsed.set(path, pf);
    }
    return pf;
  }

  /** First pass over a file: which files it loads, and `Route::pattern(...)` (global constraints). */
  private collectIncludesAndPatterns(pf: ParsedFile): void {
    const t = pf.tokens;
    for (let i = 0; i < t.length; i++) {
      if (isRequire(t[i])) {
        const target = this.includeTarget(pf, parseExpr(t, i + 1, statementEnd(t, i + 1)));
        if (target) this.included.add(target);
      } else if (isRouteFacade(t, i)) {
        const { calls } = readChain(t, i);
        for (const c of calls) {
          if (c.name === "group") {
            const target = c.args.length === 1 ? this.includeTarget(pf, c.args[0]) : undefined;
            if (target) this.included.add(target);
          } else if (c.name === "pattern" || c.name === "patterns") {
            addWhere(this.globalPatterns, c.args);
          }
        }
      }
    }
  }

  /** Reads the statements of tokens [start, end) in a context. */
  private readRange(pf: ParsedFile, start: number, end: number, ctx: Ctx, stack: string[]): void {
    const t = pf.tokens;
    let i = start;
    while (i < end) {
      if (isRouteFacade(t, i)) {
        const { calls, end: chainEnd } = readChain(t, i);
        this.chain(pf, calls, ctx, stack);
        i = chainEnd;
      } else if (isRequire(t[i])) {
        const stop = statementEnd(t, i + 1);
        this.loadFile(pf, parseExpr(t, i + 1, stop), ctx, stack, t[i].line);
        i = stop;
      } else if (t[i].kind === "name" && t[i].value === "foreach") {
        i = this.foreach(pf, i, ctx, stack);
      } else {
        i++;
      }
    }
  }

  /** `foreach ([...] as $key => $value) { Route::… }`: the body once per item of a literal array. */
  private foreach(pf: ParsedFile, i: number, ctx: Ctx, stack: string[]): number {
    const loop = readForeach(pf.tokens, i);
    if (!loop) return i + 1;
    const vars = new Map([...pf.vars, ...(ctx.vars ?? [])]);
    const list = withVars(loop.list, vars);
    const body = pf.tokens.slice(loop.body[0], loop.body[1]);
    if (!body.some((tok) => tok.kind === "name" && tok.value === "Route")) return loop.end;
    if (list.kind !== "array") {
      this.warn(pf.path, pf.tokens[i].line, "foreach over a value that is not a literal array; the routes inside are not listed");
      return loop.end;
    }
    for (const item of list.items) {
      const inner = new Map(vars);
      inner.set(loop.value, item.value);
      if (loop.key && item.key) inner.set(loop.key, item.key);
      this.readRange(pf, loop.body[0], loop.body[1], { ...ctx, vars: inner }, stack);
    }
    return loop.end;
  }

  /** One `Route::…` chain: group attributes, then a definer, then route modifiers. */
  private chain(pf: ParsedFile, raw: Call[], ctx: Ctx, stack: string[]): void {
    const calls = ctx.vars ? raw.map((c) => ({ ...c, args: c.args.map((a) => withVars(a, ctx.vars!)) })) : raw;
    const at = calls.findIndex((c) => DEFINERS.has(c.name));
    if (at < 0) {
      // Route::pattern, Route::bind, Route::fallback… declare no path; a package macro (Route::feeds(),
      // Route::auth()) registers routes the text does not show: say so
      const first = calls[0];
      if (first && !NO_ROUTE_CALLS.has(first.name) && !(first.name in WHERE_KINDS)) {
        this.warn(pf.path, first.line, `Route::${first.name}() registers routes the files do not show (a package's macro?); they are not listed`);
      }
      return;
    }
    let inner = ctx;
    for (const c of calls.slice(0, at)) inner = this.applyAttribute(pf, inner, c);
    const definer = calls[at];
    const modifiers = calls.slice(at + 1);
    if (definer.name === "group") return this.group(pf, definer, inner, stack);
    // ->where(...) after the definer constrains this route only
    const routeCtx = modifiers.reduce((c, m) => this.applyAttribute(pf, c, m), inner);
    if (routeCtx.blocked) return;
    if (definer.name.startsWith("resource") || definer.name.startsWith("apiResource")) {
      return this.resources(pf, definer, modifiers, routeCtx);
    }
    this.route(pf, definer, routeCtx);
  }

  /** prefix / controller / namespace / where* (group attributes; also accepted on a route). */
  private applyAttribute(pf: ParsedFile, ctx: Ctx, c: Call): Ctx {
    const arg = c.args[0];
    switch (c.name) {
      case "prefix": {
        const prefix = staticString(arg) ?? uriText(arg);
        if (prefix === undefined) {
          this.warn(pf.path, c.line, "The group prefix here cannot be resolved statically; the routes inside are not listed");
          return { ...ctx, blocked: true };
        }
        const unknown = placeholderNames(prefix);
        if (unknown.length)
          this.warn(
            pf.path,
            c.line,
            `The group prefix here cannot be resolved statically; the routes inside are listed with ${unknown.join(", ")} in its place`,
          );
        return { ...ctx, prefix: joinUrl(ctx.prefix, prefix) };
      }
      case "controller":
        return arg?.kind === "class" || arg?.kind === "str" ? { ...ctx, controller: className(arg) } : ctx;
      case "namespace":
        return staticString(arg) !== undefined ? { ...ctx, namespace: joinNamespace(ctx.namespace, staticString(arg)!) } : ctx;
      case "where": {
        const where = new Map(ctx.where);
        addWhere(where, c.args);
        return { ...ctx, where };
      }
      default: {
        if (c.name in WHERE_KINDS) {
          const where = new Map(ctx.where);
          const names = arg?.kind === "array" ? arg.items.map((i) => staticString(i.value)) : [staticString(arg)];
          for (const n of names) if (n !== undefined) where.set(n, WHERE_KINDS[c.name]);
          return { ...ctx, where };
        }
        return ctx; // middleware, name, as, domain, withoutMiddleware… do not change paths
      }
    }
  }

  /** `->group(function () { … })`, `Route::group([...attributes], function () { … })`, `->group(base_path('routes/x.php'))`. */
  private group(pf: ParsedFile, c: Call, ctx: Ctx, stack: string[]): void {
    let inner = ctx;
    const body = c.args[c.args.length - 1];
    if (c.args.length >= 2 && c.args[0].kind === "array") inner = this.groupArray(pf, c.args[0], ctx, c.line);
    if (inner.blocked) return;
    if ((ctx.depth ?? 0) >= MAX_NESTING) {
      this.warn(pf.path, c.line, "Groups nested this deep are not read; the routes inside are not listed");
      return;
    }
    inner = { ...inner, depth: (ctx.depth ?? 0) + 1 };
    if (body?.kind === "closure") this.readRange(pf, body.body[0], body.body[1], inner, stack);
    else if (body) this.loadFile(pf, body, inner, stack, c.line);
  }

  /** `['prefix' => 'admin', 'namespace' => 'Admin', 'where' => [...]]`. */
  private groupArray(pf: ParsedFile, attrs: Extract<PhpExpr, { kind: "array" }>, ctx: Ctx, line: number): Ctx {
    let inner = ctx;
    for (const { key, value } of attrs.items) {
      const k = staticString(key);
      if (k === "prefix" || k === "namespace" || k === "controller") inner = this.applyAttribute(pf, inner, { name: k, args: [value], line });
      else if (k === "where" && value.kind === "array") inner = this.applyAttribute(pf, inner, { name: "where", args: [value], line });
    }
    return inner;
  }

  /** Reads another route file in the current context (a group file, `require __DIR__.'/auth.php'`). */
  private loadFile(pf: ParsedFile, e: PhpExpr, ctx: Ctx, stack: string[], line: number): void {
    const target = this.includeTarget(pf, e);
    if (!target) {
      this.warn(pf.path, line, "Cannot resolve the route file loaded here; its routes are not listed");
      return;
    }
    if (stack.includes(target)) return;
    const inner = this.parse(target);
    this.readRange(inner, 0, inner.tokens.length, ctx, [...stack, pf.path]);
  }

  /** `base_path('routes/admin.php')`, `__DIR__.'/auth.php'`, `'routes/x.php'` → a path among the files. */
  private includeTarget(pf: ParsedFile, e: PhpExpr): string | undefined {
    const root = pf.path.replace(/(^|\/)routes\/.*$/, "$1");
    const dir = pf.path.split("/").slice(0, -1).join("/");
    let candidate: string | undefined;
    if (e.kind === "call" && e.name === "base_path") {
      const rel = staticString(e.args[0]);
      candidate = rel === undefined ? undefined : root + rel.replace(/^\/+/, "");
    } else if (e.kind === "concat" && e.parts[0]?.kind === "name" && e.parts[0].name === "__DIR__") {
      const rel = staticString({ kind: "concat", parts: e.parts.slice(1), line: e.line });
      candidate = rel === undefined ? undefined : normalizeDots(`${dir}/${rel.replace(/^\/+/, "")}`);
    } else {
      const rel = staticString(e);
      candidate = rel === undefined ? undefined : rel.startsWith("routes/") ? root + rel : normalizeDots(`${dir}/${rel}`);
    }
    return candidate !== undefined && this.files.has(candidate) ? candidate : undefined;
  }

  /** Route::get/post/…/any/match/view/redirect. */
  private route(pf: ParsedFile, c: Call, ctx: Ctx): void {
    let methods: string[];
    let args = c.args;
    if (c.name === "match") {
      const list = args[0]?.kind === "array" ? args[0].items.map((i) => staticString(i.value)) : [staticString(args[0])];
      methods = list.map((m) => (m === undefined ? undefined : normalizeMethod(m))).filter((m): m is string => m !== undefined);
      args = args.slice(1);
      if (!methods.length) {
        this.warn(pf.path, c.line, "Route::match methods cannot be read statically; route not listed");
        return;
      }
    } else if (c.name === "view") {
      methods = ["GET"];
    } else if (c.name === "redirect" || c.name === "permanentRedirect") {
      methods = ["ANY"]; // Laravel registers redirects for every method
    } else {
      methods = [VERBS[c.name]];
    }
    const uri = staticString(args[0]) ?? uriText(args[0]);
    if (uri === undefined) {
      this.warn(pf.path, c.line, "The route URI here cannot be resolved statically (a variable or interpolation); route not listed");
      return;
    }
    const unknown = placeholderNames(uri);
    if (unknown.length)
      this.warn(pf.path, c.line, `The route URI here cannot be resolved statically; the route is listed with ${unknown.join(", ")} in its place`);
    let handler: { name: string; module?: string } | undefined;
    if (c.name === "view") handler = { name: `view:${staticString(args[1]) ?? "?"}` };
    else if (c.name === "redirect" || c.name === "permanentRedirect") handler = { name: `redirect:${staticString(args[1]) ?? "?"}` };
    else handler = this.action(pf, args[1], ctx);
    this.emit(pf, methods, joinUrl(ctx.prefix, uri), handler, c.line, ctx);
  }

  /** The "Controller@method" of a route action. */
  private action(pf: ParsedFile, e: PhpExpr | undefined, ctx: Ctx): { name: string; module?: string } | undefined {
    if (!e) return undefined;
    if (e.kind === "closure") return { name: "<closure>" };
    if (e.kind === "class") return this.controllerAction(pf, e.name, "__invoke", ctx, true); // an invokable controller
    if (e.kind === "str" && !e.dynamic) {
      if (e.value.includes("@")) {
        const [controller, method] = e.value.split("@");
        return this.controllerAction(pf, controller, method, ctx, false);
      }
      // inside Route::controller(X::class)->group(...), a string names the method
      return ctx.controller ? this.controllerAction(pf, ctx.controller, e.value, ctx, true) : { name: e.value };
    }
    if (e.kind === "array") {
      const uses = e.items.find((i) => staticString(i.key) === "uses");
      if (uses) return this.action(pf, uses.value, ctx);
      const closure = e.items.find((i) => i.value.kind === "closure");
      if (closure) return { name: "<closure>" };
      const [first, second] = e.items.filter((i) => !i.key).map((i) => i.value);
      const method = staticString(second);
      if (first && (first.kind === "class" || first.kind === "str") && method !== undefined) {
        return this.controllerAction(pf, className(first), method, ctx, first.kind === "class");
      }
    }
    return undefined;
  }

  /**
   * "Controller@method", and the controller's full class name as the module when the file says it:
   * `X::class` resolves through the `use` imports like PHP does; a string names a class relative
   * to the group namespace (old-style routes), never through `use`.
   */
  private controllerAction(pf: ParsedFile, controller: string, method: string, ctx: Ctx, isClassConstant: boolean): { name: string; module?: string } {
    let name = controller.replace(/^\\/, "");
    if (!isClassConstant && ctx.namespace && !controller.startsWith("\\")) name = joinNamespace(ctx.namespace, name);
    const [head, ...rest] = name.split("\\");
    let module: string | undefined;
    if (isClassConstant && pf.uses.has(head)) module = [pf.uses.get(head)!, ...rest].join("\\");
    else if (name.includes("\\")) module = name;
    return { name: `${name}@${method}`, ...(module ? { module } : {}) };
  }

  /** Route::resource / apiResource / resources / apiResources. */
  private resources(pf: ParsedFile, c: Call, modifiers: Call[], ctx: Ctx): void {
    const api = c.name.startsWith("api");
    const pairs: Array<[PhpExpr | undefined, PhpExpr | undefined]> = [];
    if (c.name.endsWith("s") && c.args[0]?.kind === "array") for (const item of c.args[0].items) pairs.push([item.key, item.value]);
    else pairs.push([c.args[0], c.args[1]]);
    const options = c.name.endsWith("s") ? c.args[1] : c.args[2];
    let only = listOption(options, "only");
    let except = listOption(options, "except");
    let shallow = false;
    const parameters = new Map<string, string>();
    for (const m of modifiers) {
      if (m.name === "only") only = stringList(m.args);
      else if (m.name === "except") except = stringList(m.args);
      else if (m.name === "shallow") shallow = true;
      else if (m.name === "parameters" && m.args[0]?.kind === "array") {
        for (const { key, value } of m.args[0].items) {
          const k = staticString(key);
          const v = staticString(value);
          if (k !== undefined && v !== undefined) parameters.set(k, v);
        }
      }
    }
    for (const [nameExpr, controllerExpr] of pairs) {
      const name = staticString(nameExpr);
      if (name === undefined) {
        this.warn(pf.path, c.line, "The resource name here cannot be resolved statically; its routes are not listed");
        continue;
      }
      const controller = controllerExpr && (controllerExpr.kind === "class" || controllerExpr.kind === "str") ? className(controllerExpr) : undefined;
      // 'photos.comments' nests: /photos/{photo}/comments/{comment}
      const parts = name.split(".");
      const param = (part: string) => parameters.get(part) ?? singularize(part).replace(/-/g, "_");
      const parents = parts
        .slice(0, -1)
        .map((p) => `${p}/{${param(p)}}`)
        .join("/");
      const last = parts[parts.length - 1];
      const collection = joinUrl(ctx.prefix, parents, last);
      const member = joinUrl(shallow ? joinUrl(ctx.prefix, last) : collection, `{${param(last)}}`);
      for (const a of RESOURCE_ACTIONS) {
        if (api && !a.api) continue;
        if (only && !only.includes(a.name)) continue;
        if (except && except.includes(a.name)) continue;
        const base = a.member ? member : collection;
        const handler = controller ? this.controllerAction(pf, controller, a.name, ctx, controllerExpr?.kind === "class") : undefined;
        this.emit(pf, a.methods, a.suffix ? joinUrl(base, a.suffix) : base, handler, c.line, ctx);
      }
    }
  }

  private emit(pf: ParsedFile, methods: string[], uri: string, handler: { name: string; module?: string } | undefined, line: number, ctx: Ctx): void {
    for (const path of laravelPathVariants(uri, ctx.where).map(showPlaceholders)) {
      for (const method of methods) {
        this.out.push({
          method,
          path,
          ...(handler ? { handler: handler.name } : {}),
          ...(handler?.module ? { module: handler.module } : {}),
          file: pf.path,
          line,
        });
      }
    }
  }

  private warn(file: string, line: number, message: string): void {
    this.issues.push(warning(file, line, message));
  }
}
