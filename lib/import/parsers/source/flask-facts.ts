/**
 * Pass 1 of the Flask/FastAPI parser: what one module declares, read from its tokens alone.
 *
 *   owners         app = Flask() / FastAPI(), bp = Blueprint(..., url_prefix=), router = APIRouter(prefix=),
 *                  api = Api(bp, prefix=) (Flask-RESTful, Flask-RESTX), ns = Namespace("users", path=)
 *   routes         @owner.route / .get / .post … on a function; @ns.route("/x") on a Resource class;
 *                  owner.add_url_rule(rule, view_func=View.as_view(...)); api.add_resource(Res, "/a", "/b");
 *                  calls of the project's own wrappers around those (flask-wrappers.ts)
 *   registrations  register_blueprint, include_router, mount, add_namespace, Api(app), api.init_app(app)
 *
 * Values are kept as expressions with the module they belong to (`Bound`): a wrapper's call puts
 * a caller's expressions into another module's code, and pass 2 resolves each where it was written.
 */
import type { ParseIssue } from "@/lib/import/types";
import { warning } from "./common";
import type { PyModuleIndex } from "./python-module-index";
import { endOfLogicalLine, parsePyExpr, qualifyName, staticString, type ImportBinding, type PyExpr } from "./python-support";
import { methodList } from "./python-views";
import { expandWrapperCall, type ExpandedCall, type Wrapper } from "./flask-wrappers";
import { isName, isPunct, matchingBracket, type Token } from "./tokens";

export type Bound = { module: string; expr: PyExpr };

export type OwnerKind = "flask" | "fastapi" | "blueprint" | "router" | "api" | "namespace";

/** A route owner created by a constructor call: `bp = Blueprint('users', __name__, url_prefix='/users')`. */
export type Owner = { kind: OwnerKind; variable: string; prefix?: Bound; file: string; line: number };

export type RouteDecl = {
  /** The owner as written, resolved in `ownerModule` (a wrapper's call may name it elsewhere). */
  owner: string[];
  ownerModule: string;
  path: Bound | undefined;
  /** Literal methods, "unresolved" (a computed methods=), or a class-based view whose verbs decide. */
  methods: string[] | "unresolved" | { view: string[]; viewModule: string };
  handler: string;
  module: string;
  file: string;
  line: number;
};

export type Registration = {
  parent: string[];
  child: Bound | undefined;
  prefix: Bound | undefined;
  /** Flask replaces the child's own prefix; FastAPI, Api and mount put theirs in front. */
  mode: "replace" | "combine";
  call: string;
  file: string;
  line: number;
};

export type FileFacts = {
  module: string;
  file: string;
  imports: Map<string, ImportBinding>;
  owners: Map<string, Owner>;
  routes: RouteDecl[];
  registrations: Registration[];
};

export const OWNER_CONSTRUCTORS: Record<string, OwnerKind> = {
  Flask: "flask",
  FastAPI: "fastapi",
  Blueprint: "blueprint",
  APIRouter: "router",
  Api: "api",
  Namespace: "namespace",
};
const VERB_DECORATORS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
const REGISTER_CALLS: Record<string, Registration["mode"]> = {
  register_blueprint: "replace",
  include_router: "combine",
  mount: "combine",
  add_namespace: "replace",
  init_app: "combine",
};

export type ReadContext = {
  /** Constructor names (library ones and the project's subclasses of them) → owner kind. */
  constructors: Map<string, OwnerKind>;
  /** Wrapper functions by name (several modules may define one of the same name). */
  wrappers: Map<string, Wrapper[]>;
  /** Imports of any module (to name the handler of a wrapper's call in the caller's terms). */
  importsOf: (module: string) => Map<string, ImportBinding>;
  issues: ParseIssue[];
};

/** Token ranges of this module's wrapper bodies: their own registration calls are read at each call. */
function wrapperBodies(ctx: ReadContext, module: string): Array<[number, number]> {
  return [...ctx.wrappers.values()]
    .flat()
    .filter((w) => w.module === module)
    .map((w) => w.fn.body);
}

export function readFacts(index: PyModuleIndex, ctx: ReadContext): FileFacts {
  const tokens = index.tokens;
  const facts: FileFacts = { module: index.module, file: index.file, imports: index.imports, owners: new Map(), routes: [], registrations: [] };
  const bodies = wrapperBodies(ctx, index.module);
  const inWrapper = (i: number) => bodies.some(([s, e]) => i >= s && i < e);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.lineStart && isPunct(t, "@")) {
      readDecorator(tokens, i, facts, ctx);
    } else if (t.lineStart && t.kind === "name" && isPunct(tokens[i + 1], "=")) {
      readAssignment(tokens, i, facts, ctx);
    } else if (t.kind === "name" && isPunct(tokens[i + 1], "(") && !isPunct(tokens[i - 1], "@")) {
      const dotted = isPunct(tokens[i - 1], ".");
      if (dotted && t.value in REGISTER_CALLS) readRegistration(tokens, i, facts);
      else if (dotted && (t.value === "add_url_rule" || t.value === "add_resource")) {
        if (!inWrapper(i)) readRegisteringCall(tokens, i, facts, ctx);
      } else if (ctx.wrappers.has(t.value) && !isName(tokens[i - 1], "def")) readWrapperCall(tokens, i, facts, ctx);
    }
  }
  return facts;
}

/** `NAME = Blueprint(...)`, `api = Api(bp)`, `ns = api.namespace("users")`: the owner and its prefix. */
function readAssignment(tokens: Token[], i: number, facts: FileFacts, ctx: ReadContext): void {
  const end = endOfLogicalLine(tokens, i);
  const value = parsePyExpr(tokens, i + 2, end);
  if (value.kind !== "call" || value.callee.kind !== "name") return;
  const variable = tokens[i].value;
  const parts = value.callee.parts;
  const last = parts[parts.length - 1];
  const bound = (e: PyExpr | undefined) => (e ? { module: facts.module, expr: e } : undefined);
  if (last === "namespace" && parts.length >= 2 && value.args[0]) {
    // api.namespace("users", path="/u"): a namespace registered on that api
    facts.owners.set(variable, { kind: "namespace", variable, prefix: bound(namespacePath(value)), file: facts.file, line: tokens[i].line });
    facts.registrations.push({
      parent: parts.slice(0, -1),
      child: bound({ kind: "name", parts: [variable], line: tokens[i].line }),
      prefix: undefined,
      mode: "replace",
      call: "namespace",
      file: facts.file,
      line: tokens[i].line,
    });
    return;
  }
  const kind = ctx.constructors.get(last);
  if (!kind) return;
  const prefix =
    kind === "blueprint"
      ? value.kwargs.get("url_prefix")
      : kind === "router" || kind === "api"
        ? value.kwargs.get("prefix")
        : kind === "namespace"
          ? namespacePath(value)
          : undefined;
  facts.owners.set(variable, { kind, variable, prefix: bound(prefix), file: facts.file, line: tokens[i].line });
  const parent = value.args[0] ?? value.kwargs.get("app");
  if (kind === "api" && parent?.kind === "name") {
    facts.registrations.push({
      parent: parent.parts,
      child: bound({ kind: "name", parts: [variable], line: tokens[i].line }),
      prefix: undefined,
      mode: "combine",
      call: "Api",
      file: facts.file,
      line: tokens[i].line,
    });
  }
}

/** A Flask-RESTX namespace's own path: `path=`, else "/" + its name. */
function namespacePath(call: Extract<PyExpr, { kind: "call" }>): PyExpr | undefined {
  const path = call.kwargs.get("path");
  if (path) return path;
  const name = staticString(call.args[0] ?? call.kwargs.get("name"));
  return name === undefined ? undefined : { kind: "str", value: `/${name}`, dynamic: false, line: call.line };
}

/** `@owner.route('/x', methods=[...])` / `@owner.get('/x')` on a function, `@ns.route('/a', '/b')` on a class. */
function readDecorator(tokens: Token[], at: number, facts: FileFacts, ctx: ReadContext): void {
  const end = endOfLogicalLine(tokens, at);
  const expr = parsePyExpr(tokens, at + 1, end);
  if (expr.kind !== "call" || expr.callee.kind !== "name" || expr.callee.parts.length < 2) return;
  const parts = expr.callee.parts;
  const verb = parts[parts.length - 1];
  if (verb !== "route" && verb !== "api_route" && !VERB_DECORATORS.has(verb)) return;
  const firstPath = expr.args[0] ?? expr.kwargs.get("rule") ?? expr.kwargs.get("path");
  // `@cache.get(...)`-like decorators of other libraries are not routes: a route decorator's
  // path is a string (or, for the unambiguous `route`, something we warn about later).
  if (firstPath?.kind !== "str" && verb !== "route" && verb !== "api_route") return;
  const decorated = decoratedName(tokens, end);
  if (!decorated) {
    ctx.issues.push(warning(facts.file, tokens[at].line, "Route decorator is not followed by a function definition"));
  }
  const isClass = decorated?.isClass === true;
  const paths = isClass ? expr.args : [firstPath];
  const methods: RouteDecl["methods"] = isClass
    ? expr.kwargs.has("methods")
      ? methodsOf(expr.kwargs.get("methods"))
      : { view: [decorated!.name], viewModule: facts.module }
    : verb === "route" || verb === "api_route"
      ? methodsOf(expr.kwargs.get("methods"))
      : [verb.toUpperCase()];
  for (const p of paths.length ? paths : [undefined]) {
    facts.routes.push({
      owner: parts.slice(0, -1),
      ownerModule: facts.module,
      path: p ? { module: facts.module, expr: p } : undefined,
      methods,
      handler: `${facts.module}.${decorated?.name ?? "<unknown>"}`,
      module: facts.module,
      file: facts.file,
      line: tokens[at].line,
    });
  }
}

/** The function (or class) under a decorator, skipping any further decorators. */
function decoratedName(tokens: Token[], newlineAfterDecorator: number): { name: string; isClass: boolean } | undefined {
  let i = newlineAfterDecorator + 1;
  while (isPunct(tokens[i], "@")) i = endOfLogicalLine(tokens, i) + 1;
  if (isName(tokens[i], "async")) i++;
  if ((isName(tokens[i], "def") || isName(tokens[i], "class")) && tokens[i + 1]?.kind === "name")
    return { name: tokens[i + 1].value, isClass: tokens[i].value === "class" };
  return undefined;
}

/** `methods=['GET', 'post']` → ["GET", "POST"]; absent → ["GET"] (Flask's default, not ANY). */
function methodsOf(e: PyExpr | undefined): string[] | "unresolved" {
  if (!e) return ["GET"];
  return methodList(e) ?? "unresolved";
}

/** `parent.register_blueprint(child, url_prefix=...)`, `include_router(child, prefix=...)`, `mount('/p', sub)`, `add_namespace(ns, '/p')`, `api.init_app(app)`. */
function readRegistration(tokens: Token[], i: number, facts: FileFacts): void {
  const receiver = receiverParts(tokens, i);
  if (!receiver) return;
  const call = parsePyExpr(tokens, i, matchingBracket(tokens, i + 1) + 1);
  if (call.kind !== "call") return;
  const name = tokens[i].value;
  const bound = (e: PyExpr | undefined) => (e ? { module: facts.module, expr: e } : undefined);
  const base = { mode: REGISTER_CALLS[name], call: name, file: facts.file, line: tokens[i].line };
  if (name === "init_app") {
    // api.init_app(app): the receiver is the child; pass 2 keeps it only when the receiver is an Api
    const app = call.args[0] ?? call.kwargs.get("app");
    if (app?.kind === "name")
      facts.registrations.push({ ...base, parent: app.parts, child: bound({ kind: "name", parts: receiver, line: call.line }), prefix: undefined });
    return;
  }
  const isMount = name === "mount";
  const child = isMount
    ? (call.args[1] ?? call.kwargs.get("app"))
    : (call.args[0] ?? call.kwargs.get("blueprint") ?? call.kwargs.get("router") ?? call.kwargs.get("ns"));
  // `for bp in [a.bp, b.bp]: app.register_blueprint(bp)`: one registration per item of the list
  const items = child?.kind === "name" && child.parts.length === 1 ? loopItems(tokens, i, child.parts[0]) : undefined;
  for (const item of items ?? [child])
    facts.registrations.push({
      ...base,
      parent: receiver,
      child: bound(item),
      prefix: bound(
        isMount
          ? (call.args[0] ?? call.kwargs.get("path"))
          : name === "add_namespace"
            ? (call.args[1] ?? call.kwargs.get("path"))
            : call.kwargs.get(base.mode === "replace" ? "url_prefix" : "prefix"),
      ),
    });
}

/** The items of the literal list a `for <name> in [...]:` loop before token `at` runs over. */
function loopItems(tokens: Token[], at: number, name: string): PyExpr[] | undefined {
  for (let k = at - 1; k >= 0 && k > at - 400; k--) {
    if (!tokens[k].lineStart || !isName(tokens[k], "for")) continue;
    if (!isName(tokens[k + 1], name) || !isName(tokens[k + 2], "in") || !isPunct(tokens[k + 3], "[")) continue;
    const list = parsePyExpr(tokens, k + 3, matchingBracket(tokens, k + 3) + 1);
    return list.kind === "list" ? list.items : undefined;
  }
  return undefined;
}

/** `owner.add_url_rule(...)` / `api.add_resource(...)` written in this module. */
function readRegisteringCall(tokens: Token[], i: number, facts: FileFacts, ctx: ReadContext): void {
  const owner = receiverParts(tokens, i);
  const call = parsePyExpr(tokens, i, matchingBracket(tokens, i + 1) + 1);
  if (!owner || call.kind !== "call") return;
  const kwargs = new Map<string, Bound>();
  for (const [k, v] of call.kwargs) kwargs.set(k, { module: facts.module, expr: v });
  addRegisteringCall(
    facts,
    ctx,
    { verb: tokens[i].value, receiver: { module: facts.module, parts: owner }, args: call.args.map((expr) => ({ module: facts.module, expr })), kwargs },
    tokens[i].line,
  );
}

/** A call of one of the project's wrappers: the registrations it stands for. */
function readWrapperCall(tokens: Token[], i: number, facts: FileFacts, ctx: ReadContext): void {
  const receiver = isPunct(tokens[i - 1], ".") ? receiverParts(tokens, i) : undefined;
  const start = receiver ? i - receiver.length * 2 : i;
  const call = parsePyExpr(tokens, start, matchingBracket(tokens, i + 1) + 1);
  if (call.kind !== "call") return;
  const candidates = ctx.wrappers.get(tokens[i].value)!;
  // a method wrapper is called on an object; a function wrapper by name (or module.name)
  const wrapper = candidates.find((w) => w.method === (receiver !== undefined && !isModuleName(facts, receiver))) ?? candidates[0];
  if (wrapper.module === facts.module && wrapper.line === tokens[i].line) return;
  for (const expanded of expandWrapperCall(wrapper, call, facts.module, wrapper.method ? receiver : undefined, ctx.issues)) {
    addRegisteringCall(facts, ctx, expanded, tokens[i].line);
  }
}

function isModuleName(facts: FileFacts, receiver: string[]): boolean {
  const b = facts.imports.get(receiver[0]);
  return b !== undefined && b.name === undefined;
}

/** add_url_rule(rule, endpoint, view_func, methods=) or add_resource(Resource, *urls). */
function addRegisteringCall(facts: FileFacts, ctx: ReadContext, c: ExpandedCall, line: number): void {
  const viewOf = (b: Bound | undefined): { parts: string[]; module: string; classView: boolean } | undefined => {
    const e = b?.expr;
    if (e?.kind === "call" && e.callee.kind === "name" && e.callee.parts.at(-1) === "as_view")
      return { parts: e.callee.parts.slice(0, -1), module: b!.module, classView: true };
    if (e?.kind === "name") return { parts: e.parts, module: b!.module, classView: false };
    return undefined;
  };
  const base = { owner: c.receiver.parts, ownerModule: c.receiver.module, file: facts.file, line };
  if (c.verb === "add_resource") {
    const resource = viewOf(c.args[0]);
    const ref = resource ? qualifyName(ctx.importsOf(resource.module), resource.module, resource.parts) : { name: "<unknown>", module: facts.module };
    const urls = [...c.args.slice(1), ...(c.kwargs.has("urls") ? [c.kwargs.get("urls")!] : [])];
    for (const url of urls.length ? urls : [undefined]) {
      facts.routes.push({
        ...base,
        path: url,
        methods: resource ? { view: resource.parts, viewModule: resource.module } : ["ANY"],
        handler: ref.name,
        module: ref.module,
      });
    }
    return;
  }
  const view = viewOf(c.kwargs.get("view_func") ?? c.args[2]);
  const ref = view ? qualifyName(ctx.importsOf(view.module), view.module, view.parts) : { name: "<unknown>", module: facts.module };
  const methodsExpr = c.kwargs.get("methods")?.expr;
  facts.routes.push({
    ...base,
    path: c.args[0] ?? c.kwargs.get("rule"),
    methods: view?.classView && !methodsExpr ? { view: view.parts, viewModule: view.module } : methodsOf(methodsExpr),
    handler: ref.name,
    module: ref.module,
  });
}

/** The dotted receiver before `.method(`: `app` in `app.register_blueprint(`, `api.v1` in `api.v1.include_router(`. */
export function receiverParts(tokens: Token[], methodIndex: number): string[] | undefined {
  const parts: string[] = [];
  let j = methodIndex - 1;
  while (isPunct(tokens[j], ".") && tokens[j - 1]?.kind === "name") {
    parts.unshift(tokens[j - 1].value);
    j -= 2;
  }
  if (isPunct(tokens[j], ".") || isPunct(tokens[j], ")")) return undefined; // `create_app().register…`
  return parts.length ? parts : undefined;
}
