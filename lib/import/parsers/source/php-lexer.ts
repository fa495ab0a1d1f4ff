/**
 * A small PHP tokenizer for route files. Text outside `<?php … ?>` is ignored (it is output, not
 * code); comments (`//`, `#`, `/* *\/`) vanish; strings are one token (a double-quoted string or
 * heredoc with `$var` / `{$…}` is marked dynamic); `$name` is a variable token; namespaced names
 * (`App\Http\Controllers\UserController`) are one name token.
 */
import { CharCursor, isDigit, isIdentPart, isIdentStart, makeToken, operatorTable, readIdent, readNumber, readPunct, type Token } from "./tokens";

const OPERATORS = operatorTable([
  "<=>",
  "===",
  "!==",
  "...",
  "**=",
  "??=",
  "?->",
  "::",
  "->",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  ".=",
  "%=",
  "**",
  "<<",
  ">>",
]);

export function tokenizePhp(text: string): Token[] {
  const cur = new CharCursor(text);
  const tokens: Token[] = [];
  skipHtml(cur);
  while (!cur.done) {
    const c = cur.peek();
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      cur.next();
    } else if (cur.startsWith("?>")) {
      cur.skip(2);
      skipHtml(cur);
    } else if (cur.startsWith("//") || (c === "#" && cur.peek(1) !== "[")) {
      // a line comment ends at the line end or at `?>`
      while (!cur.done && cur.peek() !== "\n" && !cur.startsWith("?>")) cur.next();
    } else if (cur.startsWith("#[")) {
      skipAttribute(cur);
    } else if (cur.startsWith("/*")) {
      cur.skip(2);
      while (!cur.done && !cur.startsWith("*/")) cur.next();
      cur.skip(2);
    } else if (c === "'" || c === '"' || c === "`") {
      tokens.push(readQuoted(cur));
    } else if (cur.startsWith("<<<")) {
      tokens.push(readHeredoc(cur));
    } else if (c === "$" && isIdentStart(cur.peek(1))) {
      const line = cur.line;
      cur.next();
      tokens.push(makeToken("variable", readIdent(cur), line));
    } else if (isIdentStart(c) || (c === "\\" && isIdentStart(cur.peek(1)))) {
      const line = cur.line;
      let name = "";
      while (!cur.done && (isIdentPart(cur.peek()) || (cur.peek() === "\\" && isIdentStart(cur.peek(1))))) name += cur.next();
      tokens.push(makeToken("name", name, line));
    } else if (isDigit(c)) {
      const line = cur.line;
      tokens.push(makeToken("number", readNumber(cur), line));
    } else {
      const line = cur.line;
      tokens.push(makeToken("punct", readPunct(cur, OPERATORS), line));
    }
  }
  return tokens;
}

/** Skips inline HTML up to the next `<?php` / `<?=` / `<?`. */
function skipHtml(cur: CharCursor): void {
  while (!cur.done && !cur.startsWith("<?")) cur.next();
  if (cur.startsWith("<?php")) cur.skip(5);
  else if (cur.startsWith("<?=")) cur.skip(3);
  else cur.skip(2);
}

/** `#[Attribute(...)]`, which may span lines. */
function skipAttribute(cur: CharCursor): void {
  cur.skip(2);
  let depth = 1;
  while (!cur.done && depth > 0) {
    const c = cur.peek();
    if (c === "'" || c === '"') {
      readQuoted(cur);
      continue;
    }
    cur.next();
    if (c === "[") depth++;
    else if (c === "]") depth--;
  }
}

function readQuoted(cur: CharCursor): Token {
  const line = cur.line;
  const quote = cur.next();
  const interpolates = quote !== "'";
  let value = "";
  let dynamic = false;
  while (!cur.done) {
    const c = cur.next();
    if (c === quote) break;
    if (c === "\\") {
      const e = cur.next();
      if (!interpolates) value += e === "'" || e === "\\" ? e : "\\" + e;
      else value += e === "n" ? "\n" : e === "t" ? "\t" : e === quote || e === "\\" || e === "$" ? e : "\\" + e;
    } else if (interpolates && c === "$" && (isIdentStart(cur.peek()) || cur.peek() === "{")) {
      dynamic = true;
      value += c;
    } else if (interpolates && c === "{" && cur.peek() === "$") {
      dynamic = true;
      value += c;
    } else {
      value += c;
    }
  }
  return makeToken("string", value, line, dynamic);
}

/** `<<<EOT … EOT` (dynamic if it interpolates) and nowdoc `<<<'EOT' … EOT`. */
function readHeredoc(cur: CharCursor): Token {
  const line = cur.line;
  cur.skip(3);
  while (cur.peek() === " ") cur.next();
  const quoted = cur.peek() === "'" || cur.peek() === '"';
  const nowdoc = cur.peek() === "'";
  if (quoted) cur.next();
  const label = readIdent(cur);
  if (quoted) cur.next();
  cur.skipLine();
  cur.next();
  const endRe = new RegExp(`^[ \\t]*${label}\\b`);
  let value = "";
  while (!cur.done) {
    const lineStart = cur.pos;
    cur.skipLine();
    const text = cur.text.slice(lineStart, cur.pos);
    if (label && endRe.test(text)) {
      cur.pos = lineStart + text.indexOf(label) + label.length;
      break;
    }
    value += text + "\n";
    cur.next();
  }
  const dynamic = !nowdoc && /\$[A-Za-z_{]|\{\$/.test(value);
  return makeToken("string", value, line, dynamic);
}
