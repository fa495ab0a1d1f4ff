/**
 * Project functions that wrap a route registration, followed one level deep:
 *
 *   def register_view(bp_or_app, routes, view_func, **kw):      # flaskbb
 *       for route in routes:
 *           bp_or_app.add_url_rule(route, view_func=view_func, **kw)
 *
 *   class ApiExt(Api):                                           # redash
 *       def add_org_resource(self, resource, *urls, **kwargs):
 *           urls = [org_scoped_rule(url) for url in urls]
 *           return self.add_resource(resource, *urls, **kwargs)
 *
 * A wrapper is a function (or method) whose body calls `.add_url_rule(` or `.add_resource(` with
 * arguments taken from its own parameters. A call of the wrapper is read as that inner call with
 * the caller's arguments put in: a parameter passes its argument, `*urls` spreads a list, and a
 * `for route in routes:` loop repeats the call for each item of a literal list. A list rebuilt by
 * a comprehension (`urls = [f(u) for u in urls]`) is taken as the list itself, and said so once.
 */
import type { ParseIssue } from "@/lib/import/types";
import { warning } from "./common";
import type { PyFunctionDef, PyModuleIndex } from "./python-module-index";
import { parsePyExpr, type PyExpr } from "./python-support";
import type { Bound } from "./flask-facts";
import { isName, isPunct, matchingBracket, type Token } from "./tokens";

export const REGISTERING_CALLS = new Set(["add_url_rule", "add_resource"]);

type InnerCall = {
  verb: string;
  receiver: string[];
  call: Extract<PyExpr, { kind: "call" }>;
  /** `for <variable> in <parameter>:` around the call. */
  loop?: { variable: string; over: string };
};

export type Wrapper = {
  name: string;
  module: string;
  file: string;
  line: number;
  /** A method: its first parameter is the object it is called on. */
  method: boolean;
  fn: PyFunctionDef;
  inner: InnerCall[];
  /** Parameters rebuilt by a comprehension before they are passed on. */
  rebuilt: string[];
};

/** A registration a wrapper call stands for, its arguments bound to the caller's expressions. */
export type ExpandedCall = {
  verb: string;
  receiver: { module: string; parts: string[] };
  args: Bound[];
  kwargs: Map<string, Bound>;
};

/** The wrappers a module defines (top-level functions and methods of its classes). */
export function findWrappers(index: PyModuleIndex): Wrapper[] {
  const out: Wrapper[] = [];
  const consider = (fn: PyFunctionDef, method: boolean) => {
    const w = readWrapper(index, fn, method);
    if (w) out.push(w);
  };
  for (const fn of index.functions.values()) consider(fn, false);
  for (const cls of index.classes.values()) for (const fn of cls.methods.values()) consider(fn, true);
  return out;
}

function readWrapper(index: PyModuleIndex, fn: PyFunctionDef, method: boolean): Wrapper | undefined {
  const tokens = index.tokens;
  const params = new Set(fn.params.map((p) => p.name));
  const inner: InnerCall[] = [];
  const loops: Array<{ variable: string; over: string }> = [];
  const rebuilt: string[] = [];
  for (let i = fn.body[0]; i < fn.body[1]; i++) {
    const t = tokens[i];
    if (
      isName(t, "for") &&
      t.lineStart &&
      tokens[i + 1]?.kind === "name" &&
      isName(tokens[i + 2], "in") &&
      tokens[i + 3]?.kind === "name" &&
      isPunct(tokens[i + 4], ":")
    ) {
      if (params.has(tokens[i + 3].value)) loops.push({ variable: tokens[i + 1].value, over: tokens[i + 3].value });
    }
    if (t.lineStart && t.kind === "name" && params.has(t.value) && isPunct(tokens[i + 1], "=") && isPunct(tokens[i + 2], "[")) {
      const close = matchingBracket(tokens, i + 2);
      if (tokens.slice(i + 3, close).some((x) => isName(x, "for"))) rebuilt.push(t.value);
    }
    if (t.kind === "name" && REGISTERING_CALLS.has(t.value) && isPunct(tokens[i - 1], ".") && isPunct(tokens[i + 1], "(")) {
      const receiver = receiverOf(tokens, i);
      const call = parsePyExpr(tokens, i, matchingBracket(tokens, i + 1) + 1);
      if (!receiver || call.kind !== "call") continue;
      const used = usedNames(call);
      const loop = loops.find((l) => used.has(l.variable));
      if (loop || [...used].some((n) => params.has(n))) inner.push({ verb: t.value, receiver, call, ...(loop ? { loop } : {}) });
    }
  }
  if (!inner.length) return undefined;
  return { name: fn.name, module: index.module, file: index.file, line: fn.line, method, fn, inner, rebuilt };
}

function receiverOf(tokens: Token[], methodIndex: number): string[] | undefined {
  const parts: string[] = [];
  let j = methodIndex - 1;
  while (isPunct(tokens[j], ".") && tokens[j - 1]?.kind === "name") {
    parts.unshift(tokens[j - 1].value);
    j -= 2;
  }
  return parts.length && !isPunct(tokens[j], ".") ? parts : undefined;
}

function usedNames(call: Extract<PyExpr, { kind: "call" }>): Set<string> {
  const out = new Set<string>();
  const visit = (e: PyExpr | undefined) => {
    if (!e) return;
    if (e.kind === "name") out.add(e.parts[0]);
    else if (e.kind === "starred") visit(e.value);
    else if (e.kind === "call") {
      visit(e.callee);
      e.args.forEach(visit);
      e.kwargs.forEach(visit);
    }
  };
  call.args.forEach(visit);
  call.kwargs.forEach(visit);
  return out;
}

/**
 * The registrations one call of a wrapper stands for. `receiver` is the object a method wrapper
 * is called on (`api` in `api.add_org_resource(...)`).
 */
export function expandWrapperCall(
  w: Wrapper,
  call: Extract<PyExpr, { kind: "call" }>,
  callerModule: string,
  receiver: string[] | undefined,
  issues: ParseIssue[],
): ExpandedCall[] {
  const bound = bind(w, call, callerModule);
  const out: ExpandedCall[] = [];
  for (const inner of w.inner) {
    const recv = inner.receiver;
    let target: { module: string; parts: string[] } | undefined;
    if (w.method && recv[0] === w.fn.params[0]?.name) target = receiver ? { module: callerModule, parts: [...receiver, ...recv.slice(1)] } : undefined;
    else if (bound.has(recv[0])) {
      const b = bound.get(recv[0])!;
      target = b.expr.kind === "name" ? { module: b.module, parts: [...b.expr.parts, ...recv.slice(1)] } : undefined;
    } else target = { module: w.module, parts: recv };
    if (!target) {
      issues.push(warning(w.file, w.line, `Cannot tell which app or blueprint ${w.name}() registers routes on; its calls are not listed`));
      continue;
    }
    const items = inner.loop ? listItems(bound.get(inner.loop.over)) : [undefined];
    if (!items) {
      issues.push(warning(w.file, w.line, `${w.name}() loops over ${inner.loop!.over}, which is not a literal list at a call; those routes are not listed`));
      continue;
    }
    for (const item of items) {
      const scope = new Map(bound);
      if (inner.loop && item) scope.set(inner.loop.variable, item);
      const args: Bound[] = [];
      for (const a of inner.call.args) {
        if (a.kind === "starred" && a.value.kind === "name" && scope.has(a.value.parts[0])) args.push(...(listItems(scope.get(a.value.parts[0])) ?? []));
        else if (a.kind !== "starred") args.push(substitute(a, scope, w.module));
      }
      const kwargs = new Map<string, Bound>();
      for (const [k, v] of inner.call.kwargs) if (!k.startsWith("**")) kwargs.set(k, substitute(v, scope, w.module));
      // `**kwargs` forwarded: the caller's keyword arguments (methods=, endpoint=) pass through
      const forwardsKwargs = [...inner.call.kwargs.keys()].some((k) => k.startsWith("**"));
      if (forwardsKwargs)
        for (const [k, v] of call.kwargs) if (!k.startsWith("**") && !w.fn.params.some((p) => p.name === k)) kwargs.set(k, { module: callerModule, expr: v });
      out.push({ verb: inner.verb, receiver: target, args, kwargs });
    }
  }
  for (const name of w.rebuilt) {
    issues.push(warning(w.file, w.line, `${w.name}() rebuilds ${name} before registering it; the routes are listed as its callers wrote them`));
  }
  return out;
}

function bind(w: Wrapper, call: Extract<PyExpr, { kind: "call" }>, callerModule: string): Map<string, Bound> {
  const params = w.method ? w.fn.params.slice(1) : w.fn.params;
  const bound = new Map<string, Bound>();
  let pos = 0;
  for (const p of params) {
    if (p.star === "*") {
      bound.set(p.name, { module: callerModule, expr: { kind: "list", items: call.args.slice(pos), line: call.line } });
      pos = call.args.length;
    } else if (p.star === "") {
      const arg = call.kwargs.get(p.name) ?? (pos < call.args.length ? call.args[pos++] : undefined);
      if (arg) bound.set(p.name, { module: callerModule, expr: arg });
      else if (p.default) bound.set(p.name, { module: w.module, expr: p.default });
    }
  }
  return bound;
}

function substitute(e: PyExpr, scope: Map<string, Bound>, module: string): Bound {
  if (e.kind === "name" && e.parts.length === 1 && scope.has(e.parts[0])) return scope.get(e.parts[0])!;
  return { module, expr: e };
}

function listItems(b: Bound | undefined): Bound[] | undefined {
  if (!b || b.expr.kind !== "list") return undefined;
  return b.expr.items.filter((i) => i.kind !== "starred").map((expr) => ({ module: b.module, expr }));
}
