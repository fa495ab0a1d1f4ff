/**
 * PHP helpers for the Laravel route parser: a small expression reader over tokens (strings and
 * `.` concatenations, arrays, `X::class`, closures, calls, variables), `Route::a()->b()` call
 * chains, `use` imports, and the variables of a file that hold literal values (`$endpoints = [...]`)
 * so that a `foreach` over them and `"{$endpoint}"` strings can be read.
 */
import { placeholder } from "./common";
import { isName, isPunct, matchingBracket, MAX_NESTING, splitArguments, type Token } from "./tokens";

export type PhpExpr =
  | { kind: "str"; value: string; dynamic: boolean; line: number }
  | { kind: "array"; items: Array<{ key?: PhpExpr; value: PhpExpr }>; line: number }
  | { kind: "class"; name: string; line: number }
  | { kind: "closure"; body: [number, number]; line: number }
  | { kind: "call"; name: string; args: PhpExpr[]; line: number }
  | { kind: "concat"; parts: PhpExpr[]; line: number }
  | { kind: "name"; name: string; line: number }
  /** `$name` (a PHP variable). */
  | { kind: "var"; name: string; line: number }
  | { kind: "other"; line: number };

export type Call = { name: string; args: PhpExpr[]; line: number };

export function isRouteFacade(t: Token[], i: number): boolean {
  const n = t[i];
  return (
    n.kind === "name" &&
    (n.value === "Route" || n.value.endsWith("\\Route")) &&
    isPunct(t[i + 1], "::") &&
    t[i + 2]?.kind === "name" &&
    isPunct(t[i + 3], "(") &&
    !isPunct(t[i - 1], "->")
  );
}

export function isRequire(t: Token): boolean {
  return t.kind === "name" && (t.value === "require" || t.value === "require_once" || t.value === "include" || t.value === "include_once");
}

/** `Route::a(...)->b(...)->c(...)` → calls a, b, c, and the index after the chain. */
export function readChain(t: Token[], i: number): { calls: Call[]; end: number } {
  const calls: Call[] = [];
  let j = i + 2;
  for (;;) {
    const name = t[j];
    const close = matchingBracket(t, j + 1);
    calls.push({ name: name.value, args: splitArguments(t, j + 1, close).map(([s, e]) => parseArg(t, s, e)), line: name.line });
    j = close + 1;
    if ((isPunct(t[j], "->") || isPunct(t[j], "?->")) && t[j + 1]?.kind === "name" && isPunct(t[j + 2], "(")) j += 1;
    else return { calls, end: j };
  }
}

export function statementEnd(t: Token[], i: number): number {
  while (i < t.length && !isPunct(t[i], ";")) i = isPunct(t[i], "(") || isPunct(t[i], "[") || isPunct(t[i], "{") ? matchingBracket(t, i) + 1 : i + 1;
  return i;
}

/** One argument; PHP 8 named arguments (`uri: '/x'`) keep just the value. */
export function parseArg(t: Token[], s: number, e: number, depth = 0): PhpExpr {
  if (t[s]?.kind === "name" && isPunct(t[s + 1], ":")) return parseExpr(t, s + 2, e, depth);
  return parseExpr(t, s, e, depth);
}

/** A PHP expression in [s, e): strings and `.` concatenations, arrays, X::class, closures, calls. */
export function parseExpr(t: Token[], s: number, e: number, depth = 0): PhpExpr {
  const line = t[s]?.line ?? 0;
  e = Math.min(e, t.length);
  if (s >= e || depth > MAX_NESTING) return { kind: "other", line };
  if (isName(t[s], "static") && (isName(t[s + 1], "function") || isName(t[s + 1], "fn"))) s++;
  if (isName(t[s], "function")) {
    let open = s + 1;
    while (open < e && !isPunct(t[open], "{")) open++;
    return open >= e ? { kind: "other", line } : { kind: "closure", body: [open + 1, matchingBracket(t, open)], line };
  }
  if (isName(t[s], "fn")) {
    let arrow = s + 1;
    while (arrow < e && !isPunct(t[arrow], "=>")) arrow = isPunct(t[arrow], "(") ? matchingBracket(t, arrow) + 1 : arrow + 1;
    return { kind: "closure", body: [arrow + 1, e], line };
  }
  const parts = splitConcat(t, s, e);
  if (parts.length > 1) return { kind: "concat", parts: parts.map(([a, b]) => parseExpr(t, a, b, depth + 1)), line };
  const first = t[s];
  const single = e - s === 1;
  if (first.kind === "variable" && single) return { kind: "var", name: first.value, line };
  if (first.kind === "string" && single) return { kind: "str", value: first.value, dynamic: first.dynamic === true, line };
  if (isPunct(first, "[") && matchingBracket(t, s) === e - 1) return arrayExpr(t, s, e - 1, line, depth);
  if (isName(first, "array") && isPunct(t[s + 1], "(") && matchingBracket(t, s + 1) === e - 1) return arrayExpr(t, s + 1, e - 1, line, depth);
  if (first.kind === "name") {
    if (isPunct(t[s + 1], "::") && isName(t[s + 2], "class") && e - s === 3) return { kind: "class", name: first.value, line };
    if (isPunct(t[s + 1], "(") && matchingBracket(t, s + 1) === e - 1) {
      return { kind: "call", name: first.value, args: splitArguments(t, s + 1, e - 1).map(([a, b]) => parseArg(t, a, b, depth + 1)), line };
    }
    if (single) return { kind: "name", name: first.value, line };
  }
  if (isPunct(first, "(") && matchingBracket(t, s) === e - 1) return parseExpr(t, s + 1, e - 1, depth + 1);
  return { kind: "other", line };
}

function arrayExpr(t: Token[], open: number, close: number, line: number, depth: number): PhpExpr {
  const items = splitArguments(t, open, close).map(([a, b]) => {
    let arrow = -1;
    for (let k = a; k < b; k++) {
      if (isPunct(t[k], "=>")) {
        arrow = k;
        break;
      }
      if (isPunct(t[k], "(") || isPunct(t[k], "[") || isPunct(t[k], "{")) k = matchingBracket(t, k);
    }
    return arrow < 0 ? { value: parseExpr(t, a, b, depth + 1) } : { key: parseExpr(t, a, arrow, depth + 1), value: parseExpr(t, arrow + 1, b, depth + 1) };
  });
  return { kind: "array", items, line };
}

/** Top-level `.` concatenation operands. */
function splitConcat(t: Token[], s: number, e: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = s;
  for (let k = s; k < e; k++) {
    if (isPunct(t[k], "(") || isPunct(t[k], "[") || isPunct(t[k], "{")) k = matchingBracket(t, k);
    else if (isPunct(t[k], ".")) {
      out.push([start, k]);
      start = k + 1;
    }
  }
  out.push([start, e]);
  return out;
}

export function staticString(e: PhpExpr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === "str") return e.dynamic ? undefined : e.value;
  if (e.kind === "concat") {
    const parts = e.parts.map(staticString);
    return parts.every((p) => p !== undefined) ? parts.join("") : undefined;
  }
  return undefined;
}

export function className(e: PhpExpr): string {
  return e.kind === "class" ? e.name : e.kind === "str" ? e.value : "";
}

export function joinNamespace(a: string | undefined, b: string): string {
  return [a, b]
    .filter(Boolean)
    .map((s) => s!.replace(/^\\+|\\+$/g, ""))
    .join("\\");
}

/** `use App\Http\Controllers\UserController;` (and `as` aliases) → short name → full name. */
export function readUses(t: Token[]): Map<string, string> {
  const uses = new Map<string, string>();
  for (let i = 0; i < t.length; i++) {
    if (!isName(t[i], "use") || isPunct(t[i - 1], ")") || t[i + 1]?.kind !== "name") continue;
    const full = t[i + 1].value.replace(/^\\/, "");
    const alias = isName(t[i + 2], "as") && t[i + 3]?.kind === "name" ? t[i + 3].value : full.split("\\").pop()!;
    uses.set(alias, full);
  }
  return uses;
}

/** Variables assigned a literal (an array, a string) anywhere in a file: `$endpoints = [...];`. */
export function readFileVars(t: Token[]): Map<string, PhpExpr> {
  const vars = new Map<string, PhpExpr>();
  for (let i = 0; i < t.length; i++) {
    if (t[i].kind !== "variable" || !isPunct(t[i + 1], "=") || isPunct(t[i - 1], "->") || isPunct(t[i - 1], "::")) continue;
    const end = statementEnd(t, i + 2);
    const value = parseExpr(t, i + 2, end);
    if (value.kind === "array" || value.kind === "str") vars.set(t[i].value, value);
    i = end;
  }
  return vars;
}

/**
 * An expression with known variables put in: `$controller` → its value, `"{$endpoint}{format?}"`
 * → the string with the endpoint's text. Unknown variables stay as they are.
 */
export function withVars(e: PhpExpr, vars: Map<string, PhpExpr>): PhpExpr {
  if (vars.size === 0) return e;
  switch (e.kind) {
    case "var":
      return vars.get(e.name) ?? e;
    case "str": {
      if (!e.dynamic) return e;
      let known = true;
      const value = e.value.replace(/\{\$([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (m, a?: string, b?: string) => {
        const v = staticString(vars.get((a ?? b)!));
        if (v === undefined) known = false;
        return v ?? m;
      });
      return { ...e, value, dynamic: !known };
    }
    case "concat":
      return { ...e, parts: e.parts.map((p) => withVars(p, vars)) };
    case "array":
      return { ...e, items: e.items.map((i) => ({ ...(i.key ? { key: withVars(i.key, vars) } : {}), value: withVars(i.value, vars) })) };
    case "call":
      return { ...e, args: e.args.map((a) => withVars(a, vars)) };
    default:
      return e;
  }
}

/** `foreach ($list as $key => $value) { … }` at `i`: the list, the names, and the body's token range. */
export function readForeach(t: Token[], i: number): { list: PhpExpr; key?: string; value: string; body: [number, number]; end: number } | undefined {
  if (!isName(t[i], "foreach") || !isPunct(t[i + 1], "(")) return undefined;
  const close = matchingBracket(t, i + 1);
  let as = -1;
  for (let k = i + 2; k < close; k++) if (isName(t[k], "as")) as = k;
  if (as < 0) return undefined;
  const list = parseExpr(t, i + 2, as);
  const names = t
    .slice(as + 1, close)
    .filter((x) => x.kind === "variable")
    .map((x) => x.value);
  if (names.length === 0) return undefined;
  const key = names.length === 2 ? names[0] : undefined;
  const value = names[names.length - 1];
  if (isPunct(t[close + 1], "{")) {
    const bodyEnd = matchingBracket(t, close + 1);
    return { list, key, value, body: [close + 2, bodyEnd], end: bodyEnd + 1 };
  }
  const stop = statementEnd(t, close + 1);
  return { list, key, value, body: [close + 1, stop + 1], end: stop + 1 };
}

/**
 * The text of a URI or prefix expression, a placeholder standing for each part that cannot be
 * known (`'/hooks/'.config('services.bot.path')` → "/hooks/{services.bot.path}"); `env('X', 'd')`
 * and `config('k', 'd')` are their defaults. Undefined when nothing of it is a string.
 */
export function uriText(e: PhpExpr | undefined): string | undefined {
  if (!e) return undefined;
  switch (e.kind) {
    case "str":
      return e.dynamic
        ? e.value.replace(/\{\$([A-Za-z_][\w\->[\]'"]*)\}|\$([A-Za-z_]\w*)/g, (_m, a?: string, b?: string) => placeholder((a ?? b)!.replace(/\W.*$/, "")))
        : e.value;
    case "concat": {
      const parts = e.parts.map((p) => uriText(p) ?? placeholder(describePhp(p)));
      return parts.join("");
    }
    case "call": {
      const key = staticString(e.args[0]);
      if ((e.name === "env" || e.name === "config") && e.args[1]) return uriText(e.args[1]);
      return placeholder(key ?? e.name);
    }
    case "var":
    case "name":
      return placeholder(e.name);
    default:
      return undefined;
  }
}

function describePhp(e: PhpExpr): string {
  return e.kind === "var" || e.kind === "name" ? e.name : e.kind === "call" ? (staticString(e.args[0]) ?? e.name) : "value";
}
