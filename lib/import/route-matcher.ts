// Over 400 lines: one compiled matcher (build, then match) whose index structures are private to it.
/**
 * Matches request paths against an inventory of CANONICAL ROUTE PATTERNS (see ./types.ts).
 *
 * The inventory can hold 5,000–50,000 routes and an access-log import asks millions of times,
 * so patterns are compiled into a segment trie: one node per path prefix, a Map for the literal
 * children and a short list of parameter children ordered by specificity. Backtracking only
 * happens when a more specific branch dead-ends (e.g. `/user/settings` exists for POST only, so
 * GET /user/settings falls back to `/user/<id>`), as Werkzeug/Django-style routers resolve it.
 *
 * The trie works on the path's UTF-8 bytes, not on a string: the access-log counter hands it a
 * slice of the log buffer, and one pass over each segment yields both its hash (the key of the
 * literal children) and its character classes (what the converters test), so a match allocates
 * nothing — a third of a big log's paths can be new to the counter's cache, each one a match.
 *
 * Precedence, at every segment: literal > int > float > uuid > mixed segment (`v<int:n>.json`)
 * > slug > string/untyped > path. At the end of the path: the request's own method > (for HEAD)
 * GET > ANY. Regex patterns ("^/...") are tried only after the trie fails, in inventory order
 * (routes sharing one pattern choose by method the same way).
 */

export type RouteInput = { method: string; path: string };

export type RouteMatcher = {
  /** Index of the matching route in the inventory, or -1. `path` is decoded, without query string. */
  match(method: string, path: string): number;
  /** The same for a decoded path given as UTF-8 bytes buf[start, end): no string is created. */
  matchBytes(method: string, buf: Buffer, start: number, end: number): number;
  /** Indexes of routes that could not be compiled (an invalid regex): they never match. */
  readonly unusable: readonly number[];
};

const ANY = "ANY";
const SLASH = 0x2f;

/** Single-segment converters; the value is the precedence (a lower one is tried first). */
const RANK = { int: 0, float: 1, uuid: 2, mixed: 3, slug: 4, string: 5 } as const;
type ParamKind = keyof typeof RANK;

type ParamEdge = { rank: number; /** mixed segments only */ re: RegExp | null; key: string; node: TrieNode };

class TrieNode {
  /** Literal children by segment hash; children whose hashes collide are chained. */
  literals: Map<number, TrieNode> | null = null;
  /**
   * This node's own literal segment, to confirm a hash hit: its UTF-8 bytes held as a latin1
   * string (one char per byte), compared in place, without a Buffer's extra indirection.
   */
  literal = "";
  sameHash: TrieNode | null = null;
  /** Single-segment parameter children, sorted by rank. */
  params: ParamEdge[] = [];
  /** The `<path:...>` child: consumes one or more segments. */
  rest: TrieNode | null = null;
  /** Method → route index, for routes ending at this node. */
  handlers: Map<string, number> | null = null;
}

/**
 * The routes sharing one regex pattern, by method, as at a trie node. `prefix` is the literal
 * text every match starts with ("/archive/" for `^/archive/(?P<y>[0-9]{4})/$`): a path without
 * it is skipped without building a string or running the regex — most paths that reach the
 * regexes are unmatched scanner noise (/wp-login.php), which would otherwise try them all.
 */
type RegexRoute = { re: RegExp; prefix: string; handlers: Map<string, number> };

/** `<name>` or `<converter:name>` filling a whole segment. */
const WHOLE_PARAM = /^<(?:([A-Za-z_][A-Za-z0-9_]*):)?([A-Za-z_][A-Za-z0-9_]*)>$/;
/** Parameters embedded anywhere in a segment. */
const EMBEDDED_PARAM = /<(?:([A-Za-z_][A-Za-z0-9_]*):)?([A-Za-z_][A-Za-z0-9_]*)>/g;

/**
 * Regex sources of the converters, for mixed segments and whole-pattern regex fallbacks; the
 * routing export (lib/cutover/routing/matchers.ts) writes the same classes into proxy configs.
 */
export const CONVERTER_SOURCE: Readonly<Record<string, string>> = {
  int: "[0-9]+",
  float: "[0-9]+(?:\\.[0-9]+)?",
  uuid: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
  slug: "[A-Za-z0-9_-]+",
  string: "[^/]+",
  // Only reached through patternToRegex (a `<path:...>` inside a mixed segment).
  path: "[^/].*",
};

export function compileRouteMatcher(routes: readonly RouteInput[]): RouteMatcher {
  const root = new TrieNode();
  const regexBySource = new Map<string, RegexRoute>();
  const unusable: number[] = [];
  const addRegex = (source: string, re: RegExp, method: string, index: number) => {
    let route = regexBySource.get(source);
    if (!route) regexBySource.set(source, (route = { re, prefix: literalPrefix(source), handlers: new Map() }));
    if (!route.handlers.has(method)) route.handlers.set(method, index);
  };

  routes.forEach((route, index) => {
    const method = route.method.toUpperCase();
    if (route.path.startsWith("^/")) {
      const re = compilePythonRegex(route.path);
      if (re) addRegex(route.path, re, method, index);
      else unusable.push(index);
      return;
    }
    const segments = splitPattern(route.path);
    // A segment like `<path:p>.json` cannot live in the trie (the path converter spans segments
    // but the literal suffix ties it to one): compile the whole pattern as a regex instead.
    if (segments.some((s) => s.includes("<path:") && !WHOLE_PARAM.test(s))) {
      const re = patternToRegex(segments);
      addRegex(re.source, re, method, index);
      return;
    }
    insert(root, segments, method, index);
  });
  // In inventory order (of each pattern's first route).
  const regexRoutes = [...regexBySource.values()];

  /** Core: buf[start, end) is the path; `text` is the same path as a string when the caller has it. */
  const matchPath = (method: string, buf: Buffer, start: number, end: number, text: string | null): number => {
    if (end <= start || buf[start] !== SLASH) return -1;
    if (end - start > 1 && buf[end - 1] === SLASH) end--; // a trailing slash is ignored
    // The first segment starts after the leading "/"; the root path "/" has none (-1).
    const found = walk(root, buf, end - start > 1 ? start + 1 : -1, end, method);
    if (found >= 0) return found;
    return matchRegex(regexRoutes, buf, start, end, text, method);
  };

  let scratch = Buffer.allocUnsafe(4096);
  return {
    unusable,
    matchBytes: (method, buf, start, end) => matchPath(method, buf, start, end, null),
    match(method, path) {
      const length = Buffer.byteLength(path);
      if (length > scratch.length) scratch = Buffer.allocUnsafe(length * 2);
      scratch.write(path, 0, "utf8");
      return matchPath(method, scratch, 0, length, path);
    },
  };
}

// ───────────────────────────── compiling ─────────────────────────────

/** "/a/<int:id>/" → ["a", "<int:id>"]; "/" → []. Tolerates a missing leading slash. */
function splitPattern(pattern: string): string[] {
  const trimmed = pattern.replace(/^\/+/, "").replace(/\/+$/, "");
  return trimmed === "" ? [] : trimmed.split("/");
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function insert(root: TrieNode, segments: string[], method: string, index: number): void {
  let node = root;
  for (const segment of segments) node = childFor(node, segment);
  node.handlers ??= new Map();
  // The first route in the inventory wins when the same method + pattern is listed twice.
  if (!node.handlers.has(method)) node.handlers.set(method, index);
}

function childFor(node: TrieNode, segment: string): TrieNode {
  const whole = WHOLE_PARAM.exec(segment);
  if (whole) {
    const converter = whole[1] ?? "string";
    if (converter === "path") return (node.rest ??= new TrieNode());
    // An unknown converter name is treated as untyped rather than dropping the route.
    const kind: ParamKind = Object.hasOwn(RANK, converter) && converter !== "mixed" ? (converter as ParamKind) : "string";
    return paramChild(node, kind, kind, null);
  }
  if (segment.includes("<")) {
    const source = mixedSegmentSource(segment);
    if (source) return paramChild(node, "mixed", source, new RegExp(`^${source}$`));
  }
  return literalChild(node, segment);
}

function literalChild(node: TrieNode, segment: string): TrieNode {
  const bytes = Buffer.from(segment, "utf8");
  const hash = hashBytes(bytes, 0, bytes.length);
  node.literals ??= new Map();
  const literal = bytes.toString("latin1");
  const child = node.literals.get(hash) ?? null;
  for (let c: TrieNode | null = child; c; c = c.sameHash) if (c.literal === literal) return c;
  const created = new TrieNode();
  created.literal = literal;
  created.sameHash = child;
  node.literals.set(hash, created);
  return created;
}

/** The existing parameter child of that kind (names do not matter for matching), or a new one. */
function paramChild(node: TrieNode, kind: ParamKind, key: string, re: RegExp | null): TrieNode {
  const existing = node.params.find((p) => p.key === key);
  if (existing) return existing.node;
  const edge: ParamEdge = { rank: RANK[kind], key, re, node: new TrieNode() };
  node.params.push(edge);
  // Stable sort: mixed segments keep their inventory order among themselves.
  node.params.sort((a, b) => a.rank - b.rank);
  return edge.node;
}

/** `v<int:n>.json` → `v(?:[0-9]+)\.json`; null when the segment holds no parameter after all. */
function mixedSegmentSource(segment: string): string | null {
  let source = "";
  let last = 0;
  for (const m of segment.matchAll(EMBEDDED_PARAM)) {
    source += escapeRegex(segment.slice(last, m.index)) + `(?:${CONVERTER_SOURCE[m[1] ?? "string"] ?? CONVERTER_SOURCE.string})`;
    last = m.index! + m[0].length;
  }
  return last === 0 ? null : source + escapeRegex(segment.slice(last));
}

function patternToRegex(segments: string[]): RegExp {
  const body = segments.map((s) => "/" + (mixedSegmentSource(s) ?? escapeRegex(s))).join("");
  return new RegExp(`^${body || "/"}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Python (Django `re_path`) regex syntax → JavaScript: named groups `(?P<n>…)`, back-references
 * `(?P=n)`, and the `\A` / `\Z` anchors. Returns null when the result is still not valid.
 */
function compilePythonRegex(source: string): RegExp | null {
  const js = source
    .replace(/\(\?P</g, "(?<")
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, "\\k<$1>")
    .replace(/\\A/g, "^")
    .replace(/\\Z/g, "$");
  try {
    return new RegExp(js);
  } catch {
    return null;
  }
}

// ───────────────────────────── matching ─────────────────────────────

/** FNV-1a, kept in the small-integer range so Map keys stay unboxed. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i], 0x01000193);
  return hash & 0x3fffffff;
}

/** Character classes, one bit each, that the converters need. */
const DIGIT = 1;
const SLUG_CHAR = 2;
const FLOAT_CHAR = 4;
const CHAR_CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  if (/[0-9]/.test(ch)) CHAR_CLASS[c] |= DIGIT | FLOAT_CHAR;
  if (/[A-Za-z0-9_-]/.test(ch)) CHAR_CLASS[c] |= SLUG_CHAR;
  if (ch === ".") CHAR_CLASS[c] |= FLOAT_CHAR;
}

/**
 * Walks the trie from `node`; `pos` is where the next segment starts in buf (-1: the path is
 * consumed), `end` where the path ends. Children in precedence order, backtracking on failure.
 */
function walk(node: TrieNode, buf: Buffer, pos: number, end: number, method: string): number {
  if (pos < 0) return node.handlers ? resolveMethod(node.handlers, method) : -1;

  // One pass over the segment: its hash, the classes all its bytes share, its dots.
  let hash = 0x811c9dc5;
  let classes = DIGIT | SLUG_CHAR | FLOAT_CHAR;
  let dots = 0;
  let i = pos;
  for (; i < end; i++) {
    const c = buf[i];
    if (c === SLASH) break;
    hash = Math.imul(hash ^ c, 0x01000193);
    classes &= CHAR_CLASS[c];
    if (c === 0x2e) dots++;
  }
  if (i === pos) return -1; // an empty segment ("//") matches nothing
  const segEnd = i;
  const next = i < end ? i + 1 : -1;

  for (let child = node.literals?.get(hash & 0x3fffffff) ?? null; child; child = child.sameHash) {
    if (!sameBytes(child.literal, buf, pos, segEnd)) continue;
    const found = walk(child, buf, next, end, method);
    if (found >= 0) return found;
    break;
  }
  const params = node.params;
  for (let k = 0; k < params.length; k++) {
    const edge = params[k];
    if (!accepts(edge, classes, dots, buf, pos, segEnd)) continue;
    const found = walk(edge.node, buf, next, end, method);
    if (found >= 0) return found;
  }
  return node.rest ? walkRest(node.rest, buf, pos, end, method) : -1;
}

function accepts(edge: ParamEdge, classes: number, dots: number, buf: Buffer, start: number, end: number): boolean {
  switch (edge.rank) {
    case RANK.int:
      return (classes & DIGIT) !== 0;
    case RANK.float:
      // digits, or digits "." digits
      return (classes & FLOAT_CHAR) !== 0 && (dots === 0 || (dots === 1 && buf[start] !== 0x2e && buf[end - 1] !== 0x2e));
    case RANK.uuid:
      return end - start === 36 && isUuid(buf, start);
    case RANK.slug:
      return (classes & SLUG_CHAR) !== 0;
    case RANK.mixed:
      return edge.re!.test(buf.toString("utf8", start, end));
    default:
      return true; // string: one non-empty segment, which it is
  }
}

/** 8-4-4-4-12 hex digits at buf[start]. */
function isUuid(buf: Buffer, start: number): boolean {
  for (let i = 0; i < 36; i++) {
    const c = buf[start + i];
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) {
      return false;
    }
  }
  return true;
}

function sameBytes(literal: string, buf: Buffer, start: number, end: number): boolean {
  if (literal.length !== end - start) return false;
  for (let i = 0; i < literal.length; i++) if (literal.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

/** The path converter: greedy, so it first takes every remaining segment, then gives some back. */
function walkRest(node: TrieNode, buf: Buffer, pos: number, end: number, method: string): number {
  const whole = walk(node, buf, -1, end, method);
  if (whole >= 0) return whole;
  // Only patterns with segments after the `<path:...>` (rare) need the backtracking.
  if (!node.literals && node.params.length === 0 && !node.rest) return -1;
  for (let slash = end - 1; slash > pos; slash--) {
    if (buf[slash] !== SLASH) continue;
    const found = walk(node, buf, slash + 1, end, method);
    if (found >= 0) return found;
  }
  return -1;
}

function resolveMethod(handlers: Map<string, number>, method: string): number {
  const exact = handlers.get(method);
  if (exact !== undefined) return exact;
  if (method === "HEAD") {
    const get = handlers.get("GET");
    if (get !== undefined) return get;
  }
  return handlers.get(ANY) ?? -1;
}

/**
 * Regex patterns in inventory order: the first that matches and has a route for the method
 * (chosen as at a trie node: exact, HEAD→GET, ANY). Django patterns often end in "/$" while the
 * request's trailing slash was dropped, so a path that fails is retried with one.
 */
function matchRegex(regexRoutes: RegexRoute[], buf: Buffer, start: number, end: number, text: string | null, method: string): number {
  let path: string | null = null;
  let withSlash: string | null = null;
  for (const route of regexRoutes) {
    if (!startsWithPrefix(buf, start, end, route.prefix)) continue;
    const index = resolveMethod(route.handlers, method);
    if (index < 0) continue;
    if (path === null) {
      path = stripTrailingSlash(text ?? buf.toString("utf8", start, end));
      withSlash = path === "/" ? path : path + "/";
    }
    if (route.re.test(path) || route.re.test(withSlash!)) return index;
  }
  return -1;
}

/** buf[start, end) — or it plus the trailing slash that was dropped — starts with the prefix. */
function startsWithPrefix(buf: Buffer, start: number, end: number, prefix: string): boolean {
  const length = end - start;
  if (prefix.length > length + 1) return false;
  const n = Math.min(prefix.length, length);
  for (let i = 0; i < n; i++) if (prefix.charCodeAt(i) !== buf[start + i]) return false;
  return prefix.length <= length || prefix.charCodeAt(length) === SLASH;
}

/**
 * The literal text (as UTF-8 bytes in a latin1 string) that every match of `^…` starts with: the
 * characters up to the first special one. A character made optional by a following ?, * or {
 * is left out; an alternation outside any group (`^/a|^/b`) means no usable prefix at all.
 */
export function literalPrefix(source: string): string {
  if (!source.startsWith("^") || hasTopLevelAlternation(source)) return "";
  let prefix = "";
  for (let i = 1; i < source.length; i++) {
    let ch = source[i];
    let width = 1;
    if (ch === "\\") {
      const escaped = source[i + 1] ?? "";
      if (escaped === "" || /[A-Za-z0-9]/.test(escaped)) break; // \d, \w, \b…: not one character
      ch = escaped;
      width = 2;
    } else if (".^$*+?()[]{}|".includes(ch)) {
      break;
    }
    const next = source[i + width] ?? "";
    if (next === "?" || next === "*" || next === "{") break;
    prefix += ch;
    if (next === "+") break;
    i += width - 1;
  }
  return Buffer.from(prefix, "utf8").toString("latin1");
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) return true;
  }
  return false;
}
