/**
 * Django routes, read from the URLconf modules (`urls.py` and whatever they include).
 *
 * Each module's pattern lists are collected first (`urlpatterns = [...]`, `+= [...]`,
 * `.append(...)`, `.extend(...)`, other list variables), then the tree is walked from the root
 * URLconf (ROOT_URLCONF when a settings module names it, else every URLconf nobody includes),
 * following `include()` into other modules with the prefix so far.
 *
 * Django concatenates prefixes as strings (`path('blog/', include(...))` + `'post/'`), and has no
 * methods: every route is "ANY". A `path()` route ends in the canonical form (trailing slash
 * dropped). A `re_path()`/`url()` regex is turned into that form when it only uses simple named
 * groups; otherwise the full pattern is kept as a regular expression starting with "^/".
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { canonicalPath, finishRoutes, normalizeFilePath, warning } from "./common";
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

type UrlModule = {
  module: string;
  file: string;
  imports: Map<string, ImportBinding>;
  /** Every list variable's contributions, in source order: `urlpatterns = [...]`, `+= [...]`, … */
  lists: Map<string, PyExpr[]>;
};

/** One piece of a route's pattern: a `path()` route or a `re_path()` regex, as written. */
type Piece = { kind: "route" | "regex"; text: string };

type Context = { prefix: Piece[]; stack: string[] };

export function parseDjangoRoutes(files: SourceFile[]): ParseResult<RouteRecord> {
  const issues: ParseIssue[] = [];
  const pyFiles = files.filter((f) => f.path.endsWith(".py")).map((f) => ({ ...f, path: normalizeFilePath(f.path) }));
  const modules = new PythonModules(pyFiles);
  const urlModules = new Map<string, UrlModule>();
  let rootSetting: { value: string; file: string; line: number } | undefined;
  for (const f of pyFiles) {
    // URLconfs and settings are read now; a module holding only a list some URLconf includes is
    // read when the walk gets there. Skipping the rest keeps big projects fast.
    const hasPatterns = f.text.includes("urlpatterns");
    if (!hasPatterns && !f.text.includes("ROOT_URLCONF")) continue;
    const tokens = tokenizePython(f.text);
    rootSetting ??= findRootUrlconf(tokens, f.path);
    if (hasPatterns) {
      const um = readUrlModule(tokens, f.path);
      if (um.lists.size) urlModules.set(um.module, um);
    }
  }
  const walker = new Walker(urlModules, modules, issues);
  for (const root of chooseRoots(urlModules, modules, rootSetting, walker, issues)) {
    walker.walkList(root, "urlpatterns", { prefix: [], stack: [] }, 0);
  }
  return finishRoutes(walker.out, issues);
}

/** `ROOT_URLCONF = 'mysite.urls'` in a settings module. */
function findRootUrlconf(tokens: Token[], file: string): { value: string; file: string; line: number } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].lineStart && isName(tokens[i], "ROOT_URLCONF") && isPunct(tokens[i + 1], "=") && tokens[i + 2]?.kind === "string") {
      return { value: tokens[i + 2].value, file, line: tokens[i].line };
    }
  }
  return undefined;
}

/** Collects the list assignments of one module. */
function readUrlModule(tokens: Token[], file: string): UrlModule {
  const um: UrlModule = { module: moduleNameOf(file), file, imports: parseImports(tokens, file), lists: new Map() };
  const add = (name: string, e: PyExpr, replace: boolean) => {
    um.lists.set(name, replace ? [e] : [...(um.lists.get(name) ?? []), e]);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.lineStart || t.kind !== "name") continue;
    const end = endOfLogicalLine(tokens, i);
    const op = tokens[i + 1];
    if (isPunct(op, "=") || isPunct(op, "+=")) {
      const value = parsePyExpr(tokens, i + 2, end);
      const isPatterns = t.value === "urlpatterns" || containsPatternCall(value);
      // `urlpatterns = urlpatterns + [...]` appends; a plain `=` replaces what came before
      if (isPatterns) add(t.value, withoutSelf(value, t.value), isPunct(op, "=") && !refersTo(value, t.value));
    } else if (isPunct(op, ".") && (isName(tokens[i + 2], "append") || isName(tokens[i + 2], "extend")) && isPunct(tokens[i + 3], "(")) {
      if (!um.lists.has(t.value)) continue;
      const close = matchingBracket(tokens, i + 3);
      const arg = parsePyExpr(tokens, i + 4, close);
      add(t.value, tokens[i + 2].value === "append" ? { kind: "list", items: [arg], line: t.line } : arg, false);
    }
    i = end;
  }
  return um;
}

/** True when an expression holds a path()/re_path()/url()/include() call (a pattern list). */
function containsPatternCall(e: PyExpr): boolean {
  if (e.kind === "list") return e.items.some(containsPatternCall);
  if (e.kind === "add") return containsPatternCall(e.left) || containsPatternCall(e.right);
  if (e.kind === "call" && e.callee.kind === "name") {
    const fn = e.callee.parts[e.callee.parts.length - 1];
    return fn === "path" || fn === "re_path" || fn === "url" || fn === "i18n_patterns";
  }
  return false;
}

function refersTo(e: PyExpr, name: string): boolean {
  if (e.kind === "name") return e.parts.length === 1 && e.parts[0] === name;
  return e.kind === "add" && (refersTo(e.left, name) || refersTo(e.right, name));
}

/** `urlpatterns = urlpatterns + [...]` → just `[...]`, appended to what urlpatterns already held. */
function withoutSelf(e: PyExpr, name: string): PyExpr {
  if (e.kind !== "add") return e;
  if (refersTo(e.left, name) && e.left.kind === "name") return withoutSelf(e.right, name);
  return { ...e, left: withoutSelf(e.left, name), right: withoutSelf(e.right, name) };
}

/**
 * The root URLconfs: the one ROOT_URLCONF names, when it is in the file set; otherwise every
 * module with `urlpatterns` that no other module includes.
 */
function chooseRoots(
  urlModules: Map<string, UrlModule>,
  modules: PythonModules,
  rootSetting: { value: string; file: string; line: number } | undefined,
  walker: Walker,
  issues: ParseIssue[],
): string[] {
  const included = new Set<string>();
  for (const um of urlModules.values()) {
    for (const exprs of um.lists.values()) for (const e of exprs) walker.collectIncludes(um, e, included);
  }
  const candidates = [...urlModules.keys()].filter((m) => urlModules.get(m)!.lists.has("urlpatterns")).sort();
  const configured = rootSetting ? modules.resolve(rootSetting.value) : undefined;
  if (configured && urlModules.has(configured)) {
    for (const m of candidates) {
      if (m !== configured && !included.has(m)) {
        const um = urlModules.get(m)!;
        issues.push(warning(um.file, undefined, `This URLconf is not included from ROOT_URLCONF (${rootSetting!.value}); its routes are not listed`));
      }
    }
    return [configured];
  }
  if (rootSetting) issues.push(warning(rootSetting.file, rootSetting.line, `ROOT_URLCONF '${rootSetting.value}' is not among the files; every URLconf nobody includes is read as a root`));
  return candidates.filter((m) => !included.has(m));
}

class Walker {
  readonly out: RouteRecord[] = [];
  constructor(
    readonly urlModules: Map<string, UrlModule>,
    readonly modules: PythonModules,
    readonly issues: ParseIssue[],
  ) {}

  /** A module's pattern lists, reading the module now if the first pass skipped it. */
  private urlModule(module: string): UrlModule | undefined {
    if (!this.urlModules.has(module)) {
      const f = this.modules.file(module);
      if (!f) return undefined;
      this.urlModules.set(module, readUrlModule(tokenizePython(f.text), f.path));
    }
    return this.urlModules.get(module);
  }

  /** Walks the list variable `name` of `module` with the prefix in `ctx`. */
  walkList(module: string, name: string, ctx: Context, line: number, from?: UrlModule): void {
    const um = this.urlModule(module);
    const key = `${module}:${name}`;
    if (!um || !um.lists.has(name)) {
      if (from) this.issues.push(warning(from.file, line, `Cannot find the URL patterns '${name}' of module ${module}; the routes under this prefix are not listed`));
      return;
    }
    if (ctx.stack.includes(key)) {
      this.issues.push(warning(um.file, line, `Include cycle through ${key}; stopped here`));
      return;
    }
    const inner = { ...ctx, stack: [...ctx.stack, key] };
    for (const e of um.lists.get(name)!) this.walkSequence(um, e, inner);
  }

  /** A sequence expression: a list, a `+` of lists, another list variable, `i18n_patterns(...)`. */
  private walkSequence(um: UrlModule, e: PyExpr, ctx: Context): void {
    if (e.kind === "list") {
      for (const item of e.items) this.walkItem(um, item, ctx);
    } else if (e.kind === "add") {
      this.walkSequence(um, e.left, ctx);
      this.walkSequence(um, e.right, ctx);
    } else if (e.kind === "name") {
      const target = this.listTarget(um, e.parts);
      if (target) this.walkList(target.module, target.name, ctx, e.line, um);
      else this.issues.push(warning(um.file, e.line, `Cannot resolve the URL patterns '${e.parts.join(".")}'; not listed`));
    } else if (e.kind === "call" && e.callee.kind === "name" && e.callee.parts.at(-1) === "i18n_patterns") {
      this.issues.push(warning(um.file, e.line, "i18n_patterns adds a language prefix that is not part of the listed paths"));
      for (const item of e.args) this.walkItem(um, item, ctx);
    } else if (e.kind === "call" && e.callee.kind === "name" && e.callee.parts.at(-1) === "static") {
      // django.conf.urls.static.static(): serves uploaded/static files in DEBUG only; not an app route
    } else {
      this.issues.push(warning(um.file, e.line, "Cannot read these URL patterns statically; not listed"));
    }
  }

  /** One entry: `path(...)`, `re_path(...)` or `url(...)`. */
  private walkItem(um: UrlModule, e: PyExpr, ctx: Context): void {
    const fn = e.kind === "call" && e.callee.kind === "name" ? e.callee.parts[e.callee.parts.length - 1] : undefined;
    if (e.kind !== "call" || (fn !== "path" && fn !== "re_path" && fn !== "url")) {
      this.issues.push(warning(um.file, e.line, "Unrecognised URL pattern entry; not listed"));
      return;
    }
    const patternExpr = e.args[0] ?? e.kwargs.get("route");
    const text = staticString(patternExpr);
    if (text === undefined) {
      const what = patternExpr?.kind === "str" ? "an f-string" : "computed";
      this.issues.push(warning(um.file, e.line, `The URL pattern is ${what} and cannot be resolved statically; not listed`));
      return;
    }
    const piece: Piece = { kind: fn === "path" ? "route" : "regex", text };
    const view = e.args[1] ?? e.kwargs.get("view");
    const include = view && asInclude(view);
    if (include) {
      this.walkInclude(um, include, { ...ctx, prefix: [...ctx.prefix, piece] }, e.line);
      return;
    }
    if (view?.kind === "name" && view.parts.at(-1) === "urls") {
      // admin.site.urls, router.urls: pattern sets built at run time
      this.issues.push(warning(um.file, e.line, `The URL patterns of ${view.parts.join(".")} are built at run time; not listed`));
      return;
    }
    const handler = view ? this.handlerOf(um, view) : undefined;
    this.out.push({
      method: "ANY",
      path: finalPattern([...ctx.prefix, piece]),
      ...(handler ? { handler: handler.name, module: handler.module } : {}),
      file: um.file,
      line: e.line,
    });
  }

  /** Follows `include('blog.urls')`, `include(('blog.urls', 'blog'))`, `include(extra)`, `include([...])`. */
  private walkInclude(um: UrlModule, target: PyExpr, ctx: Context, line: number): void {
    if (target.kind === "list" && target.items.some((i) => i.kind === "call")) {
      for (const item of target.items) this.walkItem(um, item, ctx);
      return;
    }
    const resolved = this.includeTarget(um, target);
    if (!resolved) {
      this.issues.push(warning(um.file, line, "Cannot resolve this include() statically; the routes under this prefix are not listed"));
      return;
    }
    this.walkList(resolved.module, resolved.name, ctx, line, um);
  }

  /** The module and list variable an include() argument points at. */
  includeTarget(um: UrlModule, target: PyExpr): { module: string; name: string } | undefined {
    if (target.kind === "list") return target.items[0] ? this.includeTarget(um, target.items[0]) : undefined; // (module, app_name)
    const dotted = staticString(target);
    if (dotted !== undefined) {
      const module = this.modules.resolve(dotted);
      return module ? { module, name: "urlpatterns" } : undefined;
    }
    if (target.kind === "name") return this.listTarget(um, target.parts);
    return undefined;
  }

  /** A name used as a pattern list: a list in this module, an imported module, or an imported list. */
  private listTarget(um: UrlModule, parts: string[]): { module: string; name: string } | undefined {
    if (parts.length === 1 && um.lists.has(parts[0])) return { module: um.module, name: parts[0] };
    const binding = um.imports.get(parts[0]);
    if (!binding) return undefined;
    const dotted = [binding.name ? `${binding.module}.${binding.name}` : binding.module, ...parts.slice(1)].join(".");
    const asModule = this.modules.resolve(dotted);
    if (asModule) return { module: asModule, name: "urlpatterns" };
    const owner = this.modules.resolve(dotted.split(".").slice(0, -1).join("."));
    return owner ? { module: owner, name: dotted.split(".").at(-1)! } : undefined;
  }

  /** Every module included from an expression (to find the URLconfs that are not roots). */
  collectIncludes(um: UrlModule, e: PyExpr, into: Set<string>): void {
    if (e.kind === "list") for (const item of e.items) this.collectIncludes(um, item, into);
    else if (e.kind === "add") {
      this.collectIncludes(um, e.left, into);
      this.collectIncludes(um, e.right, into);
    } else if (e.kind === "name") {
      const target = this.listTarget(um, e.parts);
      if (target && target.module !== um.module) into.add(target.module);
    } else if (e.kind === "call") {
      const include = asInclude(e);
      if (include) {
        const target = this.includeTarget(um, include);
        if (target && target.module !== um.module) into.add(target.module);
      }
      for (const a of e.args) this.collectIncludes(um, a, into);
    }
  }

  /** `views.index` → "blog.views.index"; `ArticleView.as_view()` → "blog.views.ArticleView"; `login_required(v)` → v. */
  private handlerOf(um: UrlModule, view: PyExpr): { name: string; module: string } | undefined {
    if (view.kind === "name") return qualifyName(um.imports, um.module, view.parts);
    if (view.kind === "str" && !view.dynamic) return { name: view.value, module: view.value.split(".").slice(0, -1).join(".") };
    if (view.kind === "call" && view.callee.kind === "name") {
      if (view.callee.parts.at(-1) === "as_view" && view.callee.parts.length > 1) {
        return qualifyName(um.imports, um.module, view.callee.parts.slice(0, -1));
      }
      if (view.args[0]) return this.handlerOf(um, view.args[0]); // a decorator applied in place
    }
    return undefined;
  }
}

function asInclude(e: PyExpr): PyExpr | undefined {
  if (e.kind !== "call" || e.callee.kind !== "name" || e.callee.parts.at(-1) !== "include") return undefined;
  return e.args[0] ?? e.kwargs.get("arg");
}

// ---------------------------------------------------------------------------------------------
// Patterns

/** The canonical pattern of a route whose pieces are the prefixes followed by its own piece. */
export function finalPattern(pieces: Piece[]): string {
  const simple = pieces.map((p, i) => (p.kind === "route" ? p.text : simpleRegex(p.text, i === pieces.length - 1)));
  if (simple.every((s) => s !== undefined)) return canonicalPath("/" + simple.join(""));
  // Some piece is a real regex: the whole pattern becomes one regex, anchored like Django's.
  const last = pieces[pieces.length - 1];
  let body = pieces.map((p) => (p.kind === "route" ? routeToRegex(p.text) : p.text.replace(/^\^/, ""))).join("");
  if (last.kind === "route") body += "$";
  return "^/" + body;
}

const SIMPLE_GROUPS: Record<string, string> = {
  "\\d+": "int:",
  "[0-9]+": "int:",
  "[-\\w]+": "slug:",
  "[\\w-]+": "slug:",
  "[-a-zA-Z0-9_]+": "slug:",
  "[a-zA-Z0-9_-]+": "slug:",
  "[-A-Za-z0-9_]+": "slug:",
  "[A-Za-z0-9_-]+": "slug:",
  "[^/]+": "",
  ".+": "path:",
};

/**
 * A regex piece as a route, when it is only literal text and simple named groups; else undefined.
 * A leaf must end with `$` (without it Django matches any path that starts so); a prefix
 * (an include) must not (it would never match anything longer).
 */
export function simpleRegex(source: string, leaf: boolean): string | undefined {
  let s = source.startsWith("^") ? source.slice(1) : source;
  if (leaf) {
    if (!s.endsWith("$") || s.endsWith("\\$")) return undefined;
    s = s.slice(0, -1);
  } else if (s.endsWith("$") && !s.endsWith("\\$")) {
    return undefined;
  }
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (s.startsWith("(?P<", i)) {
      const nameEnd = s.indexOf(">", i);
      const close = s.indexOf(")", nameEnd);
      if (nameEnd < 0 || close < 0) return undefined;
      const name = s.slice(i + 4, nameEnd);
      const converter = SIMPLE_GROUPS[s.slice(nameEnd + 1, close)];
      if (converter === undefined || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
      out += `<${converter}${name}>`;
      i = close + 1;
    } else if (c === "\\" && i + 1 < s.length && /[./\-_~]/.test(s[i + 1])) {
      out += s[i + 1];
      i += 2;
    } else if (/[A-Za-z0-9/\-_~%,;=@!:]/.test(c)) {
      out += c;
      i++;
    } else {
      return undefined; // ., *, +, ?, [, |, (, {, … : a real regular expression
    }
  }
  return out;
}

const CONVERTER_REGEX: Record<string, string> = {
  int: "[0-9]+",
  str: "[^/]+",
  slug: "[-a-zA-Z0-9_]+",
  uuid: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
  path: ".+",
};

/** A `path()` route as a regex body, the way Django compiles it (`<int:y>` → `(?P<y>[0-9]+)`). */
function routeToRegex(route: string): string {
  return route.replace(/<(?:([A-Za-z_]\w*):)?([A-Za-z_]\w*)>|([^<]+|<)/g, (_m, conv: string | undefined, name: string | undefined, lit: string | undefined) =>
    lit !== undefined ? lit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : `(?P<${name}>${CONVERTER_REGEX[conv ?? "str"] ?? "[^/]+"})`,
  );
}
