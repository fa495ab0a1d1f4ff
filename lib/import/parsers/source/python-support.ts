/**
 * Python helpers shared by the Flask/FastAPI and Django parsers: a small expression parser over
 * tokens (strings, dotted names, calls, lists/tuples, `+`), import statements, and the mapping
 * between file paths and dotted module names.
 */
import type { SourceFile } from "@/lib/import/types";
import { normalizeFilePath } from "./common";
import { isName, isPunct, matchingBracket, MAX_NESTING, splitArguments, type Token } from "./tokens";

export type PyExpr =
  | { kind: "str"; value: string; dynamic: boolean; line: number }
  | { kind: "name"; parts: string[]; line: number }
  /** `kwargs` holds `name=value`; a `**mapping` argument is kept under the key `**<n>` (a starred value). */
  | { kind: "call"; callee: PyExpr; args: PyExpr[]; kwargs: Map<string, PyExpr>; line: number }
  | { kind: "list"; items: PyExpr[]; line: number }
  | { kind: "add"; left: PyExpr; right: PyExpr; line: number }
  /** `obj.name` where obj is not a plain dotted name (`get_config().PREFIX`, `"{}".format`). */
  | { kind: "attr"; object: PyExpr; name: string; line: number }
  /** `obj[index]`: `app.config["PREFIX"]`, `os.environ["X"]`. */
  | { kind: "subscript"; object: PyExpr; index: PyExpr; line: number }
  /** `*args` / `**kwargs` passed to a call (or a starred item of a list). */
  | { kind: "starred"; value: PyExpr; double: boolean; line: number }
  | { kind: "dict"; entries: Array<[PyExpr, PyExpr]>; line: number }
  | { kind: "other"; line: number };

/**
 * Parses the tokens [start, end) as one expression. Whatever is not one of the shapes above
 * (arithmetic, comprehensions, lambdas, subscripts…) becomes `other`: the callers only need to
 * know that they cannot use it.
 */
export function parsePyExpr(tokens: Token[], start: number, end: number, depth = 0): PyExpr {
  if (depth > MAX_NESTING) return { kind: "other", line: tokens[start]?.line ?? 0 };
  const p = new PyExprParser(tokens, end, depth);
  p.pos = start;
  const e = p.parseSum();
  return p.pos === end ? e : { kind: "other", line: tokens[start]?.line ?? 0 };
}

class PyExprParser {
  pos = 0;
  constructor(
    readonly tokens: Token[],
    readonly end: number,
    readonly depth: number,
  ) {}

  private peek(): Token | undefined {
    return this.pos < this.end ? this.tokens[this.pos] : undefined;
  }

  private inner(start: number, end: number): PyExpr {
    return parsePyExpr(this.tokens, start, end, this.depth + 1);
  }

  parseSum(): PyExpr {
    let left = this.parsePostfix();
    while (isPunct(this.peek(), "+")) {
      const line = this.peek()!.line;
      this.pos++;
      left = { kind: "add", left, right: this.parsePostfix(), line };
    }
    return left;
  }

  private parsePostfix(): PyExpr {
    let e = this.parsePrimary();
    for (;;) {
      const t = this.peek();
      if (isPunct(t, ".") && isName(this.tokens[this.pos + 1]) && this.pos + 1 < this.end) {
        const name = this.tokens[this.pos + 1].value;
        e = e.kind === "name" ? { ...e, parts: [...e.parts, name] } : e.kind === "other" ? e : { kind: "attr", object: e, name, line: e.line };
        this.pos += 2;
      } else if (isPunct(t, "(")) {
        e = this.parseCall(e);
      } else if (isPunct(t, "[")) {
        const close = Math.min(matchingBracket(this.tokens, this.pos), this.end - 1);
        const index = close > this.pos + 1 ? this.inner(this.pos + 1, close) : ({ kind: "other", line: e.line } as PyExpr);
        this.pos = close + 1;
        e = e.kind === "other" ? e : { kind: "subscript", object: e, index, line: e.line };
      } else {
        return e;
      }
    }
  }

  private parseCall(callee: PyExpr): PyExpr {
    const open = this.pos;
    const close = Math.min(matchingBracket(this.tokens, open), this.end);
    const args: PyExpr[] = [];
    const kwargs = new Map<string, PyExpr>();
    for (const [s, e] of splitArguments(this.tokens, open, close)) {
      if (isName(this.tokens[s]) && isPunct(this.tokens[s + 1], "=")) {
        kwargs.set(this.tokens[s].value, this.inner(s + 2, e));
      } else if (isPunct(this.tokens[s], "*") || isPunct(this.tokens[s], "**")) {
        const value = this.inner(s + 1, e);
        const starred: PyExpr = { kind: "starred", value, double: this.tokens[s].value === "**", line: this.tokens[s].line };
        if (starred.double) kwargs.set(`**${kwargs.size}`, starred);
        else args.push(starred);
      } else {
        args.push(this.inner(s, e));
      }
    }
    this.pos = close + 1;
    return { kind: "call", callee, args, kwargs, line: callee.line };
  }

  private parsePrimary(): PyExpr {
    const t = this.peek();
    if (!t) return { kind: "other", line: this.tokens[this.end - 1]?.line ?? 0 };
    if (t.kind === "string") return this.parseStrings();
    if (t.kind === "name" && t.value !== "lambda" && t.value !== "not") {
      this.pos++;
      return { kind: "name", parts: [t.value], line: t.line };
    }
    if (isPunct(t, "[") || isPunct(t, "(") || isPunct(t, "{")) return this.parseCollection();
    this.pos = this.end; // unknown syntax: give up on the rest of the range
    return { kind: "other", line: t.line };
  }

  /** `{"a": x, "b": y}`; a set display or a comprehension is `other`. */
  private parseDict(ranges: Array<[number, number]>, line: number): PyExpr {
    const entries: Array<[PyExpr, PyExpr]> = [];
    for (const [s, e] of ranges) {
      let colon = -1;
      for (let i = s; i < e; i++) {
        const tok = this.tokens[i];
        if (isName(tok, "for") || isName(tok, "lambda")) return { kind: "other", line };
        if (tok.kind === "punct" && (tok.value === "(" || tok.value === "[" || tok.value === "{")) i = matchingBracket(this.tokens, i);
        else if (colon < 0 && isPunct(tok, ":")) colon = i;
      }
      if (colon < 0) return { kind: "other", line };
      entries.push([this.inner(s, colon), this.inner(colon + 1, e)]);
    }
    return { kind: "dict", entries, line };
  }

  /** Adjacent string literals concatenate ('a' 'b' == 'ab'). */
  private parseStrings(): PyExpr {
    const first = this.peek()!;
    let value = "";
    let dynamic = false;
    while (this.peek()?.kind === "string") {
      const t = this.peek()!;
      value += t.value;
      dynamic ||= t.dynamic === true;
      this.pos++;
    }
    return { kind: "str", value, dynamic, line: first.line };
  }

  /** A list, tuple or set display; a parenthesised single expression is that expression. */
  private parseCollection(): PyExpr {
    const open = this.pos;
    const t = this.tokens[open];
    const close = Math.min(matchingBracket(this.tokens, open), this.end);
    this.pos = close + 1;
    const ranges = splitArguments(this.tokens, open, close);
    const hasTrailingComma = isPunct(this.tokens[close - 1], ",");
    if (t.value === "{") return this.parseDict(ranges, t.line);
    for (let i = open + 1; i < close; i++) {
      const tok = this.tokens[i];
      // a nested display is read on its own; a comprehension (or a lambda's colon) is not a collection
      if (tok.kind === "punct" && (tok.value === "(" || tok.value === "[" || tok.value === "{")) i = matchingBracket(this.tokens, i);
      else if (isPunct(tok, ":") || isName(tok, "for")) return { kind: "other", line: t.line };
    }
    const items = ranges.map(([s, e]) =>
      isPunct(this.tokens[s], "*") ? ({ kind: "starred", value: this.inner(s + 1, e), double: false, line: this.tokens[s].line } as PyExpr) : this.inner(s, e),
    );
    if (t.value === "(" && items.length === 1 && !hasTrailingComma) return items[0];
    return { kind: "list", items, line: t.line };
  }
}

/** The string value of an expression when it is a static string (concatenations included). */
export function staticString(e: PyExpr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === "str") return e.dynamic ? undefined : e.value;
  if (e.kind === "add") {
    const l = staticString(e.left);
    const r = staticString(e.right);
    return l === undefined || r === undefined ? undefined : l + r;
  }
  return undefined;
}

/** Index of the next newline token at or after `i` (or tokens.length). */
export function endOfLogicalLine(tokens: Token[], i: number): number {
  while (i < tokens.length && tokens[i].kind !== "newline") i++;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Modules and imports

/**
 * `app/users/views.py` → `app.users.views`; `app/__init__.py` → `app`; a top-level `__init__.py`
 * (a folder that is itself the package, scanned on its own) → `""`, so that its relative imports
 * (`from .users.views import bp`) resolve against the folder.
 */
export function moduleNameOf(path: string): string {
  const p = normalizeFilePath(path).replace(/^\/+/, "").replace(/\.py$/, "");
  return p.replace(/(^|\/)__init__$/, "").replace(/\//g, ".");
}

export function isPackageFile(path: string): boolean {
  return /(^|\/)__init__\.py$/.test(path);
}

/**
 * The project's Python modules by dotted name. A dotted name used in the code may be relative to
 * a source root below the repository root (`src/`, the folder holding manage.py), so a name also
 * resolves to the module whose full name ends with it, the shortest such name winning.
 */
export class PythonModules {
  private readonly byName = new Map<string, SourceFile>();
  private readonly bySuffix = new Map<string, string[]>();

  constructor(files: SourceFile[]) {
    for (const f of files) {
      const name = moduleNameOf(f.path);
      this.byName.set(name, f);
      const parts = name.split(".");
      for (let i = 1; i < parts.length; i++) {
        const suffix = parts.slice(i).join(".");
        const list = this.bySuffix.get(suffix) ?? [];
        list.push(name);
        this.bySuffix.set(suffix, list);
      }
    }
    for (const list of this.bySuffix.values()) list.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  }

  /** The full module name for a dotted name, or undefined when no file holds it. */
  resolve(dotted: string): string | undefined {
    if (this.byName.has(dotted)) return dotted;
    return this.bySuffix.get(dotted)?.[0];
  }

  file(fullName: string): SourceFile | undefined {
    return this.byName.get(fullName);
  }
}

/** What an imported local name stands for: `module` itself, or the attribute `name` of it. */
export type ImportBinding = { module: string; name?: string };

/**
 * Reads every import statement of a file (also those inside functions: application factories
 * import their blueprints inside `create_app`). Relative imports are made absolute against the
 * file's own module name.
 */
export function parseImports(tokens: Token[], path: string): Map<string, ImportBinding> {
  const imports = new Map<string, ImportBinding>();
  const self = moduleNameOf(path);
  const pkg = isPackageFile(path) ? self : self.split(".").slice(0, -1).join(".");
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.lineStart || t.kind !== "name") continue;
    if (t.value === "import") {
      const end = endOfLogicalLine(tokens, i);
      for (const [s, e] of splitRange(tokens, i + 1, end)) {
        const { dotted, alias } = readDottedAs(tokens, s, e);
        if (!dotted) continue;
        // `import a.b.c` binds `a`; `import a.b.c as x` binds x to a.b.c
        if (alias) imports.set(alias, { module: dotted });
        else imports.set(dotted.split(".")[0], { module: dotted.split(".")[0] });
      }
      i = end;
    } else if (t.value === "from") {
      const end = endOfLogicalLine(tokens, i);
      let j = i + 1;
      let level = 0;
      while (j < end && tokens[j].kind === "punct" && (tokens[j].value === "." || tokens[j].value === "...")) {
        level += tokens[j].value.length;
        j++;
      }
      let dotted = "";
      while (j < end && !isName(tokens[j], "import")) dotted += tokens[j++].value;
      const base = level === 0 ? dotted : joinModule(ancestor(pkg, level - 1), dotted);
      for (const [s, e] of splitRange(tokens, j + 1, end)) {
        const { dotted: name, alias } = readDottedAs(tokens, s, e);
        if (name && name !== "*") imports.set(alias ?? name, { module: base, name });
      }
      i = end;
    }
  }
  return imports;
}

function ancestor(pkg: string, up: number): string {
  const parts = pkg ? pkg.split(".") : [];
  return parts.slice(0, Math.max(0, parts.length - up)).join(".");
}

function joinModule(a: string, b: string): string {
  return a && b ? `${a}.${b}` : a || b;
}

/** Comma-separated ranges between start and end, ignoring parentheses of `from x import (a, b)`. */
function splitRange(tokens: Token[], start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || isPunct(tokens[i], ",")) {
      out.push([s, i]);
      s = i + 1;
    }
  }
  return out;
}

function readDottedAs(tokens: Token[], start: number, end: number): { dotted: string; alias?: string } {
  let dotted = "";
  let alias: string | undefined;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (isPunct(t, "(") || isPunct(t, ")")) continue;
    if (isName(t, "as")) {
      alias = tokens[i + 1]?.value;
      break;
    }
    dotted += t.kind === "punct" && t.value === "*" ? "*" : t.value;
  }
  return { dotted, alias };
}

/**
 * A dotted name as written in a module, made absolute through the module's imports:
 * `views.index` after `from blog import views` → `blog.views.index`; an unimported name is
 * taken to live in the module itself. `module` is the name without its last part.
 */
export function qualifyName(imports: Map<string, ImportBinding>, module: string, parts: string[]): { name: string; module: string } {
  const binding = imports.get(parts[0]);
  if (!binding) return { name: `${module}.${parts.join(".")}`, module };
  const base = binding.name ? `${binding.module}.${binding.name}` : binding.module;
  const name = [base, ...parts.slice(1)].join(".");
  return { name, module: name.split(".").slice(0, -1).join(".") };
}
