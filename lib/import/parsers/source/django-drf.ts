/**
 * Django REST framework routers, read from text: `router = DefaultRouter()`,
 * `router.register("users", UserViewSet, basename="user")`, and `router.urls` used in a URLconf.
 *
 * Each registration gives DRF's routes (SimpleRouter's table):
 *   {prefix}/               list (GET), create (POST)
 *   {prefix}/{url_path}/    @action(detail=False)
 *   {prefix}/{lookup}/      retrieve (GET), update (PUT), partial_update (PATCH), destroy (DELETE)
 *   {prefix}/{lookup}/{url_path}/   @action(detail=True)
 * and a DefaultRouter adds its API root view (GET) at the router's own root. The viewset's actions
 * come from its class: its own methods, the DRF mixins and viewsets it inherits, the project's
 * base classes, `@action` methods (with `@x.mapping.delete` extras) and `http_method_names`.
 * Nested routers (drf-nested-routers) put `{parent prefix}/<{lookup}_pk>/` in front.
 */
import type { ParseIssue } from "@/lib/import/types";
import { warning } from "./common";
import type { PyClassDef, PyModuleIndex } from "./python-module-index";
import { endOfLogicalLine, parsePyExpr, qualifyName, staticString, type PyExpr } from "./python-support";
import type { PythonProject } from "./python-project";
import type { PythonValues } from "./python-values";
import { isName, isPunct } from "./tokens";

export type RouterDef = {
  variable: string;
  module: string;
  file: string;
  line: number;
  /** A DefaultRouter (or a subclass) serves an API root view. */
  root: boolean;
  /** drf-nested-routers: the parent router, the parent's prefix and the lookup name. */
  parent?: { router: string[]; prefix: PyExpr; lookup: string };
  registrations: Array<{ prefix: PyExpr; viewset: PyExpr; line: number }>;
};

/** One route of a router, relative to where its `urls` are included; `pattern` is a regex, as DRF builds it. */
export type RouterRoute = { pattern: string; methods: string[]; handler: string; module: string; line: number; file: string };

const STANDARD: Record<string, string[]> = {
  ModelViewSet: ["list", "create", "retrieve", "update", "partial_update", "destroy"],
  ReadOnlyModelViewSet: ["list", "retrieve"],
  GenericViewSet: [],
  ViewSet: [],
  ViewSetMixin: [],
  ListModelMixin: ["list"],
  CreateModelMixin: ["create"],
  RetrieveModelMixin: ["retrieve"],
  UpdateModelMixin: ["update", "partial_update"],
  DestroyModelMixin: ["destroy"],
};
const LIST_ACTIONS: Array<[string, string]> = [
  ["list", "GET"],
  ["create", "POST"],
];
const DETAIL_ACTIONS: Array<[string, string]> = [
  ["retrieve", "GET"],
  ["update", "PUT"],
  ["partial_update", "PATCH"],
  ["destroy", "DELETE"],
];
const HTTP = ["get", "post", "put", "patch", "delete", "head", "options"];

/** The routers a module creates and what is registered on them. */
export function readRouters(index: PyModuleIndex, project: PythonProject): Map<string, RouterDef> {
  const routers = new Map<string, RouterDef>();
  const tokens = index.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.lineStart || t.kind !== "name") continue;
    const end = endOfLogicalLine(tokens, i);
    if (isPunct(tokens[i + 1], "=")) {
      const value = parsePyExpr(tokens, i + 2, end);
      if (value.kind === "call" && value.callee.kind === "name" && /Router$/.test(value.callee.parts.at(-1)!)) {
        const nested = /Nested/.test(value.callee.parts.at(-1)!);
        const parentRouter = value.args[0];
        routers.set(t.value, {
          variable: t.value,
          module: index.module,
          file: index.file,
          line: t.line,
          root: isDefaultRouter(project, index.module, value.callee.parts),
          ...(nested && parentRouter?.kind === "name" && value.args[1]
            ? { parent: { router: parentRouter.parts, prefix: value.args[1], lookup: staticString(value.kwargs.get("lookup")) ?? "parent" } }
            : {}),
          registrations: [],
        });
      }
    } else if (isPunct(tokens[i + 1], ".") && isName(tokens[i + 2], "register") && isPunct(tokens[i + 3], "(") && routers.has(t.value)) {
      const call = parsePyExpr(tokens, i + 2, end);
      const prefix = call.kind === "call" ? (call.args[0] ?? call.kwargs.get("prefix")) : undefined;
      const viewset = call.kind === "call" ? (call.args[1] ?? call.kwargs.get("viewset")) : undefined;
      if (prefix && viewset) routers.get(t.value)!.registrations.push({ prefix, viewset, line: t.line });
    }
    i = end;
  }
  return routers;
}

function isDefaultRouter(project: PythonProject, module: string, parts: string[], depth = 0): boolean {
  const name = parts[parts.length - 1];
  if (name === "DefaultRouter" || name === "ExtendedDefaultRouter") return true;
  if (name === "SimpleRouter" || depth > 8) return false;
  const cls = project.classOf(module, parts);
  return cls ? cls.cls.bases.some((b) => b.kind === "name" && isDefaultRouter(project, cls.module, b.parts, depth + 1)) : false;
}

type Action = { name: string; detail: boolean; methods: string[]; urlPath: string };
type ViewsetInfo = { actions: Set<string>; extra: Action[]; allowed?: Set<string>; lookup: string; lookupInt: boolean; unknownBases: string[] };

export class DrfRoutes {
  constructor(
    readonly project: PythonProject,
    readonly values: PythonValues,
    readonly issues: ParseIssue[],
  ) {}

  /** Every route of a router, relative to its include point. `routers` resolves a parent router by name. */
  routes(router: RouterDef, parentOf: (r: RouterDef) => RouterDef | undefined): RouterRoute[] {
    const out: RouterRoute[] = [];
    let base = "";
    const parent = router.parent ? parentOf(router) : undefined;
    if (router.parent) {
      const parentPrefix = this.values.text(router.module, router.parent.prefix).text;
      base = `${parentPrefix.replace(/^\^/, "").replace(/\/+$/, "")}/(?P<${router.parent.lookup}_pk>[^/.]+)/`;
      if (!parent)
        this.issues.push(
          warning(router.file, router.line, `The parent router ${router.parent.router.join(".")} is not found; nested routes are listed under ${base}`),
        );
    }
    if (router.root && !router.parent) {
      out.push({
        pattern: "^$",
        methods: ["GET"],
        handler: `${router.module}.${router.variable}.APIRootView`,
        module: router.module,
        line: router.line,
        file: router.file,
      });
    }
    for (const reg of router.registrations) out.push(...this.registration(router, reg, base));
    return out;
  }

  private registration(router: RouterDef, reg: RouterDef["registrations"][number], base: string): RouterRoute[] {
    const prefix = base + this.values.text(router.module, reg.prefix).text.replace(/^\^/, "").replace(/\/+$/, "");
    const at = { line: reg.line, file: router.file };
    const viewset = reg.viewset.kind === "name" ? this.project.classOf(router.module, reg.viewset.parts) : undefined;
    const ref =
      reg.viewset.kind === "name"
        ? qualifyName(this.project.index(router.module)?.imports ?? new Map(), router.module, reg.viewset.parts)
        : { name: "<unknown>", module: router.module };
    if (!viewset) {
      this.issues.push(warning(router.file, reg.line, `The viewset of "${prefix}" is not among the files; its list and detail routes are listed as ANY`));
      return [
        { pattern: `^${prefix}/$`, methods: ["ANY"], handler: ref.name, module: ref.module, ...at },
        { pattern: `^${prefix}/(?P<pk>[^/.]+)/$`, methods: ["ANY"], handler: ref.name, module: ref.module, ...at },
      ];
    }
    const info = this.viewset(viewset.module, viewset.cls);
    if (info.unknownBases.length) {
      this.issues.push(
        warning(
          router.file,
          reg.line,
          `${viewset.cls.name} inherits from ${info.unknownBases.join(", ")}, not among the files; only the actions it shows are listed`,
        ),
      );
    }
    const allowed = (m: string) => !info.allowed || info.allowed.has(m.toLowerCase());
    const lookup = `(?P<${info.lookup}>${info.lookupInt ? "[0-9]+" : "[^/.]+"})`;
    const out: RouterRoute[] = [];
    const add = (pattern: string, methods: string[], action: string) => {
      const kept = methods.filter(allowed);
      if (kept.length) out.push({ pattern, methods: kept, handler: `${ref.name}.${action}`, module: ref.module, ...at });
    };
    const pick = (table: Array<[string, string]>) => table.filter(([a]) => info.actions.has(a));
    const listed = pick(LIST_ACTIONS);
    if (listed.length)
      add(
        `^${prefix}/$`,
        listed.map(([, m]) => m),
        listed.map(([a]) => a).join("/"),
      );
    for (const a of info.extra.filter((x) => !x.detail)) add(`^${prefix}/${a.urlPath}/$`, a.methods, a.name);
    const detailed = pick(DETAIL_ACTIONS);
    if (detailed.length)
      add(
        `^${prefix}/${lookup}/$`,
        detailed.map(([, m]) => m),
        detailed.map(([a]) => a).join("/"),
      );
    for (const a of info.extra.filter((x) => x.detail)) add(`^${prefix}/${lookup}/${a.urlPath}/$`, a.methods, a.name);
    return out;
  }

  /** The actions of a viewset class, its bases followed through the project. */
  private viewset(module: string, cls: PyClassDef, depth = 0): ViewsetInfo {
    const info: ViewsetInfo = { actions: new Set(), extra: [], lookup: "pk", lookupInt: false, unknownBases: [] };
    // bases first, so the class's own attributes and methods win
    for (const base of [...cls.bases].reverse()) {
      if (base.kind !== "name") continue;
      const name = base.parts[base.parts.length - 1];
      if (name in STANDARD) {
        STANDARD[name].forEach((a) => info.actions.add(a));
        continue;
      }
      const resolved = depth < 12 ? this.project.classOf(module, base.parts) : undefined;
      if (!resolved) {
        if (name !== "object" && !/^(?:APIView|GenericAPIView)$/.test(name)) info.unknownBases.push(base.parts.join("."));
        continue;
      }
      const inner = this.viewset(resolved.module, resolved.cls, depth + 1);
      inner.actions.forEach((a) => info.actions.add(a));
      info.extra = [...info.extra.filter((e) => !inner.extra.some((x) => x.name === e.name)), ...inner.extra];
      info.unknownBases.push(...inner.unknownBases);
      if (inner.allowed) info.allowed = inner.allowed;
      info.lookup = inner.lookup;
      info.lookupInt = inner.lookupInt;
    }
    for (const name of ["list", "create", "retrieve", "update", "partial_update", "destroy"]) if (cls.methods.has(name)) info.actions.add(name);
    const extra = new Map(info.extra.map((a) => [a.name, a]));
    for (const fn of cls.methods.values()) {
      for (const d of fn.decorators) {
        const a = this.actionOf(module, fn.name, d);
        if (a) extra.set(a.name, a);
        // `@export.mapping.delete` adds a method to the action `export`
        if (d.kind === "name" && d.parts.length === 3 && d.parts[1] === "mapping" && extra.has(d.parts[0])) {
          const target = extra.get(d.parts[0])!;
          target.methods = [...new Set([...target.methods, d.parts[2].toUpperCase()])];
        }
      }
    }
    info.extra = [...extra.values()];
    const attr = (name: string) => {
      const v = cls.attributes.get(name);
      return v ? this.values.exact(module, v.value) : undefined;
    };
    const names = cls.attributes.get("http_method_names")?.value;
    if (names?.kind === "list") info.allowed = new Set(names.items.map((i) => (staticString(i) ?? "").toLowerCase()));
    const lookup = attr("lookup_url_kwarg") ?? attr("lookup_field");
    if (lookup) info.lookup = lookup;
    const regex = attr("lookup_value_regex");
    if (regex !== undefined) info.lookupInt = /^(?:\\d\+|\[0-9\]\+)$/.test(regex);
    return info;
  }

  /** `@action(detail=True, methods=["post"], url_path="set-password")`, old `@detail_route` / `@list_route`. */
  private actionOf(module: string, fnName: string, d: PyExpr): Action | undefined {
    const call = d.kind === "call" && d.callee.kind === "name" ? d : undefined;
    const name = call ? (call.callee as { parts: string[] }).parts.at(-1) : d.kind === "name" ? d.parts.at(-1) : undefined;
    if (name !== "action" && name !== "detail_route" && name !== "list_route") return undefined;
    const detail =
      name === "detail_route" ||
      (name === "action" && call?.kwargs.get("detail")?.kind === "name" && (call.kwargs.get("detail") as { parts: string[] }).parts[0] === "True");
    const methodsExpr = call?.kwargs.get("methods");
    const methods =
      methodsExpr?.kind === "list"
        ? methodsExpr.items
            .map((i) => (staticString(i) ?? "").toLowerCase())
            .filter((m) => HTTP.includes(m))
            .map((m) => m.toUpperCase())
        : ["GET"];
    const urlPathExpr = call?.kwargs.get("url_path");
    const urlPath = urlPathExpr ? this.values.text(module, urlPathExpr).text : fnName;
    return { name: fnName, detail, methods: methods.length ? methods : ["GET"], urlPath: urlPath.replace(/^\/+|\/+$/g, "") };
  }
}
