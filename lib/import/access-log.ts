/**
 * Counts the requests of a web-server access log per route of the inventory.
 *
 * Logs are big (a day of a busy site is millions of lines, often gzipped), so this streams:
 * memory stays bounded whatever the size — no line is kept, the path → route cache and the
 * unmatched-path table are capped — and the hot loop scans bytes instead of running a regex or
 * building strings per line. Only the request path becomes a string, and most paths repeat, so a
 * cache answers most lines without asking the route matcher.
 *
 * Formats: Common and Combined Log Format (Apache, nginx), decided per line (Combined only adds
 * two quoted fields at the end, which are not needed). Gzip is detected by its magic bytes.
 */
import { open, type FileHandle } from "node:fs/promises";
import { Readable, pipeline } from "node:stream";
import { createGunzip, type ZlibOptions } from "node:zlib";
import { compileRouteMatcher, type RouteInput, type RouteMatcher } from "./route-matcher";
import type { ParseIssue } from "./types";

export type AccessLogOptions = {
  /** The file name, as the user knows it: it names every issue. */
  file: string;
  /** Longer lines are an error that stops the count (default 65,536 bytes). */
  maxLineLength?: number;
  /** How many of the most requested unmatched paths to list (default 50). */
  topUnmatched?: number;
  /**
   * Called for every request line, with the index of the route it matched (-1: none), as it is
   * counted: the replay samples requests this way. The request's bytes are valid only during the
   * call; its strings are made on demand, so a visitor that skips most lines costs little.
   */
  onRequest?: RequestVisitor;
};

/** One request line of the log, read during a `RequestVisitor` call. */
export type LoggedRequest = {
  /** "GET", "POST"…: shared strings for the usual methods. */
  method(): string;
  /** The request target as logged (path and query string, still percent-encoded). */
  target(): string;
};
export type RequestVisitor = (route: number, request: LoggedRequest) => void;

export type UnmatchedPath = { method: string; path: string; count: number };

export type AccessLogCount = {
  /** Lines read, blank and malformed ones included (up to the error that stopped the count, if any). */
  lines: number;
  /** Lines with a valid request: matched + unmatched. */
  requests: number;
  matched: number;
  /** Requests per route, same index as the `routes` argument. */
  perRoute: number[];
  /** The most requested unmatched paths, most first. */
  unmatched: UnmatchedPath[];
  /** Earliest and latest timestamp of the log lines (not necessarily the first and last line). */
  firstAt: Date | null;
  lastAt: Date | null;
  /** Non-blank lines that are not a log line, or whose request is "-" or not HTTP. */
  malformed: number;
  issues: ParseIssue[];
};

const DEFAULT_MAX_LINE_LENGTH = 65_536;
const DEFAULT_TOP_UNMATCHED = 50;
/** If none of the first non-empty lines is a log line, the file is something else (a CSV, binary). */
const FORMAT_PROBE_LINES = 1_000;
const MAX_MALFORMED_WARNINGS = 20;
/** Distinct unmatched "METHOD path" counted; past it only known ones are (scanners try millions). */
const MAX_UNMATCHED_PATHS = 100_000;
/** How far past the limit an over-long line is read just to tell its length. */
const LONG_LINE_MEASURE_FACTOR = 16;
const QUOTE_CHARS = 80;

const fmt = (n: number) => n.toLocaleString("en-US");

export async function countAccessLog(
  input: AsyncIterable<Uint8Array>,
  routes: readonly RouteInput[],
  options: AccessLogOptions,
): Promise<AccessLogCount> {
  return countAccessLogChunks(decompressIfGzip(readAhead(input)), routes, options);
}

/**
 * Counts a log file on disk (the command line's case). Plain text is read into two buffers that
 * take turns instead of a fresh 64 KiB buffer per read: a million-line log is 2,000 such buffers,
 * and the C allocator keeps what they freed, so the process would grow by tens of MB it never
 * gives back (measured: 25–30 MB). A gzipped file goes through zlib, which holds its input
 * after it is handed over, so it streams as any other input.
 */
export async function countAccessLogFile(path: string, routes: readonly RouteInput[], options: AccessLogOptions): Promise<AccessLogCount> {
  const file = await open(path, "r");
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await file.read(magic, 0, 2, 0);
    if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
      return await countAccessLog(file.createReadStream({ start: 0, autoClose: false }), routes, options);
    }
    return await countAccessLogChunks(alternatingReads(file), routes, options);
  } finally {
    await file.close();
  }
}

/**
 * Counts chunks of plain text (no gzip, no read-ahead). A chunk's memory may be reused for a later
 * chunk as soon as the next one is asked for: nothing here keeps a view into it.
 */
export async function countAccessLogChunks(chunks: AsyncIterable<Buffer>, routes: readonly RouteInput[], options: AccessLogOptions): Promise<AccessLogCount> {
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const counter = new RequestCounter(routes, options.file, maxLineLength, options.topUnmatched ?? DEFAULT_TOP_UNMATCHED, options.onRequest);
  const splitter = new LineSplitter(maxLineLength, counter);
  try {
    for await (const chunk of chunks) {
      if (!splitter.push(chunk)) break; // the counter hit an error: stop reading
    }
    if (!counter.stopped) splitter.end();
  } catch (err) {
    if (!(err instanceof CorruptGzipError)) throw err;
    counter.error(`the gzip data is corrupt or truncated (${err.message}); counted up to line ${fmt(counter.lines)}`);
  }
  return counter.result();
}

// ───────────────────────────── input ─────────────────────────────

/** Chunks pulled from the input ahead of the count: bounded, so memory is too. */
const READ_AHEAD_CHUNKS = 4;

/**
 * Pulls the input ahead of the consumer, up to READ_AHEAD_CHUNKS chunks. A file stream reads in
 * 64 KiB steps, each a round trip through libuv's thread pool; pulled one at a time, those round
 * trips add up (~0.1 s over 125 MB). Pulled ahead, the next read is under way while a chunk is
 * counted. The input is iterated by one loop only, so any AsyncIterable works — as long as it
 * does not reuse a chunk's memory for the next one (Node's file, zlib and HTTP streams do not).
 * When the consumer stops early, the pump stops at its next chunk and closes the input.
 */
async function* readAhead(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let finished = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  let wakeConsumer: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  const wake = (waiter: (() => void) | null) => waiter?.();

  void (async () => {
    try {
      for await (const chunk of input) {
        queue.push(chunk);
        wake(wakeConsumer);
        while (queue.length >= READ_AHEAD_CHUNKS && !stopped) await new Promise<void>((resolve) => (wakePump = resolve));
        if (stopped) break;
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      wake(wakeConsumer);
    }
  })();

  try {
    for (;;) {
      if (queue.length > 0) {
        const chunk = queue.shift()!;
        wake(wakePump);
        yield chunk;
      } else if (failure) {
        throw (failure as { error: unknown }).error;
      } else if (finished) {
        return;
      } else {
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    }
  } finally {
    stopped = true;
    wake(wakePump);
  }
}

const FILE_CHUNK_BYTES = 256 * 1024;

/**
 * A file's bytes in two alternating buffers: the next read runs (on libuv's thread pool) while
 * the consumer counts the chunk just yielded. Safe because countAccessLogChunks is done with a
 * chunk when it asks for the next one (the line splitter copies the piece of a line it carries
 * over, the counter the bytes it keeps), and the buffer refilled is the one before that.
 */
async function* alternatingReads(file: FileHandle): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafeSlow(FILE_CHUNK_BYTES), Buffer.allocUnsafeSlow(FILE_CHUNK_BYTES)];
  let next = file.read(buffers[0], 0, FILE_CHUNK_BYTES, null);
  try {
    for (let turn = 0; ; turn++) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      next = file.read(buffers[(turn + 1) % 2], 0, FILE_CHUNK_BYTES, null);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // Stopped early (an error in the log): the read under way must end before the file closes.
    await next.catch(() => undefined);
  }
}

// ───────────────────────────── gzip ─────────────────────────────

class CorruptGzipError extends Error {}

const toBuffer = (chunk: Uint8Array): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * Yields the input's bytes, gunzipped when it starts with the gzip magic bytes 1f 8b. Streams
 * through zlib (backpressure via pipeline); stopping early destroys zlib and the input.
 */
async function* decompressIfGzip(input: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const source = input[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  // The first chunk may be a single byte: read on until the magic bytes can be checked.
  while (head.length < 2) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = head.length === 0 ? toBuffer(next.value) : Buffer.concat([head, toBuffer(next.value)]);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let next = await source.next(); !next.done; next = await source.next()) yield toBuffer(next.value);
    } finally {
      await source.return?.();
    }
  }

  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* rest(); // plain text
    return;
  }
  // Bigger output chunks than zlib's 16 KiB default: fewer trips through the async iteration.
  // Its readable buffer lets zlib (on libuv's thread pool, so on the other core) inflate ahead.
  const gunzip = createGunzip({ chunkSize: 128 * 1024, readableHighWaterMark: 1 << 20 } as ZlibOptions);
  // Errors reach us through the iteration of `gunzip`, which pipeline destroys with them.
  pipeline(Readable.from(rest(), { objectMode: false }), gunzip, () => {});
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_")) throw new CorruptGzipError((err as Error).message);
    throw err;
  }
}

// ───────────────────────────── lines ─────────────────────────────

type LineSink = {
  /** Handles one line, bytes [start, end) of buf without the "\n"; false stops the reading. */
  line(buf: Buffer, start: number, end: number): boolean;
  /** The next line is longer than allowed: `bytes` long (or at least that, when not `exact`). */
  tooLong(bytes: number, exact: boolean): void;
};

/**
 * Cuts chunks into lines without copying, except for a line split across two chunks. Never
 * holds more than maxLineLength bytes: a longer line is measured (up to a bound) and reported.
 */
class LineSplitter {
  private carry: Buffer | null = null;
  /** Bytes seen so far of an over-long line, or -1. */
  private overLong = -1;

  constructor(
    private readonly max: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Buffer): boolean {
    let start = 0;
    if (this.overLong >= 0 || this.carry) {
      const newline = chunk.indexOf(10);
      if (newline < 0) return this.accumulate(chunk);
      if (this.overLong >= 0) return this.reportTooLong(this.overLong + newline, true);
      const carry = this.carry!;
      this.carry = null;
      if (carry.length + newline > this.max) return this.reportTooLong(carry.length + newline, true);
      const line = Buffer.concat([carry, chunk.subarray(0, newline)]);
      if (!this.sink.line(line, 0, line.length)) return false;
      start = newline + 1;
    }
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      if (newline - start > this.max) return this.reportTooLong(newline - start, true);
      if (!this.sink.line(chunk, start, newline)) return false;
      start = newline + 1;
    }
    return start < chunk.length ? this.accumulate(chunk.subarray(start)) : true;
  }

  /** End of input: the last line may lack its "\n". */
  end(): void {
    if (this.overLong >= 0) this.reportTooLong(this.overLong, true);
    else if (this.carry) this.sink.line(this.carry, 0, this.carry.length);
  }

  /** A piece with no "\n": part of a line that continues in the next chunk. */
  private accumulate(piece: Buffer): boolean {
    if (this.overLong >= 0) {
      this.overLong += piece.length;
      return this.overLong > this.max * LONG_LINE_MEASURE_FACTOR ? this.reportTooLong(this.overLong, false) : true;
    }
    const length = (this.carry?.length ?? 0) + piece.length;
    if (length > this.max) {
      // Stop holding the line; only count its bytes until its end shows up.
      this.carry = null;
      this.overLong = length;
      return true;
    }
    // A copy: the rest of the chunk is not held, and a producer may reuse its chunk buffers.
    this.carry = this.carry ? Buffer.concat([this.carry, piece]) : Buffer.from(piece);
    return true;
  }

  private reportTooLong(bytes: number, exact: boolean): false {
    this.sink.tooLong(bytes, exact);
    return false;
  }
}

// ───────────────────────────── one line ─────────────────────────────

const LineKind = {
  Request: 0,
  /** A log line whose request is "-", TLS junk or otherwise not an HTTP request line. */
  BadRequest: 1,
  NotALogLine: 2,
} as const;
type LineKind = (typeof LineKind)[keyof typeof LineKind];

const SPACE = 0x20;
const QUOTE = 0x22;

/**
 * Parses `host ident user [dd/Mon/yyyy:HH:MM:SS +zzzz] "METHOD target PROTOCOL" ...` by scanning
 * bytes. Results go to fields rather than a fresh object per line: this runs millions of times.
 */
class LogLineParser {
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

const KNOWN_METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "PROPFIND"];

/** The index of the method in KNOWN_METHODS, or -1: no string for the usual methods. */
function knownMethodId(buf: Buffer, start: number, end: number): number {
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
function quoteLine(buf: Buffer, start: number, end: number): string {
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

// ───────────────────────────── counting ─────────────────────────────

/** What a cached path resolves to: a route index ≥ 0, an unmatched-table slot, or untracked. */
const UNTRACKED = -1;
const slotCode = (slot: number) => -2 - slot;

class RequestCounter implements LineSink {
  lines = 0;
  stopped = false;
  private readonly matcher: RouteMatcher;
  private readonly parser = new LogLineParser();
  private readonly perRoute: Float64Array;
  private requests = 0;
  private matched = 0;
  private malformed = 0;
  private firstAt = Infinity;
  private lastAt = -Infinity;
  private readonly errors: ParseIssue[] = [];
  /** The first MAX_MALFORMED_WARNINGS malformed lines; dropped if the file is no log at all. */
  private readonly malformedWarnings: ParseIssue[] = [];

  /** (method, raw path bytes) → route index or unmatched code. */
  private readonly cache = new PathCache();
  private readonly visitor: RequestVisitor | null;
  private readonly request: CurrentRequest;

  private readonly unmatchedSlots = new Map<string, number>();
  private readonly unmatchedMethod: string[] = [];
  private readonly unmatchedPath: string[] = [];
  private readonly unmatchedCount: number[] = [];
  private unmatchedApproximate = false;

  /** Still looking for the first log line; the first line that failed, for the format error. */
  private probing = true;
  private probedLines = 0;
  private firstFailure: { line: number; quote: string } | null = null;
  private nonBlankLines = 0;

  constructor(
    routes: readonly RouteInput[],
    private readonly file: string,
    private readonly maxLineLength: number,
    private readonly topUnmatched: number,
    onRequest?: RequestVisitor,
  ) {
    this.matcher = compileRouteMatcher(routes);
    this.perRoute = new Float64Array(routes.length);
    this.visitor = onRequest ?? null;
    this.request = new CurrentRequest(this.parser);
  }

  line(buf: Buffer, start: number, end: number): boolean {
    const lineNo = ++this.lines;
    if (end > start && buf[end - 1] === 0x0d) end--; // CRLF
    if (isBlank(buf, start, end)) return true;
    this.nonBlankLines++;

    const parser = this.parser;
    const kind = parser.parse(buf, start, end);
    if (kind !== LineKind.NotALogLine) {
      this.probing = false;
      if (parser.time < this.firstAt) this.firstAt = parser.time;
      if (parser.time > this.lastAt) this.lastAt = parser.time;
    }
    if (kind === LineKind.Request) {
      this.countRequest(buf);
      return true;
    }
    this.malformed++;
    if (this.malformed <= MAX_MALFORMED_WARNINGS || this.probing) {
      const quote = quoteLine(buf, start, end);
      if (this.malformed <= MAX_MALFORMED_WARNINGS) {
        const what = kind === LineKind.BadRequest ? "has no valid HTTP request" : "is not an access-log line";
        const message = `line ${fmt(lineNo)} ${what}, counted as malformed: ${quote}`;
        this.malformedWarnings.push({ file: this.file, line: lineNo, message, severity: "warning" });
      }
      if (this.probing) return this.probeFailed(lineNo, quote);
    }
    return true;
  }

  tooLong(bytes: number, exact: boolean): void {
    const lineNo = this.lines + 1;
    const size = exact ? `${fmt(bytes)} bytes long` : `more than ${fmt(bytes)} bytes long`;
    this.error(`line ${fmt(lineNo)} is ${size}; an access log line is at most ${fmt(this.maxLineLength)} bytes — reading stopped there`, lineNo);
  }

  error(message: string, line?: number): void {
    this.errors.push({ file: this.file, ...(line !== undefined && { line }), message, severity: "error" });
    this.stopped = true;
  }

  private countRequest(buf: Buffer): void {
    const p = this.parser;
    const methodId = knownMethodId(buf, p.methodStart, p.methodEnd);
    let code: number;
    if (methodId >= 0) {
      const hash = p.pathHash ^ Math.imul(methodId + 1, 0x9e3779b1);
      code = this.cache.find(hash, methodId, buf, p.targetStart, p.pathEnd);
      if (code === MISSING) {
        code = this.resolve(KNOWN_METHODS[methodId], buf);
        this.cache.add(hash, methodId, buf, p.targetStart, p.pathEnd, code);
      }
    } else {
      // An unusual method (WebDAV, junk): rare, not worth a cache slot.
      code = this.resolve(buf.toString("latin1", p.methodStart, p.methodEnd), buf);
    }
    this.requests++;
    if (code >= 0) {
      this.perRoute[code]++;
      this.matched++;
    } else if (code !== UNTRACKED) {
      this.unmatchedCount[slotCode(code)]++;
    }
    if (this.visitor) {
      this.request.set(buf, methodId);
      this.visitor(code >= 0 ? code : -1, this.request);
    }
  }

  /**
   * A path not in the cache: match it, or find (or make) its unmatched-table slot. A plain path
   * is matched on the log's bytes; only escaped or absolute ones need a string first.
   */
  private resolve(method: string, buf: Buffer): number {
    const p = this.parser;
    let path: string | null = null;
    let index: number;
    if (p.pathIsPlain) {
      index = this.matcher.matchBytes(method, buf, p.targetStart, p.pathEnd);
    } else {
      path = normalizeRequestPath(this.rawPath(buf));
      index = this.matcher.match(method, path);
    }
    if (index >= 0) return index;
    path ??= normalizeRequestPath(this.rawPath(buf));
    const key = `${method} ${path}`;
    let slot = this.unmatchedSlots.get(key);
    if (slot === undefined) {
      if (this.unmatchedSlots.size >= MAX_UNMATCHED_PATHS) {
        this.unmatchedApproximate = true;
        return UNTRACKED;
      }
      slot = this.unmatchedCount.length;
      this.unmatchedSlots.set(key, slot);
      this.unmatchedMethod.push(method);
      this.unmatchedPath.push(path);
      this.unmatchedCount.push(0);
    }
    return slotCode(slot);
  }

  private rawPath(buf: Buffer): string {
    const p = this.parser;
    return buf.toString(p.pathIsAscii ? "latin1" : "utf8", p.targetStart, p.pathEnd);
  }

  /** No log line yet: after FORMAT_PROBE_LINES failures the file is taken for something else. */
  private probeFailed(lineNo: number, quote: string): boolean {
    this.firstFailure ??= { line: lineNo, quote };
    if (++this.probedLines < FORMAT_PROBE_LINES) return true;
    this.formatError();
    return false;
  }

  private formatError(): void {
    const { line, quote } = this.firstFailure!;
    const probed = this.probedLines;
    this.error(
      `line ${fmt(line)} is not an access-log line in Combined or Common Log Format: ${quote}; ` +
        `none of the first ${fmt(probed)} non-empty line${probed === 1 ? "" : "s"} is — is this really a web-server access log?`,
      line,
    );
  }

  /** The counts; the issues in this order: errors, malformed lines by line number, the rest. */
  result(): AccessLogCount {
    if (!this.stopped && this.nonBlankLines === 0) this.error(this.lines === 0 ? "the log is empty" : "the log has only blank lines");
    else if (!this.stopped && this.probing) this.formatError();
    // Not a log at all: one error says it; a warning for each of its lines would only bury it.
    const issues = [...this.errors, ...(this.probing ? [] : this.malformedWarnings)];
    if (this.malformed > MAX_MALFORMED_WARNINGS && !this.probing) {
      issues.push({
        file: this.file,
        message: `${fmt(this.malformed - MAX_MALFORMED_WARNINGS)} more malformed lines not listed (${fmt(this.malformed)} in all)`,
        severity: "warning",
      });
    }
    if (this.unmatchedApproximate) {
      issues.push({
        file: this.file,
        message: `more than ${fmt(MAX_UNMATCHED_PATHS)} distinct unmatched paths: unmatched path counts are approximate (paths first seen after that are not listed)`,
        severity: "warning",
      });
    }
    return {
      lines: this.lines,
      requests: this.requests,
      matched: this.matched,
      perRoute: Array.from(this.perRoute),
      unmatched: this.topUnmatchedPaths(),
      firstAt: this.firstAt === Infinity ? null : new Date(this.firstAt),
      lastAt: this.lastAt === -Infinity ? null : new Date(this.lastAt),
      malformed: this.malformed,
      issues,
    };
  }

  private topUnmatchedPaths(): UnmatchedPath[] {
    const slots = this.unmatchedCount.map((_, slot) => slot);
    // Most requested first; ties by path then method so the list is stable across runs.
    slots.sort(
      (a, b) =>
        this.unmatchedCount[b] - this.unmatchedCount[a] ||
        compare(this.unmatchedPath[a], this.unmatchedPath[b]) ||
        compare(this.unmatchedMethod[a], this.unmatchedMethod[b]),
    );
    return slots.slice(0, this.topUnmatched).map((slot) => ({
      method: this.unmatchedMethod[slot],
      path: this.unmatchedPath[slot],
      count: this.unmatchedCount[slot],
    }));
  }
}

/** The line being counted, as a visitor sees it: strings only when asked for. */
class CurrentRequest implements LoggedRequest {
  private buf: Buffer = Buffer.alloc(0);
  private methodId = -1;
  constructor(private readonly parser: LogLineParser) {}

  set(buf: Buffer, methodId: number): void {
    this.buf = buf;
    this.methodId = methodId;
  }

  method(): string {
    const p = this.parser;
    return this.methodId >= 0 ? KNOWN_METHODS[this.methodId] : this.buf.toString("latin1", p.methodStart, p.methodEnd);
  }

  target(): string {
    const p = this.parser;
    return this.buf.toString("utf8", p.targetStart, p.targetEnd);
  }
}

const MISSING = -0x80000000;

/**
 * The bounded path → route cache, as an open-addressing hash table over the request's bytes
 * rather than a Map<string, number>: most requests repeat a path already seen, and then the
 * answer comes without creating a string (the hash was computed while scanning the line). The
 * keys are copied into one byte arena, not kept as strings, so the garbage collector never has
 * to move them. When full (half the slots, or the arena) it is emptied and refills: cheaper than
 * an LRU, and the hot paths come back at once.
 */
class PathCache {
  private static readonly SLOTS = 1 << 18; // 262,144 slots: at most 131,072 paths
  private static readonly ARENA_BYTES = 8 << 20;
  private readonly mask = PathCache.SLOTS - 1;
  /** 0 marks an empty slot (a zero hash is stored as 1). */
  private readonly hashes = new Int32Array(PathCache.SLOTS);
  private readonly methods = new Uint8Array(PathCache.SLOTS);
  private readonly values = new Int32Array(PathCache.SLOTS);
  private readonly offsets = new Int32Array(PathCache.SLOTS);
  private readonly lengths = new Int32Array(PathCache.SLOTS);
  private readonly arena = Buffer.allocUnsafe(PathCache.ARENA_BYTES);
  private arenaUsed = 0;
  private size = 0;

  /** The cached value for the method and buf[start, end), or MISSING. */
  find(hash: number, methodId: number, buf: Buffer, start: number, end: number): number {
    const h = hash | 0 || 1;
    const length = end - start;
    for (let slot = h & this.mask; this.hashes[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.hashes[slot] === h && this.lengths[slot] === length && this.methods[slot] === methodId && this.sameBytes(this.offsets[slot], buf, start, length)) {
        return this.values[slot];
      }
    }
    return MISSING;
  }

  add(hash: number, methodId: number, buf: Buffer, start: number, end: number, value: number): void {
    const length = end - start;
    if (length > PathCache.ARENA_BYTES >> 4) return; // a freak path is not worth evicting for
    if (++this.size > PathCache.SLOTS >> 1 || this.arenaUsed + length > PathCache.ARENA_BYTES) this.clear();
    const h = hash | 0 || 1;
    let slot = h & this.mask;
    while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
    this.hashes[slot] = h;
    this.methods[slot] = methodId;
    this.values[slot] = value;
    this.offsets[slot] = this.arenaUsed;
    this.lengths[slot] = length;
    // A loop, not buf.copy: for a few dozen bytes the native call costs more than the copy.
    const arena = this.arena;
    for (let i = 0, at = this.arenaUsed; i < length; i++) arena[at + i] = buf[start + i];
    this.arenaUsed += length;
  }

  private sameBytes(offset: number, buf: Buffer, start: number, length: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (arena[offset + i] !== buf[start + i]) return false;
    return true;
  }

  private clear(): void {
    this.hashes.fill(0);
    this.arenaUsed = 0;
    this.size = 1;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== SPACE && buf[i] !== 0x09) return false;
  return true;
}
