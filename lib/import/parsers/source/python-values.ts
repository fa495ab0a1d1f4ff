/**
 * The static value of a Python string expression, as far as the source text says it — never by
 * running anything. Used for URL prefixes and paths that are not literals:
 *
 *   module constants          PREFIX = "/api"; f"{PREFIX}/users"; from .config import PREFIX
 *   class attribute defaults  settings = Settings()  →  settings.API_V1_STR: str = "/api/v1"
 *   environment defaults      os.getenv("X", "/d"), os.environ.get("X", "/d"), env("X", default="/d")
 *   configuration keys        app.config["AUTH_URL_PREFIX"] → AUTH_URL_PREFIX = "/auth" in a config module
 *   small helpers             a project function whose last line returns an expression of its arguments
 *
 * What cannot be resolved becomes a visible placeholder segment `{NAME}` (kept apart from route
 * parameters by the PLACEHOLDER markers until the path is final) and the caller warns about it.
 * Guesses (a value found by name only, a value reassigned under a condition) are reported once,
 * where the value is defined.
 */
import type { ParseIssue } from "@/lib/import/types";
import { placeholder, warning } from "./common";
import { tokenizePython } from "./python-lexer";
import { finalReturn, type PyClassDef, type PyFunctionDef } from "./python-module-index";
import type { Definition, PythonProject } from "./python-project";
import { parsePyExpr, type PyExpr } from "./python-support";

export { PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, showPlaceholders } from "./common";

export type StaticText = { text: string; placeholders: string[] };

/** A value that stands for an expression of another module (a function argument, a constant). */
type Bound = { module: string; expr: PyExpr };
type Locals = Map<string, Bound>;

const MAX_DEPTH = 12;
const ENV_CALL = /^(?:os\.getenv|getenv|os\.environ\.get|environ\.get|env|env\.str|config|decouple\.config|get_env|getenv_str)$/;
const CONFIG_OBJECT = /(?:^|\.)(?:config|settings|conf|CONFIG|SETTINGS|app_config)$/;

export class PythonValues {
  private readonly notes = new Map<string, ParseIssue>();
  private readonly byName = new Map<string, string | null>();

  constructor(readonly project: PythonProject) {}

  /** Warnings about guesses, one per definition. */
  issues(): ParseIssue[] {
    return [...this.notes.values()];
  }

  /** The text of a string expression used in `module`; placeholders where it cannot be known. */
  text(module: string, e: PyExpr, locals: Locals = new Map(), depth = 0): StaticText {
    const out = this.resolve(module, e, locals, depth);
    return out ?? { text: placeholder(describe(e)), placeholders: [describe(e)] };
  }

  /** The text, or undefined when any part of it is unknown. */
  exact(module: string, e: PyExpr, locals: Locals = new Map()): string | undefined {
    const r = this.resolve(module, e, locals, 0);
    return r && r.placeholders.length === 0 ? r.text : undefined;
  }

  private resolve(module: string, e: PyExpr, locals: Locals, depth: number): StaticText | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (e.kind) {
      case "str":
        return e.dynamic ? this.fstring(module, e.value, e.line, locals, depth) : { text: e.value, placeholders: [] };
      case "add": {
        const l = this.text(module, e.left, locals, depth + 1);
        const r = this.text(module, e.right, locals, depth + 1);
        return { text: l.text + r.text, placeholders: [...l.placeholders, ...r.placeholders] };
      }
      case "name":
        return this.name(module, e.parts, locals, depth);
      case "subscript":
        return this.configKey(module, e.object, e.index, undefined, locals, depth);
      case "attr":
        // `Settings().PREFIX`, `get_settings().PREFIX`: the attribute's default, found by name
        return this.attributeOf(module, e.object, e.name, locals, depth);
      case "call":
        return this.call(module, e, locals, depth);
      default:
        return undefined;
    }
  }

  /** f"{PREFIX}/users/{settings.X}": every replacement field resolved, or a placeholder. */
  private fstring(module: string, raw: string, line: number, locals: Locals, depth: number): StaticText {
    let text = "";
    const placeholders: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if ((c === "{" || c === "}") && raw[i + 1] === c) {
        text += c;
        i++;
      } else if (c === "{") {
        const close = raw.indexOf("}", i);
        const field = raw.slice(i + 1, close < 0 ? raw.length : close);
        i = close < 0 ? raw.length : close;
        const tokens = tokenizePython(field);
        const end = tokens.length && tokens[tokens.length - 1].kind === "newline" ? tokens.length - 1 : tokens.length;
        const expr = /[!:]/.test(field.replace(/\[.*?\]|\(.*?\)/g, "")) ? undefined : parsePyExpr(tokens, 0, end);
        const value = expr
          ? this.text(module, { ...expr, line } as PyExpr, locals, depth + 1)
          : { text: placeholder(field.trim()), placeholders: [field.trim()] };
        text += value.text;
        placeholders.push(...value.placeholders);
      } else {
        text += c;
      }
    }
    return { text, placeholders };
  }

  private name(module: string, parts: string[], locals: Locals, depth: number): StaticText | undefined {
    const local = locals.get(parts[0]);
    if (local) {
      if (parts.length === 1) return this.resolve(local.module, local.expr, new Map(), depth + 1);
      return this.attributeOf(local.module, local.expr, parts.slice(1).join("."), new Map(), depth + 1);
    }
    const idx = this.project.index(module);
    const binding = idx?.imports.get(parts[0]);
    if (binding && binding.module === "django.conf" && binding.name === "settings" && parts.length === 2) {
      return this.named(parts[1]);
    }
    const def = this.project.definition(module, parts);
    if (def?.kind === "assignment") return this.assignment(def, depth);
    if (def?.kind === "class" || def?.kind === "function" || def?.kind === "module") return undefined;
    if (parts.length < 2) return undefined;
    // obj.attr…: a settings object, a class, a module's constant
    const object = this.project.definition(module, parts.slice(0, -1));
    const attr = parts[parts.length - 1];
    if (object?.kind === "class") return this.classAttribute(object.module, object.cls, attr, depth);
    if (object?.kind === "assignment") {
      const value = this.current(object.assignments)?.value;
      if (value) return this.attributeOf(object.module, value, attr, new Map(), depth + 1);
    }
    return this.named(attr);
  }

  /** The unconditional assignment that holds at import time (the last one at the top level). */
  private current(assignments: Array<{ value: PyExpr; line: number; conditional: boolean }>) {
    const top = assignments.filter((a) => !a.conditional);
    return top[top.length - 1];
  }

  private assignment(def: Extract<Definition, { kind: "assignment" }>, depth: number): StaticText | undefined {
    const chosen = this.current(def.assignments);
    if (!chosen) return undefined;
    const later = def.assignments.find((a) => a.conditional && a.line > chosen.line);
    if (later) {
      const file = this.project.modules.file(def.module)?.path ?? def.module;
      this.note(file, later.line, `${def.name} is reassigned here under a condition; routes use its value at line ${chosen.line}`);
    }
    return this.resolve(def.module, chosen.value, new Map(), depth + 1);
  }

  /** `obj.attr` where obj is an expression: an instance or class of the project, else by name. */
  private attributeOf(module: string, object: PyExpr, attr: string, locals: Locals, depth: number): StaticText | undefined {
    if (attr.includes(".")) return undefined;
    const cls = this.classOfValue(module, object, depth);
    if (cls) {
      const v = this.classAttribute(cls.module, cls.cls, attr, depth);
      if (v) return v;
    }
    if (object.kind === "name" && !locals.has(object.parts[0])) {
      const def = this.project.definition(module, object.parts);
      if (def?.kind === "module") {
        const inner = this.project.definition(def.module, [attr]);
        if (inner?.kind === "assignment") return this.assignment(inner, depth);
      }
    }
    return this.named(attr);
  }

  /** The class an expression is an instance (or the class) of: `Settings()`, `Settings`, `get_settings()` returning one. */
  private classOfValue(module: string, e: PyExpr, depth: number): { module: string; cls: PyClassDef } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (e.kind === "name") {
      const def = this.project.definition(module, e.parts);
      if (def?.kind === "class") return { module: def.module, cls: def.cls };
      if (def?.kind === "assignment") {
        const v = this.current(def.assignments)?.value;
        return v ? this.classOfValue(def.module, v, depth + 1) : undefined;
      }
      return undefined;
    }
    if (e.kind === "call" && e.callee.kind === "name") {
      const def = this.project.definition(module, e.callee.parts);
      if (def?.kind === "class") return { module: def.module, cls: def.cls };
      if (def?.kind === "function") {
        const ret = finalReturn(def.index, def.fn);
        return ret ? this.classOfValue(def.module, ret, depth + 1) : undefined;
      }
    }
    return undefined;
  }

  /** A class attribute's value, looked up through the project's base classes. */
  classAttribute(module: string, cls: PyClassDef, attr: string, depth: number): StaticText | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const own = cls.attributes.get(attr);
    if (own) return this.resolve(module, own.value, new Map(), depth + 1);
    for (const base of cls.bases) {
      if (base.kind !== "name") continue;
      const b = this.project.classOf(module, base.parts);
      const v = b ? this.classAttribute(b.module, b.cls, attr, depth + 1) : undefined;
      if (v) return v;
    }
    return undefined;
  }

  /** `config["KEY"]`, `config.get("KEY", default)`, `os.environ["KEY"]`. */
  private configKey(module: string, object: PyExpr, index: PyExpr, fallback: PyExpr | undefined, locals: Locals, depth: number): StaticText | undefined {
    const key = this.exact(module, index, locals);
    const where = object.kind === "name" ? object.parts.join(".") : object.kind === "attr" ? object.name : "";
    if (key === undefined) return undefined;
    if (/(?:^|\.)environ$/.test(where)) return fallback ? this.resolve(module, fallback, locals, depth + 1) : undefined;
    if (CONFIG_OBJECT.test(where)) {
      const found = this.named(key);
      if (found) return found;
    }
    return fallback ? this.resolve(module, fallback, locals, depth + 1) : { text: placeholder(key), placeholders: [key] };
  }

  private call(module: string, e: Extract<PyExpr, { kind: "call" }>, locals: Locals, depth: number): StaticText | undefined {
    const callee = e.callee;
    const name = callee.kind === "name" ? callee.parts.join(".") : undefined;
    if (
      callee.kind === "name" &&
      callee.parts.length >= 2 &&
      callee.parts[callee.parts.length - 1] === "get" &&
      CONFIG_OBJECT.test(callee.parts.slice(0, -1).join(".")) &&
      e.args[0]
    ) {
      return this.configKey(
        module,
        { kind: "name", parts: callee.parts.slice(0, -1), line: e.line },
        e.args[0],
        e.args[1] ?? e.kwargs.get("default"),
        locals,
        depth,
      );
    }
    if (name && ENV_CALL.test(name) && e.args[0]) {
      const key = this.exact(module, e.args[0], locals);
      const fallback = e.args[1] ?? e.kwargs.get("default");
      if (fallback) return this.resolve(module, fallback, locals, depth + 1);
      return key === undefined ? undefined : { text: placeholder(key), placeholders: [key] };
    }
    if (name === "str" && e.args.length === 1) return this.resolve(module, e.args[0], locals, depth + 1);
    if (callee.kind === "attr" && callee.name === "format" && callee.object.kind === "str" && !callee.object.dynamic) {
      return this.format(module, callee.object.value, e, locals, depth);
    }
    if (callee.kind !== "name") return undefined;
    const local = locals.get(callee.parts[0]);
    const def = local ? undefined : this.project.definition(module, callee.parts);
    if (def?.kind !== "function") return undefined;
    const ret = finalReturn(def.index, def.fn);
    if (!ret) return undefined;
    const bound = bindArguments(def.fn, e, module, def.module);
    const returns = def.index.tokens.slice(def.fn.body[0], def.fn.body[1]).filter((t) => t.kind === "name" && t.value === "return").length;
    if (returns > 1) {
      this.note(def.index.file, def.fn.line, `${def.fn.name}() is read through its last line (return ${describe(ret)}); its other branches are not followed`);
    }
    return this.resolve(def.module, ret, bound, depth + 1);
  }

  /** `"/{}/x".format(a)` with positional `{}` / `{0}` fields. */
  private format(module: string, template: string, e: Extract<PyExpr, { kind: "call" }>, locals: Locals, depth: number): StaticText | undefined {
    let next = 0;
    let text = "";
    const placeholders: string[] = [];
    const re = /\{\{|\}\}|\{(\d*)\}|\{[^}]*\}/g;
    let last = 0;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      text += template.slice(last, m.index);
      last = m.index + m[0].length;
      if (m[0] === "{{" || m[0] === "}}") {
        text += m[0][0];
        continue;
      }
      if (m[1] === undefined) return undefined; // named or formatted fields
      const arg = e.args[m[1] === "" ? next++ : Number(m[1])];
      if (!arg) return undefined;
      const v = this.text(module, arg, locals, depth + 1);
      text += v.text;
      placeholders.push(...v.placeholders);
    }
    return { text: text + template.slice(last), placeholders };
  }

  /**
   * A setting found by its name alone: a module constant or class attribute of that name with a
   * static value anywhere in the project (configuration modules, settings classes). Used when the
   * object holding it cannot be followed (`app.config`, a settings object built by a factory).
   */
  private named(key: string): StaticText | undefined {
    if (!/^[A-Za-z_]\w*$/.test(key)) return undefined;
    if (!this.byName.has(key)) this.byName.set(key, this.findByName(key));
    const v = this.byName.get(key);
    return v === null || v === undefined ? undefined : { text: v, placeholders: [] };
  }

  private findByName(key: string): string | null {
    const values = new Map<string, { file: string; line: number }>();
    for (const module of this.project.modulesMentioning(key)) {
      const idx = this.project.index(module);
      if (!idx) continue;
      const top = idx.assignments.get(key);
      const chosen = top ? this.current(top) : undefined;
      if (chosen) {
        const v = this.exact(module, chosen.value);
        if (v !== undefined && !values.has(v)) values.set(v, { file: idx.file, line: chosen.line });
      }
      for (const cls of idx.classes.values()) {
        const attr = cls.attributes.get(key);
        const v = attr ? this.exact(module, attr.value) : undefined;
        if (attr && v !== undefined && !values.has(v)) values.set(v, { file: idx.file, line: attr.line });
      }
    }
    if (values.size !== 1) {
      if (values.size > 1) {
        const [first] = values.values();
        this.note(
          first.file,
          first.line,
          `${key} has ${values.size} different values in the project (${[...values.keys()].map((v) => JSON.stringify(v)).join(", ")}); routes using it show {${key}}`,
        );
      }
      return null;
    }
    return [...values.keys()][0];
  }

  private note(file: string, line: number, message: string): void {
    const key = `${file}:${line}:${message}`;
    if (!this.notes.has(key)) this.notes.set(key, warning(file, line, message));
  }
}

/** The arguments of a call bound to a function's parameters (defaults included). */
export function bindArguments(fn: PyFunctionDef, call: Extract<PyExpr, { kind: "call" }>, callerModule: string, calleeModule?: string): Locals {
  const bound: Locals = new Map();
  const params = fn.params.filter((p, i) => !(i === 0 && (p.name === "self" || p.name === "cls")));
  let pos = 0;
  for (const p of params) {
    if (p.star === "*") {
      const rest = call.args.slice(pos);
      bound.set(p.name, { module: callerModule, expr: { kind: "list", items: rest, line: call.line } });
      pos = call.args.length;
    } else if (p.star === "") {
      const kw = call.kwargs.get(p.name);
      const arg = kw ?? (pos < call.args.length && call.args[pos].kind !== "starred" ? call.args[pos++] : undefined);
      if (arg) bound.set(p.name, { module: callerModule, expr: arg });
      else if (p.default && calleeModule) bound.set(p.name, { module: calleeModule, expr: p.default });
    }
  }
  return bound;
}

/** A short name for an expression, used as its placeholder: `API_V1_STR`, `AUTH_URL_PREFIX`, `prefix`. */
export function describe(e: PyExpr): string {
  switch (e.kind) {
    case "name":
      return e.parts[e.parts.length - 1];
    case "attr":
      return e.name;
    case "subscript":
      return e.index.kind === "str" && !e.index.dynamic ? e.index.value : describe(e.object);
    case "call": {
      const key = e.args[0];
      if (e.callee.kind === "name" && ENV_CALL.test(e.callee.parts.join(".")) && key?.kind === "str") return key.value;
      if (e.callee.kind === "name" && e.callee.parts.at(-1) === "get" && key?.kind === "str") return key.value;
      return `${describe(e.callee)}()`;
    }
    case "str":
      return e.value.replace(/[{}]/g, "").slice(0, 40) || "value";
    default:
      return "value";
  }
}
