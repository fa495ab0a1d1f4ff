/**
 * A small Python tokenizer: enough to find decorators, calls, assignments and imports.
 * Comments vanish; every string (including docstrings and triple-quoted text) is one token, so
 * route-like text inside them never looks like code. Newlines inside brackets or after a
 * backslash continuation are not logical line ends, exactly as in Python.
 */
import { CharCursor, isIdentStartCode, makeToken, operatorTable, readIdent, readNumber, readPunct, type Token } from "./tokens";

const OPERATORS = operatorTable([
  "**=",
  "//=",
  ">>=",
  "<<=",
  "...",
  "**",
  "//",
  "->",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "@=",
  "==",
  "!=",
  "<=",
  ">=",
  ":=",
  "<<",
  ">>",
]);

const STRING_PREFIX = /^(?:r|u|b|f|br|rb|fr|rf)$/i;

export function tokenizePython(text: string): Token[] {
  const cur = new CharCursor(text);
  const tokens: Token[] = [];
  let depth = 0;
  let atLineStart = true;

  const push = (token: Token) => {
    token.lineStart = atLineStart;
    atLineStart = false;
    tokens.push(token);
  };

  while (!cur.done) {
    if (cur.skipBlanks()) continue;
    const c = cur.code();
    if (c === 10 /* \n */) {
      cur.next();
      if (depth === 0 && !atLineStart) {
        tokens.push(makeToken("newline", "\n", cur.line - 1));
        atLineStart = true;
      }
    } else if (c === 35 /* # */) {
      cur.skipLine();
    } else if (c === 92 /* \ */ && (cur.code(1) === 10 || (cur.code(1) === 13 && cur.code(2) === 10))) {
      cur.skip(cur.code(1) === 10 ? 2 : 3); // explicit line continuation
    } else if (c === 39 /* ' */ || c === 34 /* " */) {
      push(readString(cur, ""));
    } else if (isIdentStartCode(c)) {
      const line = cur.line;
      const word = readIdent(cur);
      const q = cur.code();
      if (word.length <= 2 && (q === 39 || q === 34) && STRING_PREFIX.test(word)) push(readString(cur, word.toLowerCase()));
      else push(makeToken("name", word, line));
    } else if ((c >= 48 && c <= 57) || (c === 46 && cur.code(1) >= 48 && cur.code(1) <= 57)) {
      const line = cur.line;
      push(makeToken("number", readNumber(cur), line));
    } else {
      const line = cur.line;
      const op = readPunct(cur, OPERATORS);
      if (op === "(" || op === "[" || op === "{") depth++;
      else if ((op === ")" || op === "]" || op === "}") && depth > 0) depth--;
      push(makeToken("punct", op, line));
    }
  }
  if (!atLineStart) tokens.push(makeToken("newline", "\n", cur.line));
  return tokens;
}

/** Reads a string literal at the cursor (on its opening quote); `prefix` is e.g. "r", "f", "rb". */
function readString(cur: CharCursor, prefix: string): Token {
  const line = cur.line;
  const text = cur.text;
  const quote = text.charCodeAt(cur.pos);
  const triple = cur.code(1) === quote && cur.code(2) === quote;
  const raw = prefix.includes("r");
  let p = cur.pos + (triple ? 3 : 1);
  let value = "";
  let segment = p;
  let end = text.length;
  for (; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === quote && (!triple || (text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote))) {
      end = p;
      break;
    }
    if (c === 10 && !triple) {
      end = p; // unterminated: stop at the line end rather than eat the file
      break;
    }
    if (c === 92 /* \ */) {
      value += text.slice(segment, p) + (raw ? text.slice(p, p + 2) : decodeEscape(text.charAt(p + 1)));
      p++;
      segment = p + 1;
    }
  }
  value += text.slice(segment, end);
  const close = end < text.length && text.charCodeAt(end) === quote ? (triple ? 3 : 1) : 0;
  cur.advanceTo(end + close);
  if (prefix.includes("f")) {
    // An f-string is only static when it has no replacement field ({{ and }} are literal braces).
    const fields = value.replace(/\{\{|\}\}/g, "");
    if (fields.includes("{")) return makeToken("string", value, line, true);
    value = value.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  }
  return makeToken("string", value, line);
}

function decodeEscape(c: string): string {
  switch (c) {
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "r":
      return "\r";
    case "\\":
    case "'":
    case '"':
      return c;
    case "\n":
      return ""; // backslash-newline inside a string joins the lines
    default:
      return "\\" + c; // unknown escapes keep their backslash, as Python does
  }
}
