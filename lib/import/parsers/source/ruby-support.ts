/**
 * A statement-level Ruby parser for routes files: each statement is a method call
 * (`resources :photos, only: [:index] do … end`) with its arguments read into simple values and
 * its `do … end` block parsed recursively. `if`/`unless`/`begin`… blocks are kept as containers so
 * the routes inside them are still seen. Anything else is skipped line by line.
 */
import { tokenizeRuby } from "./ruby-lexer";
import { isName, isPunct, matchingBracket, MAX_NESTING, type Token } from "./tokens";
import { append } from "@/lib/arrays";

export type RbValue =
  | { kind: "str"; value: string; dynamic: boolean; line: number }
  | { kind: "sym"; value: string; line: number }
  | { kind: "list"; items: RbValue[]; line: number }
  | { kind: "hash"; args: RbArgs; line: number }
  | { kind: "regex"; value: string; line: number }
  /** A constant or plain name: `Sidekiq::Web`, `true`, `nil`, a local variable. */
  | { kind: "name"; value: string; line: number }
  | { kind: "call"; name: string; args: RbArgs; line: number }
  | { kind: "other"; line: number };

export type RbArgs = {
  positional: RbValue[];
  /** `to: 'x'` and `:to => 'x'`. */
  options: Map<string, RbValue>;
  /** `'photos' => 'photos#index'`, `Sidekiq::Web => '/sidekiq'`: hash pairs whose key is not a symbol. */
  pairs: Array<[RbValue, RbValue]>;
};

export type Stmt = {
  /** The method called (the last name of `a.b.c`), or a keyword for containers (`if`, `begin`). */
  name: string;
  /** True for `x.y(...)`: a call on a receiver, never a routing-DSL word. */
  hasReceiver: boolean;
  args: RbArgs;
  block?: Stmt[];
  line: number;
};

const BLOCK_KEYWORDS = new Set(["if", "unless", "while", "until", "case", "begin", "def", "class", "module", "for"]);
const CLAUSE_KEYWORDS = new Set(["else", "elsif", "when", "rescue", "ensure", "in", "then"]);
const EMPTY_ARGS = (): RbArgs => ({ positional: [], options: new Map(), pairs: [] });
/** The statement standing for a block nested too deeply to read (see MAX_NESTING). */
export const TOO_DEEP = "<too deep>";

export function parseRuby(text: string): Stmt[] {
  const p = new RubyParser(tokenizeRuby(text));
  const out: Stmt[] = [];
  // a stray `end` (unbalanced file) must not stop the reading
  while (p.pos < p.tokens.length) {
    append(out, p.parseBody());
    p.pos++;
  }
  return out;
}

class RubyParser {
  pos = 0;
  constructor(readonly tokens: Token[]) {}

  /** Statements up to (not including) the `end` or `}` closing the current block, or the file end. */
  parseBody(depth = 0): Stmt[] {
    const out: Stmt[] = [];
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if (t.kind === "newline" || isPunct(t, ";")) {
        this.pos++;
      } else if (isName(t, "end") || isPunct(t, "}")) {
        return out;
      } else if (t.kind === "name" && BLOCK_KEYWORDS.has(t.value)) {
        this.pos = this.lineEnd(this.pos);
        const block = this.block(depth + 1);
        this.pos++; // the `end`
        out.push({ name: t.value, hasReceiver: false, args: EMPTY_ARGS(), block, line: t.line });
      } else if (t.kind === "name" && CLAUSE_KEYWORDS.has(t.value)) {
        this.pos = this.lineEnd(this.pos);
      } else {
        out.push(this.parseStatement(depth));
      }
    }
    return out;
  }

  /** Index of the newline (or `;`) ending the statement that starts at i. */
  private lineEnd(i: number): number {
    while (i < this.tokens.length && this.tokens[i].kind !== "newline" && !isPunct(this.tokens[i], ";")) {
      const t = this.tokens[i];
      i = t.kind === "punct" && (t.value === "(" || t.value === "[" || t.value === "{") ? matchingBracket(this.tokens, i) + 1 : i + 1;
    }
    return i;
  }

  /** A block's statements; one too deep is skipped (to its `end`) and stands as TOO_DEEP. */
  private block(depth: number): Stmt[] {
    if (depth <= MAX_NESTING) return this.parseBody(depth);
    const line = this.tokens[this.pos]?.line ?? 0;
    let open = 0;
    for (; this.pos < this.tokens.length; this.pos++) {
      const t = this.tokens[this.pos];
      const prev = this.tokens[this.pos - 1];
      const startsStatement = !prev || prev.kind === "newline" || isPunct(prev, ";");
      if (isName(t, "do") || isPunct(t, "{") || isPunct(t, "(") || isPunct(t, "[") || (startsStatement && t.kind === "name" && BLOCK_KEYWORDS.has(t.value)))
        open++;
      else if (isName(t, "end") || isPunct(t, "}") || isPunct(t, ")") || isPunct(t, "]")) {
        if (open === 0) break;
        open--;
      }
    }
    return [{ name: TOO_DEEP, hasReceiver: false, args: EMPTY_ARGS(), line }];
  }

  private parseStatement(depth: number): Stmt {
    const first = this.tokens[this.pos];
    let name = "";
    let hasReceiver = false;
    if (first.kind === "name") {
      name = first.value;
      this.pos++;
      while ((isPunct(this.peek(), ".") || isPunct(this.peek(), "&.") || isPunct(this.peek(), "::")) && this.peek(1)?.kind === "name") {
        name = this.peek(1)!.value;
        hasReceiver = true;
        this.pos += 2;
      }
    }
    let args = EMPTY_ARGS();
    if (first.kind !== "name") {
      this.pos = this.argsEnd(this.pos); // not a call we understand; only a block after it matters
    } else if (isPunct(this.peek(), "(")) {
      const close = matchingBracket(this.tokens, this.pos);
      args = parseArgs(this.tokens, this.pos + 1, close);
      this.pos = close + 1;
      this.pos = this.argsEnd(this.pos); // `.each`, modifiers…
    } else if (!isPunct(this.peek(), "=")) {
      const end = this.argsEnd(this.pos);
      args = parseArgs(this.tokens, this.pos, end);
      this.pos = end;
    } else {
      this.pos = this.argsEnd(this.pos); // an assignment
    }
    let block: Stmt[] | undefined;
    if (isName(this.peek(), "do") || (isPunct(this.peek(), "{") && isPunct(this.peek(1), "|"))) {
      this.pos++;
      if (isPunct(this.peek(), "|")) {
        this.pos++;
        while (this.pos < this.tokens.length && !isPunct(this.peek(), "|")) this.pos++;
        this.pos++;
      }
      block = this.block(depth + 1);
      this.pos++; // `end` or `}`
    }
    this.pos = this.statementEnd(this.pos);
    return { name, hasReceiver, args, block, line: first.line };
  }

  /** Skips what is left of a statement (a modifier `if …`), stopping before an inline block's `end`. */
  private statementEnd(i: number): number {
    while (i < this.tokens.length && this.tokens[i].kind !== "newline" && !isPunct(this.tokens[i], ";")) {
      const t = this.tokens[i];
      if (isName(t, "end") || isPunct(t, "}")) return i;
      i = t.kind === "punct" && (t.value === "(" || t.value === "[" || t.value === "{") ? matchingBracket(this.tokens, i) + 1 : i + 1;
    }
    return i;
  }

  /**
   * Where the arguments of a call without parentheses end: at the line end (unless the line ends
   * with a comma or `=>`, which continue it), at `do`, or at a modifier `if`/`unless`.
   */
  private argsEnd(i: number): number {
    while (i < this.tokens.length) {
      const t = this.tokens[i];
      if (t.kind === "newline") {
        const prev = this.tokens[i - 1];
        if (isPunct(prev, ",") || isPunct(prev, "=>") || prev?.kind === "label" || isPunct(prev, "\\")) {
          i++;
          continue;
        }
        return i;
      }
      if (isPunct(t, ";") || isPunct(t, "}") || isName(t, "do") || isName(t, "if") || isName(t, "unless") || isName(t, "end")) return i;
      if (isPunct(t, "{") && isPunct(this.tokens[i + 1], "|")) return i;
      i = t.kind === "punct" && (t.value === "(" || t.value === "[" || t.value === "{") ? matchingBracket(this.tokens, i) + 1 : i + 1;
    }
    return i;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
}

/** Comma-separated argument list in [start, end): positional values, `key: v` options, `k => v` pairs. */
export function parseArgs(tokens: Token[], start: number, end: number, depth = 0): RbArgs {
  const args = EMPTY_ARGS();
  end = Math.min(end, tokens.length);
  if (depth > MAX_NESTING) return args;
  for (const [first, e] of splitTopLevel(tokens, start, end)) {
    // an argument on a continuation line (`resources :gems,⏎  path: "gems"`) starts after the newline
    let s = first;
    while (s < e && tokens[s].kind === "newline") s++;
    const t = tokens[s];
    if (t.kind === "label") {
      args.options.set(t.value, parseValue(tokens, s + 1, e, depth));
      continue;
    }
    const rocket = findTopLevel(tokens, s, e, "=>");
    if (rocket >= 0) {
      const key = parseValue(tokens, s, rocket, depth);
      const value = parseValue(tokens, rocket + 1, e, depth);
      if (key.kind === "sym") args.options.set(key.value, value);
      else args.pairs.push([key, value]);
      continue;
    }
    if (isPunct(t, "&") || isPunct(t, "*") || isPunct(t, "**")) continue;
    args.positional.push(parseValue(tokens, s, e, depth));
  }
  return args;
}

function parseValue(tokens: Token[], start: number, end: number, depth: number): RbValue {
  end = Math.min(end, tokens.length); // an unbalanced bracket runs to the end of the file
  if (depth > MAX_NESTING) return { kind: "other", line: tokens[start]?.line ?? 0 };
  while (start < end && tokens[start].kind === "newline") start++;
  while (end > start && tokens[end - 1].kind === "newline") end--;
  const t = tokens[start];
  if (!t || start >= end) return { kind: "other", line: t?.line ?? 0 };
  const single = end - start === 1;
  if (t.kind === "string") return stringValue(tokens, start, end);
  if (t.kind === "symbol" && single) return { kind: "sym", value: t.value, line: t.line };
  if (t.kind === "regex" && single) return { kind: "regex", value: t.value, line: t.line };
  if (isPunct(t, "[") && matchingBracket(tokens, start) === end - 1) {
    return { kind: "list", items: splitTopLevel(tokens, start + 1, end - 1).map(([s, e]) => parseValue(tokens, s, e, depth + 1)), line: t.line };
  }
  if (isPunct(t, "{") && matchingBracket(tokens, start) === end - 1)
    return { kind: "hash", args: parseArgs(tokens, start + 1, end - 1, depth + 1), line: t.line };
  if (t.kind === "name") {
    let i = start;
    let value = t.value;
    while (isPunct(tokens[i + 1], "::") && tokens[i + 2]?.kind === "name" && i + 2 < end) {
      value += "::" + tokens[i + 2].value;
      i += 2;
    }
    if (i + 1 === end) return { kind: "name", value, line: t.line };
    if (isPunct(tokens[i + 1], "(") && matchingBracket(tokens, i + 1) === end - 1) {
      return { kind: "call", name: value, args: parseArgs(tokens, i + 2, end - 1, depth + 1), line: t.line };
    }
    if (i === start && tokens[i + 1]?.kind === "string") return { kind: "call", name: value, args: parseArgs(tokens, i + 1, end, depth + 1), line: t.line };
  }
  return { kind: "other", line: t.line };
}

/** A string, or strings joined with `+`; dynamic when any part interpolates or is not a literal. */
function stringValue(tokens: Token[], start: number, end: number): RbValue {
  let value = "";
  let dynamic = false;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    if (t.kind === "string") {
      value += t.value;
      dynamic ||= t.dynamic === true;
    } else if (!isPunct(t, "+") && !isPunct(t, "\\")) {
      dynamic = true;
    }
  }
  return { kind: "str", value, dynamic, line: tokens[start].line };
}

function splitTopLevel(tokens: Token[], start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = start;
  let i = start;
  while (i < end) {
    const t = tokens[i];
    if (isPunct(t, ",")) {
      if (i > s) out.push([s, i]);
      s = i + 1;
      i++;
    } else if (t.kind === "punct" && (t.value === "(" || t.value === "[" || t.value === "{")) {
      i = Math.min(matchingBracket(tokens, i), end - 1) + 1;
    } else {
      i++;
    }
  }
  if (end > s) out.push([s, end]);
  return out.filter(([a, b]) => tokens.slice(a, b).some((t) => t.kind !== "newline"));
}

function findTopLevel(tokens: Token[], start: number, end: number, op: string): number {
  let i = start;
  while (i < end) {
    const t = tokens[i];
    if (isPunct(t, op)) return i;
    i = t.kind === "punct" && (t.value === "(" || t.value === "[" || t.value === "{") ? matchingBracket(tokens, i) + 1 : i + 1;
  }
  return -1;
}
