import { compileRouteMatcher, type RouteInput, type RouteMatcher } from "../route-matcher";
import type { ParseIssue } from "../types";
import type { AccessLogCount, LoggedRequest, RequestVisitor, UnmatchedPath } from "./types";
import type { LineSink } from "./lines";
import { FORMAT_PROBE_LINES, MAX_MALFORMED_WARNINGS, MAX_UNMATCHED_PATHS } from "./limits";
import { KNOWN_METHODS, knownMethodId, LineKind, LogLineParser, normalizeRequestPath, quoteLine, SPACE } from "./log-line";

const fmt = (n: number) => n.toLocaleString("en-US");

/** What a cached path resolves to: a route index ≥ 0, an unmatched-table slot, or untracked. */
const UNTRACKED = -1;
const slotCode = (slot: number) => -2 - slot;

export class RequestCounter implements LineSink {
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

  /**
   * FNV-1a over the target's bytes, mixed with its length. The parser already hashed the path
   * the same way while scanning the line, so only the query is read again.
   */
  targetHash(): number {
    const p = this.parser;
    const buf = this.buf;
    let h = p.pathHash;
    for (let i = p.pathEnd; i < p.targetEnd; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    return (h ^ Math.imul(p.targetEnd - p.targetStart, 0x9e3779b1)) | 0;
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
      if (
        this.hashes[slot] === h &&
        this.lengths[slot] === length &&
        this.methods[slot] === methodId &&
        this.sameBytes(this.offsets[slot], buf, start, length)
      ) {
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
