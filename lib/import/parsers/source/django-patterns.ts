/**
 * Django URL patterns in the canonical form: `path()` routes and `re_path()`/`url()` regexes joined
 * the way Django joins an include's prefix and its patterns (as strings), then turned into
 * `<converter:name>` segments when every regex piece is simple, or kept as one anchored regex.
 */
import { canonicalPath } from "./common";
import { PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN } from "./python-values";

/** One piece of a route's pattern: a `path()` route or a `re_path()` regex, as written. */
export type Piece = { kind: "route" | "regex"; text: string };

/** The canonical pattern of a route whose pieces are the prefixes followed by its own piece. */
export function finalPattern(pieces: Piece[]): string {
  const simple = pieces.map((p, i) => (p.kind === "route" ? p.text : simpleRegex(p.text, i === pieces.length - 1)));
  if (simple.every((s) => s !== undefined)) return canonicalPath("/" + simple.join(""));
  // Some piece is a real regex: the whole pattern becomes one regex, anchored like Django's.
  const last = pieces[pieces.length - 1];
  let body = pieces.map((p) => (p.kind === "route" ? routeToRegex(p.text) : p.text.replace(/^\^/, ""))).join("");
  if (last.kind === "route") body += "$";
  return "^/" + body;
}

const SIMPLE_GROUPS: Record<string, string> = {
  "\\d+": "int:",
  "[0-9]+": "int:",
  "[-\\w]+": "slug:",
  "[\\w-]+": "slug:",
  "[-a-zA-Z0-9_]+": "slug:",
  "[a-zA-Z0-9_-]+": "slug:",
  "[-A-Za-z0-9_]+": "slug:",
  "[A-Za-z0-9_-]+": "slug:",
  "[^/]+": "",
  "[^/.]+": "", // Django REST framework's default lookup
  ".+": "path:",
};

/**
 * A regex piece as a route, when it is only literal text and simple named groups; else undefined.
 * A leaf must end with `$` (without it Django matches any path that starts so); a prefix
 * (an include) must not (it would never match anything longer).
 */
export function simpleRegex(source: string, leaf: boolean): string | undefined {
  let s = source.startsWith("^") ? source.slice(1) : source;
  if (leaf) {
    if (!s.endsWith("$") || s.endsWith("\\$")) return undefined;
    s = s.slice(0, -1);
  } else if (s.endsWith("$") && !s.endsWith("\\$")) {
    return undefined;
  }
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (s.startsWith("(?P<", i)) {
      const nameEnd = s.indexOf(">", i);
      const close = s.indexOf(")", nameEnd);
      if (nameEnd < 0 || close < 0) return undefined;
      const name = s.slice(i + 4, nameEnd);
      const converter = SIMPLE_GROUPS[s.slice(nameEnd + 1, close)];
      if (converter === undefined || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
      out += `<${converter}${name}>`;
      i = close + 1;
    } else if (c === "\\" && i + 1 < s.length && /[./\-_~]/.test(s[i + 1])) {
      out += s[i + 1];
      i += 2;
    } else if (/[A-Za-z0-9/\-_~%,;=@!:]/.test(c) || c === PLACEHOLDER_OPEN || c === PLACEHOLDER_CLOSE) {
      out += c;
      i++;
    } else {
      return undefined; // ., *, +, ?, [, |, (, {, … : a real regular expression
    }
  }
  return out;
}

const CONVERTER_REGEX: Record<string, string> = {
  int: "[0-9]+",
  str: "[^/]+",
  slug: "[-a-zA-Z0-9_]+",
  uuid: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
  path: ".+",
};

/** A `path()` route as a regex body, the way Django compiles it (`<int:y>` → `(?P<y>[0-9]+)`). */
function routeToRegex(route: string): string {
  return route.replace(/<(?:([A-Za-z_]\w*):)?([A-Za-z_]\w*)>|([^<]+|<)/g, (_m, conv: string | undefined, name: string | undefined, lit: string | undefined) =>
    lit !== undefined ? lit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : `(?P<${name}>${CONVERTER_REGEX[conv ?? "str"] ?? "[^/]+"})`,
  );
}
