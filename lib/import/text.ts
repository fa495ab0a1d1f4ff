/**
 * Turning uploaded bytes into text the parsers can trust, and reading JSON while keeping line
 * numbers (JSON.parse forgets them, and every issue must name a line).
 *
 * decodeText is on the hot path of big uploads (access logs of 100 MB and more): the common case
 * is one native TextDecoder pass plus one native indexOf pass over the lines; the slow byte-by-byte
 * scan only runs after the decoder has refused the input, to say where.
 */
import type { ParseIssue } from "./types";

export type DecodeTextOptions = {
  /** The longest line accepted, in characters (default 1 MiB): longer lines are minified or generated files. */
  maxLineLength?: number;
};

export type DecodedText = { ok: true; text: string } | { ok: false; issue: ParseIssue };

const DEFAULT_MAX_LINE_LENGTH = 1_048_576;
/** How much of the start of a file the binary sniffing looks at. */
const SNIFF_BYTES = 8192;
/** Share of control bytes above which a file without NUL bytes is still treated as binary. */
const MAX_CONTROL_SHARE = 0.3;

export function decodeText(bytes: Uint8Array, file: string, options: DecodeTextOptions = {}): DecodedText {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const error = (message: string, line?: number): DecodedText => ({
    ok: false,
    issue: { file, ...(line === undefined ? {} : { line }), message, severity: "error" },
  });

  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    // UTF-16 is full of NUL bytes and would be called "binary", which would puzzle the user.
    return error("is UTF-16 text; save it as UTF-8 and upload it again");
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) return error("looks like a binary file, not text");

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const { line, column } = bytePosition(body, at);
    const byte = body[at].toString(16).padStart(2, "0");
    return error(`is not valid UTF-8: byte 0x${byte} at line ${line}, column ${column} (save the file as UTF-8)`, line);
  }

  const long = firstLongLine(text, maxLineLength);
  if (long) return error(`line ${long.line} is ${long.length} characters long; the limit is ${maxLineLength}`, long.line);
  return { ok: true, text };
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** A NUL byte near the start, or mostly control characters: what `git` and `file` call binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.indexOf(0) !== -1) return true;
  let control = 0;
  for (const b of sample) {
    // Tab, line feed, vertical tab, form feed and carriage return are ordinary in text.
    if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) control++;
  }
  return sample.length > 0 && control / sample.length > MAX_CONTROL_SHARE;
}

/**
 * The offset of the first byte that starts an invalid UTF-8 sequence (WHATWG rules: no overlong
 * forms, no surrogates, nothing above U+10FFFF, no truncated sequence at the end), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) lower = 0xa0; // overlong
      if (lead === 0xed) upper = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) lower = 0x90; // overlong
      if (lead === 0xf4) upper = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < lower || b > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset; the bytes before it must be valid UTF-8. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = bytes.indexOf(0x0a); nl !== -1 && nl < offset; nl = bytes.indexOf(0x0a, nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i] & 0xc0) !== 0x80) column++;
  return { line, column };
}

function firstLongLine(text: string, max: number): { line: number; length: number } | null {
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    const length = end - start - (end > start && text.charCodeAt(end - 1) === 13 ? 1 : 0);
    if (length > max) return { line, length };
    if (nl === -1) break;
    start = nl + 1;
  }
  return null;
}

/** 1-based line of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let nl = text.indexOf("\n"); nl !== -1 && nl < offset; nl = text.indexOf("\n", nl + 1)) line++;
  return line;
}

// ---------------------------------------------------------------------------------------------
// JSON with line numbers
// ---------------------------------------------------------------------------------------------

export type JsonWithLines =
  | {
      ok: true;
      value: unknown;
      /** The line where a member's key (objects) or an element (arrays) starts. */
      lineOf(container: object, key: string | number): number | undefined;
    }
  | { ok: false; line: number; column: number; message: string };

const MAX_JSON_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class JsonSyntaxError extends Error {}

/**
 * Strict JSON (RFC 8259), as JSON.parse reads it, that also records the line of every object
 * member and array element. Duplicate keys: the last one wins, as with JSON.parse.
 */
export function parseJsonWithLines(text: string): JsonWithLines {
  const lines = new WeakMap<object, Map<string | number, number>>();
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message);
  };
  const describe = (): string => {
    if (pos >= text.length) return "unexpected end of file";
    const c = text[pos];
    return `unexpected ${JSON.stringify(c)}`;
  };
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d) pos++;
      else if (c === 0x0a) {
        pos++;
        line++;
        lineStart = pos;
      } else return;
    }
  };

  const readString = (): string => {
    const start = pos++;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c)) fail("a string is never closed");
      if (c === 0x22) break;
      if (c < 0x20) fail("a string contains a line break or control character");
      if (c === 0x5c) {
        escaped = true;
        const e = text[pos + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("invalid \\u escape in a string");
          pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) pos += 2;
        else fail("invalid escape in a string");
      } else pos++;
    }
    pos++;
    // The escapes were checked above, so JSON.parse of the literal cannot fail and decodes them.
    return escaped ? (JSON.parse(text.slice(start, pos)) as string) : text.slice(start + 1, pos - 1);
  };

  const readValue = (depth: number): unknown => {
    skipSpace();
    const c = text[pos];
    if (c === "{" || c === "[") {
      if (depth >= MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
      return c === "{" ? readObject(depth + 1) : readArray(depth + 1);
    }
    if (c === '"') return readString();
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(text);
      if (!m) return fail("invalid number");
      pos += m[0].length;
      return Number(m[0]);
    }
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    return fail(describe());
  };

  const readObject = (depth: number): Record<string, unknown> => {
    pos++;
    const object: Record<string, unknown> = {};
    const keyLines = new Map<string | number, number>();
    lines.set(object, keyLines);
    skipSpace();
    if (text[pos] === "}") {
      pos++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail(`expected a property name in double quotes, ${describe()}`);
      const keyLine = line;
      const key = readString();
      skipSpace();
      if (text[pos] !== ":") fail(`expected ":" after a property name, ${describe()}`);
      pos++;
      // defineProperty, not assignment: a "__proto__" key must stay a plain property.
      Object.defineProperty(object, key, { value: readValue(depth), enumerable: true, writable: true, configurable: true });
      keyLines.set(key, keyLine);
      skipSpace();
      if (text[pos] === ",") pos++;
      else if (text[pos] === "}") {
        pos++;
        return object;
      } else fail(`expected "," or "}" after a property value, ${describe()}`);
    }
  };

  const readArray = (depth: number): unknown[] => {
    pos++;
    const array: unknown[] = [];
    const elementLines = new Map<string | number, number>();
    lines.set(array, elementLines);
    skipSpace();
    if (text[pos] === "]") {
      pos++;
      return array;
    }
    for (;;) {
      skipSpace();
      elementLines.set(array.length, line);
      array.push(readValue(depth));
      skipSpace();
      if (text[pos] === ",") pos++;
      else if (text[pos] === "]") {
        pos++;
        return array;
      } else fail(`expected "," or "]" after an array element, ${describe()}`);
    }
  };

  try {
    const value = readValue(0);
    skipSpace();
    if (pos < text.length) fail(`${describe()} after the end of the JSON value`);
    return { ok: true, value, lineOf: (container, key) => lines.get(container)?.get(key) };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { ok: false, line, column: pos - lineStart + 1, message: e.message };
  }
}

/** The issue for a JSON syntax error, worded the same by every JSON-reading parser. */
export function jsonSyntaxIssue(file: string, failure: { line: number; column: number; message: string }): ParseIssue {
  return {
    file,
    line: failure.line,
    message: `not valid JSON: ${failure.message} (column ${failure.column})`,
    severity: "error",
  };
}
