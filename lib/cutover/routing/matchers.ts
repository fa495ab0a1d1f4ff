import { CONVERTER_SOURCE } from "@/lib/import/route-matcher";
import { sortUnexpressed } from "./common";
import type { LedgerRoute, RouteState, RoutingLedger, Unexpressed } from "./types";

/**
 * Route patterns → proxy matchers, pure.
 *
 * Every proxy here picks the FIRST matching entry of an ordered list (nginx's map regexes, HAProxy's
 * map_reg, Apache's rules, Envoy's routes, Traefik's priorities), while Waypoint's own matcher
 * (`lib/import/route-matcher.ts`) walks a segment trie: at each segment a literal before int before
 * float before uuid before a mixed segment before slug before an untyped parameter before `path`,
 * backtracking when a branch dead-ends, and at the end the request's own method before (for HEAD)
 * GET before ANY. Sorting the routes by the rank of each segment, left to right, reproduces that
 * walk as a list: the trie's depth-first search visits patterns in exactly that order. Regular-
 * expression patterns come after every canonical one, as the trie tries them only when it fails.
 *
 * So a proxy routes a path the way the inventory counted it. The unit tests check the two agree.
 */

/** A route ready for the generators, in matching order. */
export type ResolvedRoute = {
  routeId: string;
  /** As the ledger says: GET, POST, … or ANY. */
  method: string;
  /** The methods the route answers, null for any. A GET route answers HEAD too, as the matcher resolves it. */
  methods: string[] | null;
  pattern: string;
  state: RouteState;
  /**
   * The anchored regular expression of the path, e.g. `^/user/[0-9]+/?$`, in the syntax PCRE (nginx,
   * HAProxy, Apache) and RE2 (Envoy, Traefik) share. Literal characters other than letters, digits,
   * `/`, `_`, `-` and `~` are escaped (`\.`, `\x3b`), so no regex holds a quote, brace or
   * semicolon that a configuration syntax could take for its own.
   */
  pathRegex: string;
  /** The same, after the method: `^(?:GET|HEAD):/user/[0-9]+/?$`, for keys of the form "$method:$path". */
  keyRegex: string;
  /** Parameterless canonical patterns: the exact paths matched ("/about" and "/about/"), the fast path. */
  exactPaths: string[] | null;
  /** Set for a regex pattern that uses PCRE features RE2 lacks (look-around, atomic groups…). */
  pcreOnly: string | null;
};

export type Resolution = { routes: ResolvedRoute[]; unexpressed: Unexpressed[] };

/** Converter → regex source (`path` spans segments): the classes the import's matcher uses. */
const CONVERTER = CONVERTER_SOURCE;

/** Segment ranks, the route matcher's precedence (lower is tried first). */
const RANK = { literal: "a", int: "b", float: "c", uuid: "d", mixed: "e", slug: "f", string: "g", path: "h" } as const;
/** Sorts after every rank, so that of two patterns where one extends the other, the longer comes first. */
const END = "z";
/** Sorts before every rank: see compileCanonical. */
const END_AFTER_PATH = "0";

const WHOLE_PARAM = /^<(?:([A-Za-z_][A-Za-z0-9_]*):)?([A-Za-z_][A-Za-z0-9_]*)>$/;
const EMBEDDED_PARAM = /<(?:([A-Za-z_][A-Za-z0-9_]*):)?([A-Za-z_][A-Za-z0-9_]*)>/g;
/**
 * Characters a literal segment may hold: RFC 3986 path characters (unreserved, sub-delims, ":", "@")
 * plus "%" and any non-ASCII letter. Quotes, braces, backslashes, "#", "|", "^" and backticks are
 * not path characters and would mean something to some configuration syntax: such a route is reported.
 */
const LITERAL_CHARACTER = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]$|^[^\x00-\x7f]$/u;
/** In a regex source: printable ASCII except quotes and backticks, or any non-ASCII character. */
const REGEX_CHARACTER = /^[!#-&(-_a-~]$|^[^\x00-\x7f]$/u;

type Compiled = { pathBody: string; rankKey: string; exact: string | null; pcreOnly: string | null } | { reason: string };

export function resolveRoutes(ledger: RoutingLedger): Resolution {
  const unexpressed: Unexpressed[] = [];
  const entries: { route: LedgerRoute; compiled: Exclude<Compiled, { reason: string }>; sortKey: string }[] = [];
  for (const route of ledger.routes) {
    const compiled = route.pattern.startsWith("^") ? compileRegexSource(route.pattern) : compileCanonical(route.pattern);
    if ("reason" in compiled) {
      unexpressed.push({ routeId: route.id, pattern: route.pattern, reason: compiled.reason, fallback: leftOut(ledger) });
      continue;
    }
    // One string to sort by — rank, pattern, method, id — each part ended by a character that
    // sorts before any it may hold, so the comparison is part by part. (One flat string per route
    // compares much faster than four comparisons per pair at 50,000 routes.)
    entries.push({ route, compiled, sortKey: `${compiled.rankKey}\u0001${route.pattern}\u0001${methodRank(route.method)}\u0001${route.id}` });
  }

  entries.sort((a, b) => compare(a.sortKey, b.sortKey));

  const routes: ResolvedRoute[] = [];
  // Method → path body → the first route's id.
  const seen = new Map<string, Map<string, string>>();
  // Shared per method: routes of one method get the same array and method regex.
  const methodInfo = new Map<string, { methods: string[] | null; regex: string }>();
  for (const { route, compiled } of entries) {
    let info = methodInfo.get(route.method);
    if (!info) {
      const methods = route.method === "ANY" ? null : route.method === "GET" ? ["GET", "HEAD"] : [route.method];
      methodInfo.set(route.method, (info = { methods, regex: methodsRegex(methods) }));
    }
    // `/user/<id>` and `/user/<name>` are one matcher: the second can never be reached.
    let bodies = seen.get(route.method);
    if (!bodies) seen.set(route.method, (bodies = new Map()));
    const first = bodies.get(compiled.pathBody);
    if (first !== undefined) {
      unexpressed.push({
        routeId: route.id,
        pattern: route.pattern,
        reason: `the same method and pattern as route ${first}`,
        fallback: `route ${first} decides`,
      });
      continue;
    }
    bodies.set(compiled.pathBody, route.id);
    routes.push({
      routeId: route.id,
      method: route.method,
      methods: info.methods,
      pattern: route.pattern,
      state: route.state,
      pathRegex: `^${compiled.pathBody}`,
      keyRegex: `^${info.regex}:${compiled.pathBody}`,
      exactPaths: compiled.exact === null ? null : compiled.exact === "/" ? ["/"] : [compiled.exact, `${compiled.exact}/`],
      pcreOnly: compiled.pcreOnly,
    });
  }
  return { routes, unexpressed: sortUnexpressed(unexpressed) };
}

/** What serves a route that is left out: a less specific route that matches its paths, else the catch-all. */
export function leftOut(ledger: RoutingLedger): string {
  return `left out: a less specific route, else the catch-all (${ledger.legacyRetired ? "new" : "legacy"}), serves its requests`;
}

export function methodsRegex(methods: string[] | null): string {
  if (methods === null) return "[^:]+";
  return methods.length === 1 ? methods[0] : `(?:${methods.join("|")})`;
}

/** A specific method before GET (which also answers HEAD) before ANY; alphabetical among the specific. */
function methodRank(method: string): string {
  return method === "ANY" ? `2` : method === "GET" ? `1` : `0${method}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ───────────────────────────── canonical patterns ─────────────────────────────

/** "/user/<int:id>" → `/user/[0-9]+/?$` with its rank key; the trailing slash of a request is optional, as in the matcher. */
export function compileCanonical(pattern: string): Compiled {
  let from = 0;
  let to = pattern.length;
  while (from < to && pattern.charCodeAt(from) === 0x2f) from++;
  while (to > from && pattern.charCodeAt(to - 1) === 0x2f) to--;
  if (from === to) return { pathBody: "/$", rankKey: END, exact: "/", pcreOnly: null };
  const trimmed = pattern.slice(from, to);
  const segments = trimmed.split("/");
  let body = "";
  let rankKey = "";
  let parameterless = true;
  for (const segment of segments) {
    if (segment === "") return { reason: "an empty segment (//)" };
    if (!segment.includes("<")) {
      const literal = escapeLiteral(segment);
      if (typeof literal !== "string") return literal;
      body += "/" + literal;
      rankKey += RANK.literal;
      continue;
    }
    const whole = WHOLE_PARAM.exec(segment);
    if (whole) {
      parameterless = false;
      // An unknown converter is untyped, as the matcher treats it.
      const converter = whole[1] !== undefined && Object.hasOwn(CONVERTER, whole[1]) ? whole[1] : "string";
      body += "/" + CONVERTER[converter];
      rankKey += RANK[converter as keyof typeof RANK];
      continue;
    }
    let last = 0;
    let source = "";
    for (const m of segment.matchAll(EMBEDDED_PARAM)) {
      const literal = escapeLiteral(segment.slice(last, m.index));
      if (typeof literal !== "string") return literal;
      source += `${literal}(?:${CONVERTER[m[1] ?? "string"] ?? CONVERTER.string})`;
      last = m.index + m[0].length;
    }
    const rest = escapeLiteral(segment.slice(last));
    if (typeof rest !== "string") return rest;
    if (last > 0) parameterless = false;
    body += "/" + source + rest;
    rankKey += last > 0 ? RANK.mixed : RANK.literal;
  }
  // After a `<path:…>` the matcher first lets the path take everything, so there a pattern that
  // ends sorts before one that goes on. (Among patterns going on after it, the matcher prefers the
  // shortest continuation; such overlapping patterns are rare and keep the segment order here.)
  const end = rankKey.endsWith(RANK.path) ? END_AFTER_PATH : END;
  return { pathBody: `${body}/?$`, rankKey: rankKey + end, exact: parameterless ? "/" + trimmed : null, pcreOnly: null };
}

/** A literal piece of a segment as regex source: "." → "\.", other punctuation → "\xHH". */
const PLAIN_LITERAL = /^[A-Za-z0-9_~-]*$/;

function escapeLiteral(text: string): string | { reason: string } {
  if (PLAIN_LITERAL.test(text)) return text; // the common case, without a look at each character
  let out = "";
  for (const ch of text) {
    if (!LITERAL_CHARACTER.test(ch)) {
      return {
        reason:
          ch === "<" || ch === ">"
            ? "a malformed parameter (use <name> or <converter:name>)"
            : `a character that is not allowed in a path pattern (${codePoint(ch)})`,
      };
    }
    if (/[A-Za-z0-9/_~-]/.test(ch) || ch.charCodeAt(0) > 0x7f) out += ch;
    else if (ch === ".") out += "\\.";
    else out += "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0");
  }
  return out;
}

export function codePoint(ch: string): string {
  return "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

// ───────────────────────────── regular-expression patterns ─────────────────────────────

/** Rank key of regex patterns: after every canonical pattern (whose keys are made of a–h and z). */
const REGEX_RANK = "~";

/**
 * A Django `re_path` source (Python syntax, starting "^/") → a regex both PCRE and RE2 read, where
 * it can: named groups become plain groups (nothing uses the captures, and nginx would turn a
 * named capture into a variable of that name), `\A`/`\Z` become `^`/`$`. Back-references and an
 * anchor in the middle cannot follow a method prefix, so such patterns are reported.
 */
export function compileRegexSource(source: string): Compiled {
  if (!source.startsWith("^/")) return { reason: 'a regular expression must start with "^/"' };
  for (const ch of source) if (!REGEX_CHARACTER.test(ch)) return { reason: `a character that cannot be written into a proxy configuration (${codePoint(ch)})` };
  if (source.includes("${")) return { reason: 'the sequence "${", which configuration files read as a variable' };

  let out = "";
  let pcreOnly: string | null = null;
  let depth = 0;
  let topLevelAlternation = false;
  let inClass = false;
  for (let i = 1; i < source.length; i++) {
    const ch = source[i];
    const rest = source.slice(i);
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined) return { reason: "a regular expression ending in a backslash" };
      if (!inClass && /[1-9]/.test(next)) return { reason: "a back-reference, which the proxies' matchers do not share" };
      if (!inClass && next === "A") out += "^";
      else if (!inClass && next === "Z") out += "$";
      else out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      // A "]" right after "[" or "[^" is a literal member, not the end.
      const lead = /^\[\^?\]/.exec(rest);
      if (lead) {
        out += lead[0].slice(1);
        i += lead[0].length - 1;
      }
      continue;
    }
    if (ch === "(") {
      depth++;
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += "(?:";
        i += named[0].length - 1;
        continue;
      }
      if (rest.startsWith("(?P=")) return { reason: "a back-reference, which the proxies' matchers do not share" };
      const feature = /^\(\?(?:[=!]|<[=!])/.test(rest)
        ? "look-around"
        : rest.startsWith("(?>")
          ? "an atomic group"
          : rest.startsWith("(?(")
            ? "a conditional group"
            : /^\(\?[R0-9#]/.test(rest)
              ? "recursion or a comment group"
              : null;
      if (feature) pcreOnly ??= feature;
      out += ch;
      continue;
    }
    if (ch === ")") depth--;
    if (ch === "|" && depth === 0) topLevelAlternation = true;
    if (ch === "^") return { reason: 'a "^" anchor inside the pattern, which cannot follow the method' };
    if (/[*+?}]/.test(ch) && source[i + 1] === "+") pcreOnly ??= "a possessive quantifier";
    out += ch;
  }
  if (depth !== 0 || inClass) return { reason: "not a valid regular expression" };
  const body = topLevelAlternation ? `(?:${out})` : out;
  try {
    new RegExp(`^${body}`);
  } catch {
    return { reason: "not a valid regular expression" };
  }
  return { pathBody: body, rankKey: REGEX_RANK, exact: null, pcreOnly };
}
