import { QUOTE_CHARS } from "./limits";

export const LineKind = {
  Request: 0,
  /** A log line whose request is "-", TLS junk or otherwise not an HTTP request line. */
  BadRequest: 1,
  NotALogLine: 2,
} as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

export const SPACE = 0x20;
export const QUOTE = 0x22;

/**
 * Parses `host ident user [dd/Mon/yyyy:HH:MM:SS +zzzz] "METHOD target PROTOCOL" ...` by scanning
 * bytes. Results go to fields rather than a fresh object per line: this runs millions of times.
 */
export class LogLineParser {
  time = 0;
  methodStart = 0;
  methodEnd = 0;
  targetStart = 0;
  /** End of the path: the target up to "?" or "#". */
  pathEnd = 0;
  /** End of the whole target, query string included. */
  targetEnd = 0;
  /** The path holds bytes ≥ 0x80 (raw UTF-8): decode it as UTF-8 rather than latin1. */
  pathIsAscii = true;
  /** The path is usable as it is: origin-form, nothing percent- or \x-escaped. */
  pathIsPlain = true;
  /** FNV-1a of the path bytes, for the path cache: computed in the scan we do anyway. */
  pathHash = 0;

  parse(buf: Buffer, start: number, end: number): LineKind {
    // The date follows " [" after host, ident and user; those are short, so a bounded scan.
    const limit = Math.min(end, start + 1024);
    let i = start;
    while (i < limit && buf[i] !== 0x5b /* [ */) i++;
    if (i >= limit || i === start || buf[i - 1] !== SPACE) return LineKind.NotALogLine;
    const date = i + 1;
    if (date + 29 > end || buf[date + 26] !== 0x5d /* ] */) return LineKind.NotALogLine;
    const time = parseClfTime(buf, date);
    if (time !== time /* NaN */) return LineKind.NotALogLine;
    if (buf[date + 27] !== SPACE || buf[date + 28] !== QUOTE) return LineKind.NotALogLine;
    this.time = time;
    return this.parseRequest(buf, date + 29, end);
  }

  /** `METHOD target HTTP/x.y"` (or HTTP/0.9's `METHOD target"`), from just after the quote. */
  private parseRequest(buf: Buffer, start: number, end: number): LineKind {
    let p = start;
    while (p < end && buf[p] >= 0x41 && buf[p] <= 0x5a) p++; // A–Z
    if (p === start || p - start > 16 || p >= end || buf[p] !== SPACE) return LineKind.BadRequest;
    this.methodStart = start;
    this.methodEnd = p;

    const target = ++p;
    let pathEnd = -1;
    let high = 0;
    let escapes = 0;
    let hash = 0x811c9dc5;
    for (; p < end; p++) {
      const c = buf[p];
      if (c === SPACE || c === QUOTE) break;
      if (c < 0x20 || c === 0x7f) return LineKind.BadRequest;
      if (pathEnd < 0) {
        if (c === 0x3f /* ? */ || c === 0x23 /* # */) pathEnd = p;
        else {
          high |= c;
          if (c === 0x25 /* % */ || c === 0x5c /* \ */) escapes++;
          hash = Math.imul(hash ^ c, 0x01000193);
        }
      }
    }
    if (p === target || p >= end) return LineKind.BadRequest;
    if (buf[p] === SPACE && !isHttpVersion(buf, p + 1, end)) return LineKind.BadRequest;
    if (!isRequestTarget(buf, target, p)) return LineKind.BadRequest;
    this.targetStart = target;
    this.targetEnd = p;
    this.pathEnd = pathEnd < 0 ? p : pathEnd;
    this.pathIsAscii = high < 0x80;
    this.pathIsPlain = escapes === 0 && buf[target] === 0x2f;
    this.pathHash = hash;
    return LineKind.Request;
  }
}

function isHttpVersion(buf: Buffer, p: number, end: number): boolean {
  return p + 5 <= end && buf[p] === 0x48 && buf[p + 1] === 0x54 && buf[p + 2] === 0x54 && buf[p + 3] === 0x50 && buf[p + 4] === 0x2f;
}

/** origin-form "/…", "*" (OPTIONS *), or absolute-form "http://…" / "https://…". */
function isRequestTarget(buf: Buffer, start: number, end: number): boolean {
  const first = buf[start];
  if (first === 0x2f) return true;
  if (first === 0x2a) return end === start + 1;
  const lower = (i: number) => (start + i < end ? buf[start + i] | 0x20 : 0);
  if (lower(0) !== 0x68 || lower(1) !== 0x74 || lower(2) !== 0x74 || lower(3) !== 0x70) return false; // http
  const s = lower(4) === 0x73 ? 5 : 4; // https
  return buf[start + s] === 0x3a && buf[start + s + 1] === 0x2f && buf[start + s + 2] === 0x2f; // ://
}

const MONTHS: Record<number, number> = {};
["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].forEach((name, i) => {
  MONTHS[(name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2)] = i + 1;
});

/** Two ASCII digits at buf[i], or NaN. */
function digits2(buf: Buffer, i: number): number {
  const a = buf[i] - 48;
  const b = buf[i + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * `10/Oct/2000:13:55:36 -0700` at buf[i] → epoch milliseconds, or NaN. Pure arithmetic: a Date
 * or a string per line would cost more than the rest of the line's parsing.
 */
function parseClfTime(buf: Buffer, i: number): number {
  const day = digits2(buf, i);
  const month = MONTHS[(buf[i + 3] << 16) | (buf[i + 4] << 8) | buf[i + 5]];
  const year = digits2(buf, i + 7) * 100 + digits2(buf, i + 9);
  const hour = digits2(buf, i + 12);
  const minute = digits2(buf, i + 15);
  const second = digits2(buf, i + 18);
  const sign = buf[i + 21] === 0x2d ? -1 : buf[i + 21] === 0x2b ? 1 : NaN;
  const offset = sign * (digits2(buf, i + 22) * 60 + digits2(buf, i + 24));
  if (buf[i + 2] !== 0x2f || buf[i + 6] !== 0x2f || buf[i + 11] !== 0x3a || buf[i + 14] !== 0x3a || buf[i + 17] !== 0x3a || buf[i + 20] !== SPACE) return NaN;
  if (!(month !== undefined && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 60)) return NaN;
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset * 60;
  return seconds * 1000; // NaN propagates from any bad field
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export const KNOWN_METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "PROPFIND"];

/** The index of the method in KNOWN_METHODS, or -1: no string for the usual methods. */
export function knownMethodId(buf: Buffer, start: number, end: number): number {
  const length = end - start;
  search: for (let id = 0; id < KNOWN_METHODS.length; id++) {
    const method = KNOWN_METHODS[id];
    if (method.length !== length) continue;
    for (let i = 0; i < length; i++) if (buf[start + i] !== method.charCodeAt(i)) continue search;
    return id;
  }
  return -1;
}

/**
 * The request target as the route matcher wants it: path only (absolute URIs reduced), nginx/
 * Apache `\xNN` escapes and percent-encoding decoded where valid (kept as is where not; %2F stays
 * encoded so it cannot create a segment), no trailing slash.
 */
export function normalizeRequestPath(rawPath: string): string {
  let path = rawPath;
  if (path.charCodeAt(0) !== 0x2f) {
    if (path === "*") return path;
    const authority = /^https?:\/\/[^/]*/i.exec(path);
    if (authority) path = path.slice(authority[0].length) || "/";
  }
  if (path.includes("\\x")) path = path.replace(/\\x([0-9A-Fa-f]{2})/g, "%$1");
  if (path.includes("%")) {
    try {
      path = decodeURI(path);
    } catch {
      // not valid percent-encoded UTF-8: matched as written
    }
  }
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

/** Up to 80 characters of a line, in quotes, with control and invisible characters escaped. */
export function quoteLine(buf: Buffer, start: number, end: number): string {
  const text = buf.toString("utf8", start, Math.min(end, start + QUOTE_CHARS * 4));
  const chars = Array.from(text);
  const shown = chars
    .slice(0, QUOTE_CHARS)
    .map((ch) => {
      if (ch === '"' || ch === "\\") return "\\" + ch;
      if (!/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch)) return ch;
      const code = ch.codePointAt(0)!;
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
    })
    .join("");
  return `"${shown}${chars.length > QUOTE_CHARS || end - start > QUOTE_CHARS * 4 ? "…" : ""}"`;
}
