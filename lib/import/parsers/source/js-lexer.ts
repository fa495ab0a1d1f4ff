/**
 * A small JavaScript/TypeScript tokenizer: comments vanish, strings and template literals are one
 * token each (a template with `${…}` is marked dynamic), regular-expression literals are told
 * apart from division by the token before them. No newlines are emitted: JavaScript statements
 * are found by their shape, not by line ends.
 */
import { CharCursor, isIdentPartCode, isIdentStartCode, makeToken, operatorTable, readNumber, readPunct, type Token } from "./tokens";

const OPERATORS = operatorTable([
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
]);

/** After these keywords a `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORD = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

export function tokenizeJs(text: string): Token[] {
  const cur = new CharCursor(text);
  const tokens: Token[] = [];
  if (cur.startsWith("#!")) cur.skipLine();
  while (!cur.done) {
    if (cur.skipBlanks()) continue;
    const c = cur.code();
    if (c === 10) {
      cur.next();
    } else if (c === 47 /* / */ && cur.code(1) === 47) {
      cur.skipLine();
    } else if (c === 47 && cur.code(1) === 42 /* * */) {
      skipBlockComment(cur);
    } else if (c === 39 /* ' */ || c === 34 /* " */) {
      tokens.push(readQuoted(cur));
    } else if (c === 96 /* ` */) {
      tokens.push(readTemplate(cur));
    } else if (isIdentStartCode(c) || c === 36 /* $ */) {
      const line = cur.line;
      const start = cur.pos;
      let p = start + 1;
      for (let d = text.charCodeAt(p); isIdentPartCode(d) || d === 36; d = text.charCodeAt(++p));
      cur.pos = p;
      tokens.push(makeToken("name", text.slice(start, p), line));
    } else if ((c >= 48 && c <= 57) || (c === 46 && cur.code(1) >= 48 && cur.code(1) <= 57)) {
      const line = cur.line;
      tokens.push(makeToken("number", readNumber(cur), line));
    } else if (c === 47 && regexAllowed(tokens[tokens.length - 1])) {
      tokens.push(readRegex(cur));
    } else {
      const line = cur.line;
      tokens.push(makeToken("punct", readPunct(cur, OPERATORS), line));
    }
  }
  return tokens;
}

function skipBlockComment(cur: CharCursor): void {
  const end = cur.text.indexOf("*/", cur.pos + 2);
  cur.advanceTo(end < 0 ? cur.text.length : end + 2);
}

function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === "name") return REGEX_AFTER_WORD.has(prev.value);
  if (prev.kind === "punct") return prev.value !== ")" && prev.value !== "]" && prev.value !== "}";
  return false;
}

function readQuoted(cur: CharCursor): Token {
  const line = cur.line;
  const text = cur.text;
  const quote = text.charCodeAt(cur.pos);
  let p = cur.pos + 1;
  let value = "";
  let segment = p;
  for (; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === quote || c === 10) break;
    if (c === 92 /* \ */) {
      value += text.slice(segment, p) + decodeEscape(text.charAt(p + 1));
      p++;
      segment = p + 1;
    }
  }
  value += text.slice(segment, Math.min(p, text.length));
  cur.advanceTo(Math.min(p + 1, text.length));
  return makeToken("string", value, line);
}

/** A template literal; `${…}` parts are skipped (nesting, strings and templates inside included) and their text kept. */
function readTemplate(cur: CharCursor): Token {
  const line = cur.line;
  cur.next();
  let value = "";
  let dynamic = false;
  while (!cur.done) {
    const c = cur.next();
    if (c === "`") break;
    if (c === "\\") value += decodeEscape(cur.next());
    else if (c === "$" && cur.peek() === "{") {
      dynamic = true;
      cur.next();
      const start = cur.pos;
      skipSubstitution(cur);
      // the expression is kept (`${config.prefix}`) so a placeholder can name it
      value += "${" + cur.text.slice(start, Math.max(start, cur.pos - 1)).trim() + "}";
    } else value += c;
  }
  return makeToken("string", value, line, dynamic);
}

function skipSubstitution(cur: CharCursor): void {
  let depth = 1;
  while (!cur.done && depth > 0) {
    const c = cur.peek();
    if (c === "'" || c === '"') readQuoted(cur);
    else if (c === "`") readTemplate(cur);
    else if (cur.startsWith("//")) cur.skipLine();
    else if (cur.startsWith("/*")) skipBlockComment(cur);
    else {
      cur.next();
      if (c === "{") depth++;
      else if (c === "}") depth--;
    }
  }
}

function readRegex(cur: CharCursor): Token {
  const line = cur.line;
  cur.next();
  let value = "";
  let inClass = false;
  while (!cur.done) {
    const c = cur.next();
    if (c === "\n") break;
    if (c === "\\") {
      value += c + cur.next();
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) break;
    value += c;
  }
  while (!cur.done && isIdentPartCode(cur.code())) cur.next(); // flags
  return makeToken("regex", value, line);
}

function decodeEscape(c: string): string {
  switch (c) {
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "r":
      return "\r";
    case "\n":
      return "";
    default:
      return c;
  }
}
