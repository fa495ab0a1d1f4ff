/**
 * A small Ruby tokenizer for routes files. Comments (`#`, `=begin`…`=end`) vanish; strings are one
 * token (with `#{…}` marked dynamic); `:photos` is a symbol, `to:` a label; `%w[a b]` / `%i[a b]`
 * become a bracketed list of strings / symbols. Newlines are emitted outside brackets, since they
 * end a Ruby statement.
 */
import { CharCursor, isDigit, isIdentPart, isIdentStart, makeToken, operatorTable, readIdent, readNumber, readPunct, type Token } from "./tokens";

const OPERATORS = operatorTable([
  "**=",
  "<=>",
  "===",
  "...",
  "<<=",
  ">>=",
  "&&=",
  "||=",
  "=>",
  "==",
  "!=",
  "=~",
  "!~",
  "<=",
  ">=",
  "&&",
  "||",
  "<<",
  ">>",
  "**",
  "::",
  "..",
  "+=",
  "-=",
  "*=",
  "/=",
  "|=",
  "&=",
  "->",
  "&.",
]);

/** A `/` after these words starts a regular expression. */
const REGEX_AFTER_WORD = new Set(["if", "unless", "when", "and", "or", "not", "return", "then", "else", "elsif", "while", "until"]);
const PERCENT_CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

export function tokenizeRuby(text: string): Token[] {
  const cur = new CharCursor(text);
  const tokens: Token[] = [];
  let depth = 0;
  const last = () => tokens[tokens.length - 1];
  const spaceBefore = () => cur.pos === 0 || /\s/.test(text[cur.pos - 1]);

  while (!cur.done) {
    const c = cur.peek();
    const atLineStart = cur.pos === 0 || text[cur.pos - 1] === "\n";
    if (c === "\n") {
      cur.next();
      if (depth === 0 && last() && last().kind !== "newline") tokens.push(makeToken("newline", "\n", cur.line - 1));
    } else if (c === " " || c === "\t" || c === "\r") {
      cur.next();
    } else if (c === "\\" && cur.peek(1) === "\n") {
      cur.skip(2); // line continuation
    } else if (c === "#") {
      cur.skipLine();
    } else if (atLineStart && cur.startsWith("=begin")) {
      while (!cur.done && !(text[cur.pos - 1] === "\n" && cur.startsWith("=end"))) cur.next();
      cur.skipLine();
    } else if (atLineStart && cur.startsWith("__END__")) {
      break;
    } else if (c === "'" || c === '"' || c === "`") {
      tokens.push(readQuoted(cur, c, c, c !== "'"));
    } else if (c === ":" && cur.peek(1) === ":") {
      cur.skip(2);
      tokens.push(makeToken("punct", "::", cur.line));
    } else if (c === ":" && (isIdentStart(cur.peek(1)) || cur.peek(1) === '"' || cur.peek(1) === "'") && !isIdentPart(text[cur.pos - 1] ?? "")) {
      tokens.push(readSymbol(cur));
    } else if (c === "%" && /[wWiIqQr([{<]/.test(cur.peek(1)) && regexAllowed(last(), spaceBefore(), cur.peek(1))) {
      readPercent(cur, tokens);
    } else if (c === "/" && regexAllowed(last(), spaceBefore(), cur.peek(1))) {
      const line = cur.line;
      const t = readQuoted(cur, "/", "/", true);
      while (isIdentPart(cur.peek())) cur.next(); // flags
      tokens.push(makeToken("regex", t.value, line));
    } else if (isIdentStart(c) || c === "@" || c === "$") {
      const line = cur.line;
      let word = c === "@" || c === "$" ? cur.next() + (cur.peek() === "@" ? cur.next() : "") : "";
      word += readIdent(cur);
      if ((cur.peek() === "?" || cur.peek() === "!") && cur.peek(1) !== "=") word += cur.next();
      if (cur.peek() === ":" && cur.peek(1) !== ":" && !word.startsWith("@") && !word.startsWith("$")) {
        cur.next();
        tokens.push(makeToken("label", word, line));
      } else {
        tokens.push(makeToken("name", word, line));
      }
    } else if (isDigit(c)) {
      const line = cur.line;
      tokens.push(makeToken("number", readNumber(cur), line));
    } else {
      const line = cur.line;
      const op = readPunct(cur, OPERATORS);
      if (op === "(" || op === "[" || op === "{") depth++;
      else if ((op === ")" || op === "]" || op === "}") && depth > 0) depth--;
      tokens.push(makeToken("punct", op, line));
    }
  }
  if (last() && last().kind !== "newline") tokens.push(makeToken("newline", "\n", cur.line));
  return tokens;
}

/**
 * Whether `/` or `%` here starts a literal rather than an operator: at the start of an
 * expression, after an operator or keyword, or (Ruby's own rule for `get /x/`) after a method
 * name with a space before and none after.
 */
function regexAllowed(prev: Token | undefined, spaceBefore: boolean, nextChar: string): boolean {
  if (!prev || prev.kind === "newline" || prev.kind === "label") return true;
  if (prev.kind === "punct") return prev.value !== ")" && prev.value !== "]" && prev.value !== "}";
  if (prev.kind === "name") return REGEX_AFTER_WORD.has(prev.value) || (spaceBefore && nextChar !== " " && nextChar !== "=");
  return false;
}

/** A quoted literal; with `interpolate`, `#{…}` makes it dynamic. */
function readQuoted(cur: CharCursor, open: string, close: string, interpolate: boolean): Token {
  const line = cur.line;
  cur.next();
  let value = "";
  let dynamic = false;
  let nesting = 0;
  while (!cur.done) {
    const c = cur.next();
    if (c === close && nesting === 0) break;
    if (open !== close && c === open) nesting++;
    else if (open !== close && c === close) nesting--;
    if (c === "\\") {
      const e = cur.next();
      value += interpolate ? decodeEscape(e, close) : e === close || e === "\\" ? e : "\\" + e;
    } else if (interpolate && c === "#" && cur.peek() === "{") {
      dynamic = true;
      let braces = 0;
      const start = cur.pos + 1;
      while (!cur.done) {
        const d = cur.next();
        if (d === "{") braces++;
        else if (d === "}" && --braces === 0) break;
      }
      value += "#{" + cur.text.slice(start, cur.pos - 1).trim() + "}"; // kept so a placeholder can name it
    } else {
      value += c;
    }
  }
  return makeToken("string", value, line, dynamic);
}

function decodeEscape(c: string, close: string): string {
  if (c === "n") return "\n";
  if (c === "t") return "\t";
  if (c === close || c === "\\" || c === '"') return c;
  return "\\" + c; // keeps regex escapes such as \d intact
}

function readSymbol(cur: CharCursor): Token {
  const line = cur.line;
  cur.next();
  if (cur.peek() === '"' || cur.peek() === "'") {
    const t = readQuoted(cur, cur.peek(), cur.peek(), cur.peek() === '"');
    return makeToken("symbol", t.value, line, t.dynamic === true);
  }
  let name = readIdent(cur);
  if (cur.peek() === "?" || cur.peek() === "!" || (cur.peek() === "=" && cur.peek(1) !== ">" && cur.peek(1) !== "=")) name += cur.next();
  return makeToken("symbol", name, line);
}

/** `%w[a b]`, `%i(a b)`, `%q{…}`, `%Q(…)`, `%(…)`, `%r{…}`. */
function readPercent(cur: CharCursor, tokens: Token[]): void {
  const line = cur.line;
  cur.next();
  let type = "Q";
  if (/[wWiIqQr]/.test(cur.peek())) type = cur.next();
  const open = cur.peek();
  const close = PERCENT_CLOSERS[open] ?? open;
  const body = readQuoted(cur, open, close, type === "Q" || type === "W" || type === "I" || type === "r");
  if (type === "r") {
    tokens.push(makeToken("regex", body.value, line));
  } else if (type === "q" || type === "Q") {
    tokens.push(body);
  } else {
    // a word list: a bracketed list of strings (or symbols) separated by commas
    tokens.push(makeToken("punct", "[", line));
    const words = body.value.split(/\s+/).filter(Boolean);
    words.forEach((w, i) => {
      if (i > 0) tokens.push(makeToken("punct", ",", line));
      tokens.push(makeToken(type === "i" || type === "I" ? "symbol" : "string", w, line));
    });
    tokens.push(makeToken("punct", "]", line));
  }
}
