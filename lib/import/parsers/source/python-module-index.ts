/**
 * What one Python module defines, read from its tokens: top-level assignments, classes (bases,
 * attributes, methods) and functions (parameters, body). The lexer keeps no columns, so the
 * indentation of each logical line is taken from the text; blocks are the lines indented deeper
 * than their header, exactly as Python reads them.
 */
import type { SourceFile } from "@/lib/import/types";
import { tokenizePython } from "./python-lexer";
import { endOfLogicalLine, moduleNameOf, parseImports, parsePyExpr, type ImportBinding, type PyExpr } from "./python-support";
import { isName, isPunct, matchingBracket, splitArguments, type Token } from "./tokens";

export type PyParam = { name: string; star: "" | "*" | "**"; default?: PyExpr };

export type PyFunctionDef = {
  name: string;
  params: PyParam[];
  decorators: PyExpr[];
  line: number;
  /** Token range of the body. */
  body: [number, number];
};

export type PyClassDef = {
  name: string;
  bases: PyExpr[];
  decorators: PyExpr[];
  /** `name = value` and `name: T = value` directly in the class body. */
  attributes: Map<string, { value: PyExpr; line: number }>;
  methods: Map<string, PyFunctionDef>;
  line: number;
};

/** `conditional`: inside an if/try/for/with block of the module rather than at its top level. */
export type PyAssignment = { value: PyExpr; line: number; conditional: boolean };

export type PyModuleIndex = {
  module: string;
  file: string;
  tokens: Token[];
  imports: Map<string, ImportBinding>;
  /** Module-level assignments per name, in source order. */
  assignments: Map<string, PyAssignment[]>;
  classes: Map<string, PyClassDef>;
  /** Top-level functions. */
  functions: Map<string, PyFunctionDef>;
  /** Indentation of a 1-based line. */
  indentOf: (line: number) => number;
};

const COMPOUND = new Set(["if", "elif", "else", "for", "while", "try", "except", "finally", "with", "match", "case", "async"]);

type Block = { indent: number; kind: "class" | "def" | "other"; cls?: PyClassDef };

export function indexPythonModule(file: SourceFile, tokens: Token[] = tokenizePython(file.text)): PyModuleIndex {
  const indentOf = lineIndents(file.text);
  const index: PyModuleIndex = {
    indentOf,
    module: moduleNameOf(file.path),
    file: file.path,
    tokens,
    imports: parseImports(tokens, file.path),
    assignments: new Map(),
    classes: new Map(),
    functions: new Map(),
  };
  const stack: Block[] = [];
  let decorators: PyExpr[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.lineStart) continue;
    const indent = indentOf(t.line);
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    const end = endOfLogicalLine(tokens, i);
    const parent = stack[stack.length - 1];
    if (isPunct(t, "@")) {
      decorators.push(parsePyExpr(tokens, i + 1, end));
      i = end;
      continue;
    }
    const at = isName(t, "async") ? i + 1 : i;
    if (isName(tokens[at], "def") || isName(tokens[at], "class")) {
      const def = isName(tokens[at], "def") ? readFunction(tokens, at, end, indent, indentOf, decorators) : undefined;
      const cls = def ? undefined : readClass(tokens, at, end, decorators);
      decorators = [];
      if (def && !parent) index.functions.set(def.name, def);
      if (def && parent?.kind === "class") parent.cls!.methods.set(def.name, def);
      if (cls && !parent) index.classes.set(cls.name, cls);
      if (bodyOnNextLine(tokens, end)) stack.push({ indent, kind: def ? "def" : "class", cls });
      i = end;
      continue;
    }
    decorators = [];
    if (t.kind === "name" && COMPOUND.has(t.value)) {
      if (isPunct(tokens[end - 1], ":")) stack.push({ indent, kind: "other" });
      i = end;
      continue;
    }
    const assignment = readAssignment(tokens, i, end);
    if (assignment) {
      if (parent?.kind === "class" && stack.length === 1) parent.cls!.attributes.set(assignment.name, { value: assignment.value, line: t.line });
      else if (stack.every((b) => b.kind === "other")) {
        const list = index.assignments.get(assignment.name) ?? [];
        list.push({ value: assignment.value, line: t.line, conditional: stack.length > 0 });
        index.assignments.set(assignment.name, list);
      }
    }
    i = end;
  }
  return index;
}

/** `name = value`, `name: T = value` (not `a.b = …`, not augmented assignments). */
function readAssignment(tokens: Token[], i: number, end: number): { name: string; value: PyExpr } | undefined {
  const t = tokens[i];
  if (t.kind !== "name") return undefined;
  if (isPunct(tokens[i + 1], "=")) return { name: t.value, value: parsePyExpr(tokens, i + 2, end) };
  if (!isPunct(tokens[i + 1], ":")) return undefined;
  for (let j = i + 2; j < end; j++) {
    const tok = tokens[j];
    if (tok.kind === "punct" && (tok.value === "(" || tok.value === "[" || tok.value === "{")) j = matchingBracket(tokens, j);
    else if (isPunct(tok, "=")) return { name: t.value, value: parsePyExpr(tokens, j + 1, end) };
  }
  return undefined;
}

/** The header `def name(params) -> T:` at `at`; the body runs to the first line indented no deeper. */
function readFunction(
  tokens: Token[],
  at: number,
  end: number,
  indent: number,
  indentOf: (line: number) => number,
  decorators: PyExpr[],
): PyFunctionDef | undefined {
  const name = tokens[at + 1];
  if (name?.kind !== "name" || !isPunct(tokens[at + 2], "(")) return undefined;
  const close = matchingBracket(tokens, at + 2);
  const params: PyParam[] = [];
  for (const [s, e] of splitArguments(tokens, at + 2, close)) {
    let j = s;
    let star: PyParam["star"] = "";
    if (isPunct(tokens[j], "*") || isPunct(tokens[j], "**")) star = tokens[j++].value as PyParam["star"];
    const p = tokens[j];
    if (p?.kind !== "name") continue; // a bare `*` or `/`
    let k = j + 1;
    while (k < e && !isPunct(tokens[k], "=")) k = isPunct(tokens[k], "[") || isPunct(tokens[k], "(") ? matchingBracket(tokens, k) + 1 : k + 1;
    params.push({ name: p.value, star, ...(k < e ? { default: parsePyExpr(tokens, k + 1, e) } : {}) });
  }
  let bodyEnd = end + 1;
  if (bodyOnNextLine(tokens, end)) {
    while (bodyEnd < tokens.length && !(tokens[bodyEnd].lineStart && indentOf(tokens[bodyEnd].line) <= indent)) bodyEnd++;
    return { name: name.value, params, decorators, line: name.line, body: [end + 1, bodyEnd] };
  }
  const colon = headerColon(tokens, close + 1, end);
  return { name: name.value, params, decorators, line: name.line, body: [colon + 1, end] };
}

function readClass(tokens: Token[], at: number, end: number, decorators: PyExpr[]): PyClassDef | undefined {
  const name = tokens[at + 1];
  if (name?.kind !== "name") return undefined;
  const bases: PyExpr[] = [];
  if (isPunct(tokens[at + 2], "(")) {
    const close = matchingBracket(tokens, at + 2);
    for (const [s, e] of splitArguments(tokens, at + 2, close)) {
      if (isName(tokens[s]) && isPunct(tokens[s + 1], "=")) continue; // metaclass=…
      const base = parsePyExpr(tokens, s, e);
      bases.push(base.kind === "subscript" ? base.object : base); // ModelViewSet[Tag] is a ModelViewSet
    }
  }
  return { name: name.value, bases, decorators, attributes: new Map(), methods: new Map(), line: name.line };
}

/** A header whose logical line ends with its `:` has its body on the following lines. */
function bodyOnNextLine(tokens: Token[], end: number): boolean {
  return isPunct(tokens[end - 1], ":");
}

function headerColon(tokens: Token[], from: number, end: number): number {
  for (let j = from; j < end; j++) {
    const tok = tokens[j];
    if (tok.kind === "punct" && (tok.value === "(" || tok.value === "[" || tok.value === "{")) j = matchingBracket(tokens, j);
    else if (isPunct(tok, ":")) return j;
  }
  return end;
}

/** Indentation (columns, tabs to the next multiple of 8) of each 1-based line. */
function lineIndents(text: string): (line: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (line) => {
    let col = 0;
    for (let p = starts[line - 1] ?? 0; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === 32) col++;
      else if (c === 9) col = (Math.floor(col / 8) + 1) * 8;
      else if (c === 12 || c === 0xfeff) continue;
      else break;
    }
    return col;
  };
}

/** The expression of a function's `return`, when that is the last statement at the body's own indentation. */
export function finalReturn(index: PyModuleIndex, fn: PyFunctionDef): PyExpr | undefined {
  const tokens = index.tokens;
  const [start, end] = fn.body;
  if (start >= end) return undefined;
  let last = -1;
  for (let i = start; i < end; i++) if (tokens[i].lineStart) last = i;
  if (last < 0) last = start; // a one-line body: `def f(x): return x`
  if (!isName(tokens[last], "return")) return undefined;
  if (tokens[start].lineStart && index.indentOf(tokens[last].line) !== index.indentOf(tokens[start].line)) return undefined; // inside an if
  return parsePyExpr(tokens, last + 1, endOfLogicalLine(tokens, last));
}
