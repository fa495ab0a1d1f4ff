/**
 * Matching each legacy route to the new code's routes (pure). Both sides are in the canonical
 * pattern syntax of lib/import/types.ts ("/user/<int:id>"), as parseRoutesFromSource gives them.
 *
 *   1. A manual link (legacy key → new key, e.g. "GET /profile" → "GET /app/account") wins.
 *   2. Otherwise the legacy path goes through the project's prefix map — the longest legacy prefix
 *      that covers it, whole segments only (legacy "/api/" ↔ new "/api/v2/" maps "/api/users" to
 *      "/api/v2/users" and "/api" to "/api/v2"; legacy "/" ↔ new "/app/" maps the rest) — and is
 *      compared with the new routes segment by segment: literal segments equal, a parameter equal
 *      to any parameter in the same place whatever its name or converter (`<id>` = `<int:user_id>`),
 *      except that a `<path:…>` parameter (the rest of the URL) only equals another `<path:…>`.
 *      Regular-expression patterns ("^/…") only match the same expression, or by a manual link.
 *   3. Methods: equal, or either side is ANY (Django has no methods; Express `all`). An exact method
 *      is preferred to ANY; then the first by file and line.
 */

export type CodeRoute = { method: string; path: string; file: string; line: number; handler?: string };

export type PrefixMapping = { legacy: string; new: string };

export type RouteMatch<L extends CodeRoute = CodeRoute, N extends CodeRoute = CodeRoute> = {
  legacy: L;
  /** The legacy route's key: "GET /user/<id>". */
  key: string;
  match: { route: N; key: string; via: "manual" | "pattern"; /** the legacy path after the prefix map */ mappedPath: string } | null;
  /** A manual link whose target is not in the new code (renamed again, or removed). */
  brokenLink?: string;
};

export type MatchResult<L extends CodeRoute, N extends CodeRoute> = {
  matches: RouteMatch<L, N>[];
  /** New routes no legacy route matched (new endpoints, or legacy routes not found by the scan). */
  unmatchedNew: N[];
};

export const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

export function matchRoutes<L extends CodeRoute, N extends CodeRoute>(
  legacy: L[],
  next: N[],
  options: { prefixes?: PrefixMapping[]; links?: Record<string, string> } = {},
): MatchResult<L, N> {
  const prefixes = (options.prefixes ?? []).map((p) => ({ legacy: segmentsOf(p.legacy), next: segmentsOf(p.new) }));
  prefixes.sort((a, b) => b.legacy.length - a.legacy.length);
  const links = new Map(Object.entries(options.links ?? {}).map(([from, to]) => [normalizeKey(from), normalizeKey(to)]));

  const byShape = new Map<string, N[]>();
  const byKey = new Map<string, N[]>();
  for (const r of [...next].sort(byPlace)) {
    const shape = shapeOf(r.path);
    byShape.set(shape, [...(byShape.get(shape) ?? []), r]);
    byKey.set(routeKey(r), [...(byKey.get(routeKey(r)) ?? []), r]);
  }
  const used = new Set<N>();
  const matches = legacy.map((l): RouteMatch<L, N> => {
    const key = routeKey(l);
    const link = links.get(key);
    if (link !== undefined) {
      const target = byKey.get(link)?.[0] ?? findByLink(link, byShape);
      if (target) {
        used.add(target);
        return { legacy: l, key, match: { route: target, key: routeKey(target), via: "manual", mappedPath: target.path } };
      }
      return { legacy: l, key, match: null, brokenLink: link };
    }
    const mappedPath = mapPrefix(l.path, prefixes);
    const candidates = (byShape.get(shapeOf(mappedPath)) ?? []).filter((n) => methodsMeet(l.method, n.method));
    const best = candidates.find((n) => n.method.toUpperCase() === l.method.toUpperCase()) ?? candidates[0];
    if (!best) return { legacy: l, key, match: null };
    used.add(best);
    return { legacy: l, key, match: { route: best, key: routeKey(best), via: "pattern", mappedPath } };
  });
  return { matches, unmatchedNew: next.filter((n) => !used.has(n)) };
}

/** A link may name the new route by method and pattern with other parameter names: "GET /a/<x>" finds "GET /a/<int:id>". */
function findByLink<N extends CodeRoute>(link: string, byShape: Map<string, N[]>): N | undefined {
  const space = link.indexOf(" ");
  if (space < 0) return undefined;
  const method = link.slice(0, space);
  return (byShape.get(shapeOf(link.slice(space + 1))) ?? []).find((n) => n.method.toUpperCase() === method);
}

function methodsMeet(a: string, b: string): boolean {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x === y || x === "ANY" || y === "ANY";
}

function normalizeKey(key: string): string {
  const space = key.trim().indexOf(" ");
  if (space < 0) return key.trim();
  return `${key.trim().slice(0, space).toUpperCase()} ${key
    .trim()
    .slice(space + 1)
    .trim()}`;
}

function segmentsOf(prefix: string): string[] {
  return prefix.split("/").filter((s) => s !== "");
}

/** The legacy path with the longest covering prefix replaced. Regular expressions are left as they are. */
export function mapPrefix(path: string, prefixes: { legacy: string[]; next: string[] }[]): string {
  if (path.startsWith("^")) return path;
  const segments = segmentsOf(path);
  for (const p of prefixes) {
    if (p.legacy.length <= segments.length && p.legacy.every((s, i) => s === segments[i])) {
      return "/" + [...p.next, ...segments.slice(p.legacy.length)].join("/");
    }
  }
  return path;
}

/** The pattern with every parameter made anonymous: "/u/<int:id>/x<n>.json" → "/u/<>/x<>.json"; `<path:…>` → `<path>`. */
export function shapeOf(path: string): string {
  if (path.startsWith("^")) return path;
  const p = "/" + segmentsOf(path).join("/");
  return p.replace(/<([^<>]*)>/g, (_m, inner: string) => (/^\s*path\s*:/.test(inner) ? "<path>" : "<>"));
}

function byPlace(a: CodeRoute, b: CodeRoute): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0);
}
