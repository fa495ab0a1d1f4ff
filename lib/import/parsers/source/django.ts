// Over 400 lines: the URLconf walker; patterns, DRF routers and class-built URLconfs are already in django-*.ts.
/**
 * Django routes, read from the URLconf modules (`urls.py` and whatever they include).
 *
 * Each module's pattern lists are collected first (`urlpatterns = [...]`, `+= [...]`,
 * `.append(...)`, `.extend(...)`, other list variables), then the tree is walked from the root
 * URLconf (ROOT_URLCONF when a settings module names it, else every URLconf nobody includes),
 * following `include()` into other modules with the prefix so far.
 *
 * Django concatenates prefixes as strings (`path('blog/', include(...))` + `'post/'`), and has no
 * methods: every route is "ANY" — except the routes of Django REST framework routers
 * (django-drf.ts), whose methods come from the viewsets' actions. Patterns and prefixes that are
 * not literals (`path(prefix, include(...))`, `path(f"{prefix}admin/", …)`) go through the static
 * value resolver; what stays unknown is a visible `{NAME}` segment. URLconfs built by classes
 * (`include(app.urls)` with a `get_urls()` method) are read by django-classes.ts. The canonical
 * form of the patterns is django-patterns.ts.
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { finishRoutes, normalizeFilePath, warning } from "./common";
import { DjangoClasses, type SelfClass } from "./django-classes";
import { DrfRoutes, readRouters, type RouterDef } from "./django-drf";
import { finalPattern, type Piece } from "./django-patterns";
import type { PyModuleIndex } from "./python-module-index";
import { endOfLogicalLine, moduleNameOf, parsePyExpr, qualifyName, staticString, type ImportBinding, type PyExpr } from "./python-support";
import { PythonProject } from "./python-project";
import { PythonValues, showPlaceholders } from "./python-values";
import { isName, isPunct, matchingBracket, type Token } from "./tokens";

type UrlModule = {
  module: string;
  file: string;
  imports: Map<string, ImportBinding>;
  /** Every list variable's contributions, in source order: `urlpatterns = [...]`, `+= [...]`, … */
  lists: Map<string, PyExpr[]>;
  /** Django REST framework routers created in the module. */
  routers: Map<string, RouterDef>;
  /** Set for the pattern lists of a class's get_urls(): what `self` is. */
  self?: SelfClass;
};

type Context = { prefix: Piece[]; stack: string[] };

export function parseDjangoRoutes(files: SourceFile[]): ParseResult<RouteRecord> {
  const issues: ParseIssue[] = [];
  const pyFiles = files.filter((f) => f.path.endsWith(".py")).map((f) => ({ ...f, path: normalizeFilePath(f.path) }));
  const project = new PythonProject(pyFiles);
  const urlModules = new Map<string, UrlModule>();
  let rootSetting: { value: string; file: string; line: number } | undefined;
  for (const f of pyFiles) {
    // URLconfs and settings are read now; a module holding only a list some URLconf includes is
    // read when the walk gets there. Skipping the rest keeps big projects fast.
    const hasPatterns = f.text.includes("urlpatterns");
    if (!hasPatterns && !f.text.includes("ROOT_URLCONF")) continue;
    const index = project.index(moduleNameOf(f.path))!;
    rootSetting ??= findRootUrlconf(index.tokens, f.path);
    if (hasPatterns) {
      const um = readUrlModule(index, project);
      if (um.lists.size) urlModules.set(um.module, um);
    }
  }
  const values = new PythonValues(project);
  const walker = new Walker(urlModules, project, values, issues);
  for (const root of chooseRoots(urlModules, project, rootSetting, walker, issues)) {
    walker.walkList(root, "urlpatterns", { prefix: [], stack: [] }, 0);
  }
  return finishRoutes(walker.out, [...issues, ...values.issues()]);
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

/** Collects the list assignments and the routers of one module. */
function readUrlModule(index: PyModuleIndex, project: PythonProject): UrlModule {
  const tokens = index.tokens;
  const um: UrlModule = { module: index.module, file: index.file, imports: index.imports, lists: new Map(), routers: readRouters(index, project) };
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
      const isPatterns = t.value === "urlpatterns" || containsPatternCall(value) || isRouterUrls(value, um);
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

/** `router.urls` of a router created in the module. */
function isRouterUrls(e: PyExpr, um: UrlModule): boolean {
  return e.kind === "name" && e.parts.length === 2 && e.parts[1] === "urls" && um.routers.has(e.parts[0]);
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
  project: PythonProject,
  rootSetting: { value: string; file: string; line: number } | undefined,
  walker: Walker,
  issues: ParseIssue[],
): string[] {
  const included = new Set<string>();
  for (const um of urlModules.values()) {
    for (const exprs of um.lists.values()) for (const e of exprs) walker.collectIncludes(um, e, included);
  }
  const candidates = [...urlModules.keys()].filter((m) => urlModules.get(m)!.lists.has("urlpatterns")).sort();
  const configured = rootSetting ? project.modules.resolve(rootSetting.value) : undefined;
  if (configured && urlModules.has(configured)) {
    for (const m of candidates) {
      if (m !== configured && !included.has(m)) {
        const um = urlModules.get(m)!;
        issues.push(warning(um.file, undefined, `This URLconf is not included from ROOT_URLCONF (${rootSetting!.value}); its routes are not listed`));
      }
    }
    return [configured];
  }
  if (rootSetting)
    issues.push(
      warning(
        rootSetting.file,
        rootSetting.line,
        `ROOT_URLCONF '${rootSetting.value}' is not among the files; every URLconf nobody includes is read as a root`,
      ),
    );
  return candidates.filter((m) => !included.has(m));
}

class Walker {
  readonly out: RouteRecord[] = [];
  private readonly drf: DrfRoutes;
  private readonly classes: DjangoClasses;

  constructor(
    readonly urlModules: Map<string, UrlModule>,
    readonly project: PythonProject,
    readonly values: PythonValues,
    readonly issues: ParseIssue[],
  ) {
    this.drf = new DrfRoutes(project, values, issues);
    this.classes = new DjangoClasses(project);
  }

  /** A module's pattern lists, reading the module now if the first pass skipped it. */
  private urlModule(module: string): UrlModule | undefined {
    if (!this.urlModules.has(module)) {
      const index = this.project.index(module);
      if (!index) return undefined;
      this.urlModules.set(module, readUrlModule(index, this.project));
    }
    return this.urlModules.get(module);
  }

  /** Walks the list variable `name` of `module` with the prefix in `ctx`. */
  walkList(module: string, name: string, ctx: Context, line: number, from?: UrlModule): void {
    const um = this.urlModule(module);
    const key = `${module}:${name}`;
    if (!um || !um.lists.has(name)) {
      if (from)
        this.issues.push(warning(from.file, line, `Cannot find the URL patterns '${name}' of module ${module}; the routes under this prefix are not listed`));
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
    if (e.kind === "starred") {
      this.walkSequence(um, e.value, ctx); // `*router.urls` spread into a list
    } else if (e.kind === "list") {
      for (const item of e.items) this.walkItem(um, item, ctx);
    } else if (e.kind === "add") {
      this.walkSequence(um, e.left, ctx);
      this.walkSequence(um, e.right, ctx);
    } else if (urlsOwner(e)) {
      this.walkObjectUrls(um, urlsOwner(e)!, ctx, e.line);
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
    if (e.kind === "starred") return this.walkSequence(um, e.value, ctx);
    const fn = e.kind === "call" && e.callee.kind === "name" ? e.callee.parts[e.callee.parts.length - 1] : undefined;
    if (e.kind !== "call" || (fn !== "path" && fn !== "re_path" && fn !== "url")) {
      this.issues.push(warning(um.file, e.line, "Unrecognised URL pattern entry; not listed"));
      return;
    }
    const patternExpr = e.args[0] ?? e.kwargs.get("route");
    if (!patternExpr) {
      this.issues.push(warning(um.file, e.line, "A URL pattern entry without a pattern; not listed"));
      return;
    }
    const value = this.values.text(um.module, patternExpr);
    if (value.placeholders.length) {
      const names = value.placeholders.map((p) => `{${p}}`).join(", ");
      this.issues.push(warning(um.file, e.line, `The URL pattern here cannot be resolved statically; its routes are listed with ${names} in its place`));
    }
    const piece: Piece = { kind: fn === "path" ? "route" : "regex", text: value.text };
    const view = e.args[1] ?? e.kwargs.get("view");
    const include = view && asInclude(view);
    if (include) {
      this.walkInclude(um, include, { ...ctx, prefix: [...ctx.prefix, piece] }, e.line);
      return;
    }
    const owner = view && urlsOwner(view);
    if (owner) {
      this.walkObjectUrls(um, owner, { ...ctx, prefix: [...ctx.prefix, piece] }, e.line);
      return;
    }
    const handler = view ? this.handlerOf(um, view) : undefined;
    this.out.push({
      method: "ANY",
      path: showPlaceholders(finalPattern([...ctx.prefix, piece])),
      ...(handler ? { handler: handler.name, module: handler.module } : {}),
      file: um.file,
      line: e.line,
    });
  }

  /** Follows `include('blog.urls')`, `include(('blog.urls', 'blog'))`, `include(extra)`, `include([...])`. */
  private walkInclude(um: UrlModule, target: PyExpr, ctx: Context, line: number): void {
    if (target.kind === "list" && target.items.some((i) => i.kind === "call" || i.kind === "starred")) {
      for (const item of target.items) this.walkItem(um, item, ctx);
      return;
    }
    // include(([...patterns], "app_name")): the inline list of a (patterns, app_name) pair
    if (target.kind === "list" && target.items[0]?.kind === "list") return this.walkInclude(um, target.items[0], ctx, line);
    const owner = urlsOwner(target.kind === "list" && target.items[0] ? target.items[0] : target);
    if (owner) {
      this.walkObjectUrls(um, owner, ctx, line);
      return;
    }
    const resolved = this.includeTarget(um, target);
    if (!resolved) {
      const first = target.kind === "list" ? target.items[0] : target;
      const named = staticString(first);
      let message = "Cannot resolve this include() statically; the routes under this prefix are not listed";
      if (named !== undefined) message = `include('${named}'): the module ${named} is not among the files (a library's URLconf?); its routes are not listed`;
      else if (first?.kind === "call" && first.callee.kind === "name")
        message = `include(${first.callee.parts.join(".")}(…)) builds its patterns at run time; the routes under this prefix are not listed`;
      this.issues.push(warning(um.file, line, message));
      return;
    }
    this.walkList(resolved.module, resolved.name, ctx, line, um);
  }

  /** The module and list variable an include() argument points at. */
  includeTarget(um: UrlModule, target: PyExpr): { module: string; name: string } | undefined {
    if (target.kind === "list") return target.items[0] ? this.includeTarget(um, target.items[0]) : undefined; // (module, app_name)
    const dotted = staticString(target);
    if (dotted !== undefined) {
      const module = this.project.modules.resolve(dotted);
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
    const asModule = this.project.modules.resolve(dotted);
    if (asModule) return { module: asModule, name: "urlpatterns" };
    const owner = this.project.modules.resolve(dotted.split(".").slice(0, -1).join("."));
    return owner ? { module: owner, name: dotted.split(".").at(-1)! } : undefined;
  }

  /**
   * `router.urls`, `app.urls`, `site.get_urls()`: a DRF router's routes, or a class-built URLconf;
   * anything else (admin.site.urls of a library) is named in a warning.
   */
  private walkObjectUrls(um: UrlModule, owner: PyExpr, ctx: Context, line: number): void {
    const router = owner.kind === "name" ? this.routerOf(um, owner.parts) : undefined;
    if (router) {
      const parentOf = (r: RouterDef) => (r.parent ? this.routerOf(this.urlModule(r.module)!, r.parent.router) : undefined);
      for (const route of this.drf.routes(router, parentOf)) {
        const path = showPlaceholders(finalPattern([...ctx.prefix, { kind: "regex", text: route.pattern }]));
        for (const method of route.methods) this.out.push({ method, path, handler: route.handler, module: route.module, file: route.file, line: route.line });
      }
      return;
    }
    const found = this.classes.urlconf(um.module, owner, um.self);
    if (!found.ok) {
      this.issues.push(warning(um.file, line, `The URL patterns of ${describeOwner(owner)} are built at run time (${found.why}); not listed`));
      return;
    }
    const c = found.urlconf;
    const key = `${c.module}:${c.self.cls.name}.get_urls`;
    if (ctx.stack.includes(key)) return;
    const pseudo: UrlModule = { module: c.module, file: c.file, imports: c.imports, lists: new Map(), routers: new Map(), self: c.self };
    const inner = { ...ctx, stack: [...ctx.stack, key] };
    for (const list of c.lists) this.walkSequence(pseudo, list, inner);
  }

  /** A router created in this module, or imported from another. */
  private routerOf(um: UrlModule, parts: string[]): RouterDef | undefined {
    if (parts.length !== 1) return undefined;
    const own = um.routers.get(parts[0]);
    if (own) return own;
    const binding = um.imports.get(parts[0]);
    const module = binding?.name ? this.project.modules.resolve(binding.module) : undefined;
    return module ? this.urlModule(module)?.routers.get(binding!.name!) : undefined;
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

/** The object whose URL patterns an expression takes: `X` of `X.urls`, `X.urls[0]`, `X.get_urls()`. */
function urlsOwner(e: PyExpr): PyExpr | undefined {
  if (e.kind === "subscript") return urlsOwner(e.object);
  if (e.kind === "name" && e.parts.length >= 2 && e.parts.at(-1) === "urls") return { kind: "name", parts: e.parts.slice(0, -1), line: e.line };
  if (e.kind === "attr" && e.name === "urls") return e.object;
  if (e.kind === "call" && e.args.length === 0) {
    if (e.callee.kind === "name" && e.callee.parts.length >= 2 && e.callee.parts.at(-1) === "get_urls")
      return { kind: "name", parts: e.callee.parts.slice(0, -1), line: e.line };
    if (e.callee.kind === "attr" && e.callee.name === "get_urls") return e.callee.object;
  }
  return undefined;
}

function describeOwner(e: PyExpr): string {
  if (e.kind === "name") return `${e.parts.join(".")}.urls`;
  if (e.kind === "call" && e.callee.kind === "name") return `${e.callee.parts.join(".")}(…).urls`;
  return "this object";
}

function asInclude(e: PyExpr): PyExpr | undefined {
  if (e.kind !== "call" || e.callee.kind !== "name" || e.callee.parts.at(-1) !== "include") return undefined;
  return e.args[0] ?? e.kwargs.get("arg");
}
