/**
 * A loose JavaScript expression parser over tokens: just the shapes the Express parser needs
 * (strings, dotted names, calls, member access, arrays, `+` concatenation, function literals).
 * Anything else is `other`. Parsing is greedy from a position, because JavaScript statements may
 * end without a semicolon and the lexer emits no newlines.
 */
import { isName, isPunct, matchingBracket, MAX_NESTING, splitArguments, type Token } from "./tokens";

export type JsExpr =
  | { kind: "str"; value: string; dynamic: boolean; line: number }
  | { kind: "name"; parts: string[]; line: number }
  | { kind: "member"; object: JsExpr; name: string; line: number }
  | { kind: "call"; callee: JsExpr; args: JsExpr[]; line: number }
  | { kind: "array"; items: JsExpr[]; line: number }
  | { kind: "add"; left: JsExpr; right: JsExpr; line: number }
  /** A function literal; `params` and the token range of `body` when they are plain. */
  | { kind: "func"; name?: string; params?: string[]; body?: [number, number]; line: number }
  /** An object literal `{ path: '/auth', route: authRoute }` (plain keys only). */
  | { kind: "object"; props: Map<string, JsExpr>; line: number }
  | { kind: "regex"; value: string; line: number }
  | { kind: "other"; line: number };

/** Parses one expression starting at `start` (not beyond `limit`); returns it and where it ended. */
export function parseJsExprAt(tokens: Token[], start: number, limit = tokens.length, depth = 0): { expr: JsExpr; end: number } {
  const p = new JsParser(tokens, limit, depth);
  p.pos = start;
  const expr = p.parseSum();
  return { expr, end: p.pos };
}

/** Parses exactly the range [start, end) as one expression, else `other`. */
export function parseJsRange(tokens: Token[], start: number, end: number, depth = 0): JsExpr {
  if (depth > MAX_NESTING) return { kind: "other", line: tokens[start]?.line ?? 0 };
  if (isFunctionRange(tokens, start, end)) return functionExpr(tokens, start, end);
  const { expr, end: stop } = parseJsExprAt(tokens, start, end, depth);
  return stop === end ? expr : skipTypeCast(tokens, expr, stop, end);
}

/** `x as Router` and `x!` (TypeScript) keep the value of x. */
function skipTypeCast(tokens: Token[], expr: JsExpr, stop: number, end: number): JsExpr {
  if (isName(tokens[stop], "as") || isName(tokens[stop], "satisfies") || (isPunct(tokens[stop], "!") && stop + 1 === end)) return expr;
  return { kind: "other", line: expr.line };
}

/** A range holding an arrow function or a function expression. */
function isFunctionRange(tokens: Token[], start: number, end: number): boolean {
  let i = start;
  if (isName(tokens[i], "async")) i++;
  if (isName(tokens[i], "function")) return true;
  let depth = 0;
  for (let j = i; j < end; j++) {
    const t = tokens[j];
    if (t.kind !== "punct") continue;
    if (t.value === "(" || t.value === "[" || t.value === "{") depth++;
    else if (t.value === ")" || t.value === "]" || t.value === "}") depth--;
    else if (t.value === "=>" && depth === 0) return true;
  }
  return false;
}

function functionExpr(tokens: Token[], start: number, end = tokens.length): JsExpr {
  let i = start;
  const line = tokens[start].line;
  if (isName(tokens[i], "async")) i++;
  if (isName(tokens[i], "function")) {
    i++;
    if (isPunct(tokens[i], "*")) i++;
    const name = tokens[i]?.kind === "name" ? tokens[i++].value : undefined;
    if (!isPunct(tokens[i], "(")) return { kind: "func", ...(name ? { name } : {}), line };
    const close = matchingBracket(tokens, i);
    const body: [number, number] | undefined = isPunct(tokens[close + 1], "{") ? [close + 2, matchingBracket(tokens, close + 1)] : undefined;
    return { kind: "func", ...(name ? { name } : {}), params: paramNames(tokens, i, close), ...(body ? { body } : {}), line };
  }
  // an arrow: `x => …`, `(x, y) => …`, `async (x) => {…}`
  let params: string[] | undefined;
  let arrow = i + 1;
  if (tokens[i]?.kind === "name") params = [tokens[i].value];
  else if (isPunct(tokens[i], "(")) {
    const close = matchingBracket(tokens, i);
    params = paramNames(tokens, i, close);
    arrow = close + 1;
    while (arrow < end && !isPunct(tokens[arrow], "=>")) arrow++; // a return type annotation
  }
  if (!isPunct(tokens[arrow], "=>")) return { kind: "func", line };
  const body: [number, number] = isPunct(tokens[arrow + 1], "{") ? [arrow + 2, matchingBracket(tokens, arrow + 1)] : [arrow + 1, end];
  return { kind: "func", ...(params ? { params } : {}), body, line };
}

function paramNames(tokens: Token[], open: number, close: number): string[] {
  return splitArguments(tokens, open, close).map(([s]) => (tokens[s].kind === "name" ? tokens[s].value : ""));
}

class JsParser {
  pos = 0;
  constructor(
    readonly tokens: Token[],
    readonly limit: number,
    readonly depth: number,
  ) {}

  private inner(start: number, end: number): JsExpr {
    return parseJsRange(this.tokens, start, end, this.depth + 1);
  }

  private peek(offset = 0): Token | undefined {
    return this.pos + offset < this.limit ? this.tokens[this.pos + offset] : undefined;
  }

  parseSum(): JsExpr {
    let left = this.parsePostfix();
    while (isPunct(this.peek(), "+")) {
      const line = this.peek()!.line;
      this.pos++;
      left = { kind: "add", left, right: this.parsePostfix(), line };
    }
    return left;
  }

  private parsePostfix(): JsExpr {
    let e = this.parsePrimary();
    for (;;) {
      const t = this.peek();
      if ((isPunct(t, ".") || isPunct(t, "?.")) && this.peek(1)?.kind === "name") {
        const name = this.peek(1)!;
        e = e.kind === "name" ? { ...e, parts: [...e.parts, name.value] } : { kind: "member", object: e, name: name.value, line: name.line };
        this.pos += 2;
      } else if (isPunct(t, "(")) {
        const close = matchingBracket(this.tokens, this.pos);
        const args = splitArguments(this.tokens, this.pos, close).map(([s, end]) => this.inner(s, end));
        e = { kind: "call", callee: e, args, line: e.line };
        this.pos = close + 1;
      } else if (isPunct(t, "[")) {
        this.pos = matchingBracket(this.tokens, this.pos) + 1;
        e = { kind: "other", line: e.line };
      } else if (isPunct(t, "!") && (isPunct(this.peek(1), ".") || isPunct(this.peek(1), "("))) {
        this.pos++; // TypeScript non-null assertion
      } else {
        return e;
      }
    }
  }

  private parsePrimary(): JsExpr {
    const t = this.peek();
    if (!t) return { kind: "other", line: this.tokens[this.limit - 1]?.line ?? 0 };
    this.pos++;
    if (t.kind === "string") return { kind: "str", value: t.value, dynamic: t.dynamic === true, line: t.line };
    if (t.kind === "regex") return { kind: "regex", value: t.value, line: t.line };
    if (t.kind === "name") {
      // `new Router()` and `await x` have the value of what follows, as far as routes go
      if (t.value === "new" || t.value === "await") {
        while (isName(this.peek(), "new") || isName(this.peek(), "await")) this.pos++;
        return this.parsePostfix();
      }
      return { kind: "name", parts: [t.value], line: t.line };
    }
    if (isPunct(t, "[")) {
      const open = this.pos - 1;
      const close = matchingBracket(this.tokens, open);
      this.pos = close + 1;
      return { kind: "array", items: splitArguments(this.tokens, open, close).map(([s, e]) => this.inner(s, e)), line: t.line };
    }
    if (isPunct(t, "(")) {
      const open = this.pos - 1;
      const close = matchingBracket(this.tokens, open);
      this.pos = close + 1;
      const inner = splitArguments(this.tokens, open, close);
      return inner.length === 1 ? this.inner(inner[0][0], inner[0][1]) : { kind: "other", line: t.line };
    }
    if (isPunct(t, "{")) {
      const open = this.pos - 1;
      const close = matchingBracket(this.tokens, open);
      this.pos = close + 1;
      return this.objectLiteral(open, close, t.line);
    }
    return { kind: "other", line: t.line };
  }

  /** `{ a: x, 'b': y, c }`; a spread, a computed key or a method makes it `other`. */
  private objectLiteral(open: number, close: number, line: number): JsExpr {
    const props = new Map<string, JsExpr>();
    for (const [s, e] of splitArguments(this.tokens, open, close)) {
      const key = this.tokens[s];
      if ((key.kind === "name" || key.kind === "string") && isPunct(this.tokens[s + 1], ":")) props.set(key.value, this.inner(s + 2, e));
      else if (key.kind === "name" && e === s + 1) props.set(key.value, { kind: "name", parts: [key.value], line: key.line });
      else return { kind: "other", line };
    }
    return { kind: "object", props, line };
  }
}

/** The string value of an expression when it is static (concatenations of literals included). */
export function jsStaticString(e: JsExpr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === "str") return e.dynamic ? undefined : e.value;
  if (e.kind === "add") {
    const l = jsStaticString(e.left);
    const r = jsStaticString(e.right);
    return l === undefined || r === undefined ? undefined : l + r;
  }
  return undefined;
}

/** Resolves "./routes/users" against the importing file: "routes/users" (posix, no leading "./"). */
export function resolveRelativeSpec(fromFile: string, spec: string): string {
  const dir = fromFile.split("/").slice(0, -1);
  const parts = spec.startsWith("/") ? [] : dir;
  for (const seg of spec.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}
