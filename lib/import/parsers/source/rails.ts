/**
 * Rails routes, read from `config/routes.rb` (and the `config/routes/*.rb` files it `draw`s),
 * never evaluated. The routing DSL is interpreted over a parsed statement tree with a scope that
 * carries the path so far, the controller module (`namespace :admin` → `admin/`), the current
 * controller and, inside `resources`, the member/collection/nested paths.
 *
 * Resourceful routes follow Rails: `resources :photos` gives index, create, new, edit, show,
 * update (PATCH and PUT), destroy; nested resources use `:photo_id`; `resource :profile` has no
 * index and no id; `shallow` nesting moves member routes out of the parent.
 */
import type { ParseIssue, ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";
import { finishRoutes, joinUrl, normalizeFilePath, normalizeMethod, placeholder, placeholderNames, showPlaceholders, warning } from "./common";
import { pluralize, singularize } from "./inflect";
import { joinModule, literal, qualify, railsPathVariants, valueList, valueListValues, withConstraints } from "./rails-values";
import { parseRuby, TOO_DEEP, type RbValue, type Stmt } from "./ruby-support";

export { railsPathVariants } from "./rails-values";

type ResourceInfo = { controller: string; collectionPath: string; memberPath: string };

type Scope = {
  /** The path so far, in Rails syntax (`/admin/photos/:photo_id`). */
  path: string;
  /** Controller module (`admin`, `admin/v1`), prepended to controller names. */
  module: string;
  /** The controller for routes that name only an action (inside resources or `controller :x do`). */
  controller?: string;
  /** Set inside a `resources`/`resource` block. */
  resource?: ResourceInfo;
  /** Where bare verb routes go inside resources: nested (default), or a member/collection block. */
  place?: "member" | "collection";
  shallow: boolean;
  /** The path shallow member routes are relative to (namespaces add to it, plain scopes do not). */
  shallowPath: string;
  /** Parameters constrained to digits (`constraints: { id: /\d+/ }`) → `<int:id>`. */
  intParams: Set<string>;
};

const VERBS = new Set(["get", "post", "put", "patch", "delete", "options", "head"]);
type Action = { name: string; methods: string[]; on: "collection" | "member"; suffix?: string };
const PLURAL_ACTIONS: Action[] = [
  { name: "index", methods: ["GET"], on: "collection" },
  { name: "create", methods: ["POST"], on: "collection" },
  { name: "new", methods: ["GET"], on: "collection", suffix: "new" },
  { name: "edit", methods: ["GET"], on: "member", suffix: "edit" },
  { name: "show", methods: ["GET"], on: "member" },
  { name: "update", methods: ["PATCH", "PUT"], on: "member" },
  { name: "destroy", methods: ["DELETE"], on: "member" },
];
const SINGULAR_ACTIONS = PLURAL_ACTIONS.filter((a) => a.name !== "index");

export function parseRailsRoutes(files: SourceFile[]): ParseResult<RouteRecord> {
  const issues: ParseIssue[] = [];
  const out: RouteRecord[] = [];
  const byPath = new Map(files.map((f) => [normalizeFilePath(f.path), f]));
  const drawn = new Set<string>();
  for (const [path, f] of [...byPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!/(^|\/)config\/routes\.rb$/.test(path)) continue;
    const configDir = path.slice(0, -"routes.rb".length);
    new Interpreter(path, configDir, byPath, drawn, issues, out).run(parseRuby(f.text), rootScope());
  }
  for (const path of [...byPath.keys()].sort()) {
    if (/(^|\/)config\/routes\/.+\.rb$/.test(path) && !drawn.has(path)) {
      issues.push(warning(path, undefined, "This routes file is never loaded with draw(); not read"));
    }
  }
  return finishRoutes(out, issues);
}

function rootScope(): Scope {
  return { path: "", module: "", shallow: false, shallowPath: "", intParams: new Set() };
}

class Interpreter {
  private readonly concerns = new Map<string, Stmt[]>();

  constructor(
    private file: string,
    readonly configDir: string,
    readonly files: Map<string, SourceFile>,
    readonly drawn: Set<string>,
    readonly issues: ParseIssue[],
    readonly out: RouteRecord[],
  ) {}

  run(stmts: Stmt[], scope: Scope): void {
    for (const s of stmts) this.statement(s, scope);
  }

  private statement(s: Stmt, scope: Scope): void {
    if (s.hasReceiver) {
      if (s.block) this.run(s.block, scope); // Rails.application.routes.draw do … end
      return;
    }
    const name = s.name;
    if (VERBS.has(name)) return this.verb(s, scope, [name.toUpperCase()]);
    switch (name) {
      case "match":
        return this.match(s, scope);
      case "root":
        return this.root(s, scope);
      case "resources":
      case "resource":
        return this.resources(s, scope, name === "resource");
      case "namespace":
        return this.namespace(s, scope);
      case "scope":
        return this.scope(s, scope);
      case "controller":
        return this.controllerScope(s, scope);
      case "member":
      case "collection":
        return this.memberOrCollection(s, scope, name);
      case "nested":
        return s.block ? this.run(s.block, scope) : undefined;
      case "shallow":
        return s.block ? this.run(s.block, { ...scope, shallow: true }) : undefined;
      case "constraints":
        return s.block ? this.run(s.block, withConstraints(scope, s.args.positional[0] ?? s.args.options.get("constraints"), s.args)) : undefined;
      case "concern":
        return this.defineConcern(s);
      case "concerns":
        return this.applyConcerns(s.args.positional, scope, s.line);
      case "draw":
        return this.draw(s, scope);
      case "mount":
        return this.mount(s);
      case TOO_DEEP:
        this.warn(s.line, "Blocks nested this deep are not read; routes inside are not listed");
        return;
      case "direct":
      case "resolve":
        return; // URL helpers: their blocks build URLs, they declare no route
      case "devise_for":
        this.warn(s.line, "devise_for generates routes (sessions, passwords, …) that are not listed");
        return;
      default:
        if (s.block) this.run(s.block, scope); // if/unless, defaults, authenticate … do
    }
  }

  // -------------------------------------------------------------------------------------------
  // Plain routes

  /** `get 'photos/search', to: 'photos#search'`, `get 'x' => 'c#a'`, `get :preview` inside resources. */
  private verb(s: Stmt, scope: Scope, methods: string[]): void {
    const { positional, options, pairs } = s.args;
    let pathValue: RbValue | undefined = positional[0];
    let target = options.get("to");
    if (!pathValue && pairs.length) [pathValue, target] = pairs[0];
    const path = literal(pathValue) ?? this.withPlaceholders(pathValue, s.line, "route path", "the route is");
    if (path === undefined) {
      this.warn(s.line, "The route path here cannot be resolved statically (interpolation or a variable); route not listed");
      return;
    }
    const base = this.placeFor(scope, options.get("on"));
    const handler = this.handlerFor(scope, path, target, options);
    const innerScope = withConstraints(scope, options.get("constraints"), s.args);
    this.emit(methods, joinUrl(base, path), handler, s.line, innerScope);
  }

  /** `match 'path', to: 'c#a', via: [:get, :post]` (via: :all → ANY). */
  private match(s: Stmt, scope: Scope): void {
    const via = s.args.options.get("via");
    const methods = via
      ? valueList(via)
          .map((v) => normalizeMethod(v))
          .filter((m): m is string => m !== undefined)
      : [];
    if (!methods.length) {
      this.warn(s.line, "match without a readable via: option (Rails requires one); route not listed");
      return;
    }
    this.verb(s, scope, methods);
  }

  /** `root 'pages#home'`, `root to: 'pages#home'`: GET of the current scope's path ("/" at top level). */
  private root(s: Stmt, scope: Scope): void {
    const target = s.args.positional[0] ?? s.args.options.get("to");
    const handler = this.handlerFor(scope, "", target, s.args.options);
    this.emit(["GET"], scope.path || "/", handler, s.line, scope);
  }

  /** The path bare routes attach to: the scope's, or a resource's member/collection path (`on:`). */
  private placeFor(scope: Scope, on: RbValue | undefined): string {
    const where = literal(on);
    if (scope.resource && where === "member") return scope.resource.memberPath;
    if (scope.resource && where === "collection") return scope.resource.collectionPath;
    return scope.path;
  }

  /** "controller#action" for a route, from `to:`, `controller:`/`action:`, the scope, or the path. */
  private handlerFor(scope: Scope, path: string, target: RbValue | undefined, options: Map<string, RbValue>): string | undefined {
    if (target?.kind === "call") return target.name; // to: redirect('/x')
    const to = literal(target);
    if (to?.includes("#")) {
      const [controller, action] = to.split("#");
      return `${qualify(scope.module, controller)}#${action}`;
    }
    const controller = literal(options.get("controller")) ?? scope.controller;
    const action = to ?? literal(options.get("action"));
    if (controller && action) return `${qualify(scope.module, controller)}#${action}`;
    const staticSegments = path
      .replace(/\(.*?\)/g, "")
      .split("/")
      .filter((seg) => seg && !seg.startsWith(":") && !seg.startsWith("*"));
    if (controller && staticSegments.length) return `${qualify(scope.module, controller)}#${staticSegments.join("_")}`;
    // Rails derives `photos#search` from `get 'photos/search'`
    if (!controller && staticSegments.length >= 2) {
      return `${qualify(scope.module, staticSegments.slice(0, -1).join("/"))}#${staticSegments[staticSegments.length - 1]}`;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Resources

  private resources(s: Stmt, scope: Scope, singular: boolean): void {
    const options = s.args.options;
    for (const nameValue of s.args.positional) {
      const name = literal(nameValue);
      if (name === undefined) {
        this.warn(s.line, "The resource name here cannot be resolved statically; its routes are not listed");
        continue;
      }
      const segment = literal(options.get("path")) ?? name;
      const controller = literal(options.get("controller")) ?? (singular ? pluralize(name) : name);
      const module = options.has("module") ? joinModule(scope.module, literal(options.get("module")) ?? "") : scope.module;
      const param = literal(options.get("param")) ?? "id";
      const shallow = scope.shallow || literal(options.get("shallow")) === "true";
      // Shallow nesting: a nested resource's member routes leave the parent's path.
      const shallowHere = shallow && scope.resource !== undefined;
      const collectionPath = joinUrl(scope.path, segment);
      const memberBase = shallowHere ? joinUrl(scope.shallowPath, segment) : collectionPath;
      const memberPath = singular ? collectionPath : joinUrl(memberBase, `:${param}`);
      const resourceScope: Scope = { ...withConstraints(scope, options.get("constraints"), s.args), module };

      const pathNames = options.get("path_names");
      const renamed = (a: Action) => (pathNames?.kind === "hash" ? literal(pathNames.args.options.get(a.name)) : undefined) ?? a.suffix;
      for (const action of this.selectActions(s, singular ? SINGULAR_ACTIONS : PLURAL_ACTIONS)) {
        const base = action.on === "member" ? memberPath : collectionPath;
        const handler = `${qualify(module, controller)}#${action.name}`;
        const suffix = renamed(action);
        this.emit(action.methods, suffix ? joinUrl(base, suffix) : base, handler, s.line, resourceScope);
      }

      const concerns = options.get("concerns");
      if (!s.block && !concerns) continue;
      const nestedPath = singular ? collectionPath : joinUrl(memberBase, `:${singularize(name)}_${param}`);
      const inner: Scope = {
        ...resourceScope,
        path: nestedPath,
        controller,
        resource: { controller, collectionPath, memberPath },
        place: undefined,
        shallow,
      };
      if (concerns) this.applyConcerns(valueListValues(concerns), inner, s.line);
      if (s.block) this.run(s.block, inner);
    }
  }

  /** The default actions, filtered by `only:` / `except:`. */
  private selectActions(s: Stmt, defaults: Action[]): Action[] {
    const only = s.args.options.get("only");
    const except = s.args.options.get("except");
    if (only) {
      const names = new Set(valueList(only));
      return defaults.filter((a) => names.has(a.name));
    }
    if (except) {
      const names = new Set(valueList(except));
      return defaults.filter((a) => !names.has(a.name));
    }
    return defaults;
  }

  /** `member do … end` / `collection do … end` inside resources. */
  private memberOrCollection(s: Stmt, scope: Scope, place: "member" | "collection"): void {
    if (!s.block) return;
    if (!scope.resource) {
      this.warn(s.line, `${place} outside resources; routes inside are not listed`);
      return;
    }
    const path = place === "member" ? scope.resource.memberPath : scope.resource.collectionPath;
    this.run(s.block, { ...scope, path, place });
  }

  private defineConcern(s: Stmt): void {
    const name = literal(s.args.positional[0]);
    if (name !== undefined && s.block) this.concerns.set(name, s.block);
  }

  private applyConcerns(names: RbValue[], scope: Scope, line: number): void {
    for (const v of names) {
      const name = literal(v);
      const body = name === undefined ? undefined : this.concerns.get(name);
      if (body) this.run(body, scope);
      else this.warn(line, `Unknown routing concern ${name ?? "(computed)"}; its routes are not listed`);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Scopes

  /** `namespace :admin do … end`: path `/admin`, controllers `admin/…`. */
  private namespace(s: Stmt, scope: Scope): void {
    const name = literal(s.args.positional[0]);
    if (name === undefined) {
      this.warn(s.line, "The namespace name here cannot be resolved statically; its routes are not listed");
      return;
    }
    if (!s.block) return;
    const path = literal(s.args.options.get("path")) ?? name;
    const module = literal(s.args.options.get("module")) ?? name;
    this.run(s.block, {
      ...scope,
      path: joinUrl(scope.path, path),
      module: joinModule(scope.module, module),
      shallowPath: joinUrl(scope.shallowPath, path),
      resource: undefined,
      controller: undefined,
    });
  }

  /** `scope '/v1' do`, `scope path: 'v1', module: 'v1' do`, `scope '(:locale)' do`. */
  private scope(s: Stmt, scope: Scope): void {
    if (!s.block) return;
    const { positional, options } = s.args;
    const pathValue = positional[0] ?? options.get("path");
    const path = pathValue === undefined ? "" : (literal(pathValue) ?? this.withPlaceholders(pathValue, s.line, "scope path", "the routes inside are"));
    if (path === undefined) {
      this.warn(s.line, "The scope path here cannot be resolved statically (interpolation or a variable); the routes inside are not listed");
      return;
    }
    const module = literal(options.get("module"));
    const controller = literal(options.get("controller"));
    const shallowPath = literal(options.get("shallow_path"));
    this.run(s.block, {
      ...withConstraints(scope, options.get("constraints"), s.args),
      path: joinUrl(scope.path, path),
      module: module ? joinModule(scope.module, module) : scope.module,
      controller: controller ?? scope.controller,
      shallowPath: shallowPath ? joinUrl(scope.shallowPath, shallowPath) : scope.shallowPath,
    });
  }

  /** `controller :photos do get 'x' => :show end`. */
  private controllerScope(s: Stmt, scope: Scope): void {
    const controller = literal(s.args.positional[0]);
    if (s.block && controller !== undefined) this.run(s.block, { ...scope, controller });
  }

  /** `draw :admin` reads config/routes/admin.rb in place. */
  private draw(s: Stmt, scope: Scope): void {
    const name = literal(s.args.positional[0]);
    const path = name === undefined ? undefined : `${this.configDir}routes/${name}.rb`;
    const f = path === undefined ? undefined : this.files.get(path);
    if (!f || !path) {
      this.warn(s.line, `draw(${name ?? "…"}): the file ${path ?? "(computed)"} is not among the files; its routes are not listed`);
      return;
    }
    if (this.drawn.has(path)) return;
    this.drawn.add(path);
    const previous = this.file;
    this.file = path;
    this.run(parseRuby(f.text), scope);
    this.file = previous;
  }

  private mount(s: Stmt): void {
    const [app, at] = s.args.pairs[0] ?? [s.args.positional[0], s.args.options.get("at")];
    const what = app?.kind === "name" ? app.value : "an app";
    this.warn(s.line, `mount ${what}${literal(at) ? ` at ${literal(at)}` : ""}: the routes of a mounted app are not listed`);
  }

  // -------------------------------------------------------------------------------------------

  private emit(methods: string[], railsPath: string, handler: string | undefined, line: number, scope: Scope): void {
    for (const path of railsPathVariants(railsPath, scope.intParams).map(showPlaceholders)) {
      for (const method of methods) {
        this.out.push({ method, path, ...(handler ? { handler } : {}), file: this.file, line });
      }
    }
  }

  /** `"#{prefix}/x"` or a constant: its text with a `{NAME}` placeholder for what cannot be known, and a warning. */
  private withPlaceholders(v: RbValue | undefined, line: number, what: string, listed: string): string | undefined {
    let text: string | undefined;
    if (v?.kind === "str") text = v.value.replace(/#\{([^}]*)\}/g, (_m, inner: string) => placeholder(inner.match(/([A-Za-z_]\w*)\W*$/)?.[1] ?? "value"));
    else if (v?.kind === "name") text = placeholder(v.value.split("::").at(-1)!);
    if (text !== undefined)
      this.warn(line, `The ${what} here cannot be resolved statically; ${listed} listed with ${placeholderNames(text).join(", ")} in its place`);
    return text;
  }

  private warn(line: number, message: string): void {
    this.issues.push(warning(this.file, line, message));
  }
}
