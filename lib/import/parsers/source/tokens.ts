/**
 * The token shape shared by the small per-language lexers (Python, JavaScript, Ruby, PHP).
 * The route parsers never need a full syntax tree: they scan tokens for a few call shapes
 * (`@app.route(...)`, `router.get(...)`, `resources :photos`, `Route::get(...)`) and parse just
 * the arguments of those calls. Comments are dropped by the lexers and string contents are one
 * token each, so neither can ever be mistaken for a route definition.
 */

export type TokenKind =
  /** An identifier or keyword (Ruby: may end in ? or !; PHP: may contain namespace backslashes). */
  | "name"
  /** A string literal; `value` is its decoded content. */
  | "string"
  | "number"
  /** Operators and brackets: `(`, `.`, `::`, `=>`, `+=` … */
  | "punct"
  /** A logical end of line (Python and Ruby only, where line ends end statements). */
  | "newline"
  /** Ruby `:photos` (value "photos"). */
  | "symbol"
  /** Ruby hash label `to:` (value "to"). */
  | "label"
  /** PHP `$name` (value "name"). */
  | "variable"
  /** A regular-expression literal (JavaScript, Ruby); value is the source between the slashes. */
  | "regex";

export type Token = {
  kind: TokenKind;
  value: string;
  /** 1-based line where the token starts. */
  line: number;
  /** A string whose value depends on run-time data: f-string, template literal, interpolation. */
  dynamic?: boolean;
  /** Python: the first token of a logical line (decorators must start one). */
  lineStart?: boolean;
};

/**
 * How deep the recursive parsers go into nested brackets or blocks. Real route code nests a few
 * levels; a generated or broken file nesting thousands deep is cut here instead of overflowing
 * the stack.
 */
export const MAX_NESTING = 100;

export function isPunct(token: Token | undefined, value: string): boolean {
  return token !== undefined && token.kind === "punct" && token.value === value;
}

export function isName(token: Token | undefined, value?: string): boolean {
  return token !== undefined && token.kind === "name" && (value === undefined || token.value === value);
}

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * Index of the bracket that closes the one at `open` (tokens[open] must be "(", "[" or "{").
 * Returns tokens.length when the file ends first (unbalanced input must not crash a parser).
 */
export function matchingBracket(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "punct") continue;
    if (t.value in OPENERS) depth++;
    else if (t.value === ")" || t.value === "]" || t.value === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length;
}

/**
 * Splits the tokens strictly between an opening bracket and its closer into top-level
 * comma-separated ranges [start, end). Trailing commas give no empty range.
 */
export function splitArguments(tokens: Token[], open: number, close: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = open + 1;
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i];
    if (t.kind !== "punct") continue;
    if (t.value in OPENERS) depth++;
    else if (t.value === ")" || t.value === "]" || t.value === "}") depth--;
    else if (t.value === "," && depth === 0) {
      if (i > start) ranges.push([start, i]);
      start = i + 1;
    }
  }
  if (close > start) ranges.push([start, close]);
  return ranges.filter(([s, e]) => hasSignificant(tokens, s, e));
}

function hasSignificant(tokens: Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (tokens[i].kind !== "newline") return true;
  return false;
}

/** Every token has the same shape (V8 keeps one hidden class; big projects make many tokens). */
export function makeToken(kind: TokenKind, value: string, line: number, dynamic = false): Token {
  return { kind, value, line, dynamic, lineStart: false };
}

/**
 * A cursor over characters that keeps the line number up to date. The lexers call it per
 * character, so it works on char codes and the character classes are lookup tables.
 */
export class CharCursor {
  pos = 0;
  line = 1;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }
  code(offset = 0): number {
    return this.text.charCodeAt(this.pos + offset);
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  /** Moves one character ahead and returns it. */
  next(): string {
    const c = this.text.charAt(this.pos++);
    if (c === "\n") this.line++;
    return c;
  }
  skip(n: number): void {
    this.advanceTo(Math.min(this.pos + n, this.text.length));
  }
  /** Moves to `to`, counting the newlines passed. */
  advanceTo(to: number): void {
    const text = this.text;
    for (let i = this.pos; i < to; i++) if (text.charCodeAt(i) === 10) this.line++;
    this.pos = to;
  }
  /** Moves to the end of the line (before its newline). */
  skipLine(): void {
    const nl = this.text.indexOf("\n", this.pos);
    this.pos = nl < 0 ? this.text.length : nl;
  }
  /** Skips spaces, tabs and carriage returns (not newlines); true when it moved. */
  skipBlanks(): boolean {
    const start = this.pos;
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === 32 || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xfeff) c = text.charCodeAt(++this.pos);
    return this.pos > start;
  }
}

const IDENT_START = new Uint8Array(128);
const IDENT_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  IDENT_START[c] = /[A-Za-z_]/.test(ch) ? 1 : 0;
  IDENT_PART[c] = /[A-Za-z0-9_]/.test(ch) ? 1 : 0;
}

export function isIdentStart(c: string): boolean {
  return isIdentStartCode(c.charCodeAt(0));
}

export function isIdentPart(c: string): boolean {
  return isIdentPartCode(c.charCodeAt(0));
}

/** Letters, "_" and any non-ASCII character (identifiers may be Unicode). */
export function isIdentStartCode(c: number): boolean {
  return c < 128 ? IDENT_START[c] === 1 : c === c; // c === c is false for NaN (end of text)
}

export function isIdentPartCode(c: number): boolean {
  return c < 128 ? IDENT_PART[c] === 1 : c === c;
}

export function isDigit(c: string): boolean {
  return c >= "0" && c <= "9" && c.length === 1;
}

/** Reads an identifier at the cursor (the caller checked it starts one). */
export function readIdent(cur: CharCursor): string {
  const start = cur.pos;
  const text = cur.text;
  let p = cur.pos;
  while (p < text.length && isIdentPartCode(text.charCodeAt(p))) p++;
  cur.pos = p;
  return text.slice(start, p);
}

/** Reads a number loosely (digits, dots, letters for hex/exponents/suffixes, underscores). */
export function readNumber(cur: CharCursor): string {
  const start = cur.pos;
  const text = cur.text;
  let p = cur.pos;
  for (;;) {
    const c = text.charCodeAt(p);
    if (isIdentPartCode(c) || (c === 46 && text.charCodeAt(p + 1) >= 48 && text.charCodeAt(p + 1) <= 57)) p++;
    else break;
  }
  cur.pos = p;
  return text.slice(start, p);
}

/** Operators grouped by length, longest tried first. */
export type OperatorTable = Array<Set<string>>;

export function operatorTable(operators: readonly string[]): OperatorTable {
  const byLength: OperatorTable = [];
  for (const op of operators) (byLength[op.length] ??= new Set()).add(op);
  return byLength;
}

/** The longest operator of the table at the cursor, or the single character. */
export function readPunct(cur: CharCursor, table: OperatorTable): string {
  for (let n = table.length - 1; n >= 2; n--) {
    const set = table[n];
    if (!set) continue;
    const candidate = cur.text.substr(cur.pos, n);
    if (set.has(candidate)) {
      cur.pos += n;
      return candidate;
    }
  }
  return cur.next();
}
