import { canaryPercents, defaultPool, headerComment, stateToken } from "../common";
import type { Resolution, ResolvedRoute } from "../matchers";
import { upstreamsOf } from "../schema";
import type { ParsedUpstream, RoutingExport, RoutingLedger } from "../types";

/**
 * nginx (1.22+): an include file for the `http {}` context — upstreams, the canary key, one
 * `split_clients` per canary percentage and the maps that turn "$request_method:$uri" into a pool —
 * plus a fixed snippet for a `server {}` (NGINX_SERVER_SNIPPET), printed in the file's header.
 *
 * nginx's map compares plain strings in a hash (the exact-match fast path) but without regard to
 * case, then tries its regexes in order. To keep paths case-sensitive, as Waypoint's matcher is, a
 * hash hit carries its own key and a second map checks it against the request with a
 * back-reference; a miss, or a hit of another case, falls through to the ordered regexes.
 */

/** The `server {}` part: fixed, so it is written once by hand (see the file's header). */
export const NGINX_SERVER_SNIPPET = `location / {
    proxy_pass $waypoint_upstream;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    # Shadow routes: legacy answers, a copy goes to the mirror. Read here, before the mirror's
    # subrequest (which shares this request's variables but has a $uri of its own).
    set $waypoint_shadow $waypoint_mirror;
    mirror /_waypoint_mirror;
}
location = /_waypoint_mirror {
    internal;
    if ($waypoint_shadow = "") {
        return 204;
    }
    proxy_pass $waypoint_shadow$request_uri;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Waypoint-Shadow 1;
}`;

/** nginx reads `\\`, `\"`, `\t`, `\n` and `\r` as escapes in every token: double each backslash. */
export function nginxQuote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const pool = (name: string, upstream: ParsedUpstream) => `${upstream.scheme}://waypoint_${name}`;

export function nginxConfig(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { routes } = resolution;
  const unexpressed = resolution.unexpressed;
  const upstreams = upstreamsOf(ledger);
  const out: string[] = [
    ...headerComment(ledger, "nginx include file for the http {} context", unexpressed),
    "#",
    "# Include this file inside http {} and put these locations inside the server {} that fronts the app:",
    ...NGINX_SERVER_SNIPPET.split("\n").map((l) => `#   ${l}`),
    "",
  ];

  for (const name of ["legacy", "new", "mirror"] as const) {
    out.push(`upstream waypoint_${name} {`, `    server ${upstreams[name].address};`, "}");
  }
  out.push("");

  const stickiness = ledger.stickiness ?? { by: "address" };
  let variable = "$remote_addr";
  if (stickiness.by === "header") variable = `$http_${stickiness.name.toLowerCase().replace(/-/g, "_")}`;
  if (stickiness.by === "cookie") {
    // $cookie_<name> cannot name a cookie with a "-" (nginx ends a variable's name there): read the header.
    variable = "$waypoint_cookie";
    out.push(
      "map $http_cookie $waypoint_cookie {",
      `    default "";`,
      `    ${nginxQuote(`~(?:^|;)\\s*${stickiness.name.replace(/-/g, "\\x2d")}=([^;]*)`)} $1;`,
      "}",
    );
  }
  out.push(
    `# The canary key: ${stickiness.by === "address" ? "the client's address" : `the ${stickiness.by} ${stickiness.name}, or the client's address without one`}.`,
    `map ${variable} $waypoint_client {`,
    ...(stickiness.by === "address" ? [] : [`    "" $remote_addr;`]),
    `    default ${variable};`,
    "}",
  );
  // The same key and hash for every percentage: a client in the first 10 % is also in the first
  // 20 %, so raising a canary only ever moves clients from legacy to new.
  for (const percent of canaryPercents(routes)) {
    out.push(
      `split_clients "\${waypoint_client}" $waypoint_canary_${percent} {`,
      `    ${percent}% ${pool("new", upstreams.new)};`,
      `    * ${pool("legacy", upstreams.legacy)};`,
      "}",
    );
  }
  out.push("");

  const { hashed, ordered } = splitExact(routes);
  out.push(
    "# The path without its trailing slash, for the exact paths.",
    "map $uri $waypoint_path {",
    `    "~^(?<path>.+?)/$" $path;`,
    "    default $uri;",
    "}",
    "# Exact paths (a hash, compared without regard to case): the route's state and its own key.",
    "map $request_method:$waypoint_path $waypoint_exact {",
    `    default "";`,
  );
  for (const [key, token] of hashed) out.push(`    ${nginxQuote(key)} ${nginxQuote(`${token}|${key}`)};`);
  out.push(
    "}",
    "# A hash hit counts only when its key has the request's case.",
    `map "$waypoint_exact|$request_method:$waypoint_path" $waypoint_exact_route {`,
    `    default "";`,
    `    "~^([a-z0-9_]+)\\\\|([^|]*)\\\\|\\\\2$" $1;`,
    "}",
    "# Every other route, most specific first: the first match wins.",
    "map $request_method:$uri $waypoint_pattern_route {",
    `    default ${defaultPool(ledger)};`,
  );
  for (const r of ordered) out.push(`    ${nginxQuote(`~${r.keyRegex}`)} ${stateToken(r.state)};`);
  out.push(
    "}",
    "map $waypoint_exact_route $waypoint_route {",
    `    "" $waypoint_pattern_route;`,
    "    default $waypoint_exact_route;",
    "}",
    "",
    "map $waypoint_route $waypoint_upstream {",
    // Anything unexpected goes to legacy: the side that has always answered.
    `    default ${pool("legacy", upstreams.legacy)};`,
    `    new ${pool("new", upstreams.new)};`,
  );
  for (const percent of canaryPercents(routes)) out.push(`    canary_${percent} $waypoint_canary_${percent};`);
  out.push("}", "map $waypoint_route $waypoint_mirror {", `    default "";`, `    shadow ${pool("mirror", upstreams.mirror)};`, "}", "");
  return { text: out.join("\n"), unexpressed };
}

/**
 * Which exact keys go into the hash ("METHOD:/path", the path without a trailing slash as
 * $waypoint_path has it), and which routes are left for the ordered regexes: ANY routes (the key
 * holds the method), paths with a "$" (the hit's value is a string nginx would read variables in)
 * and paths the hash cannot tell apart from another's (differing only by case).
 */
function splitExact(routes: readonly ResolvedRoute[]): { hashed: [string, string][]; ordered: ResolvedRoute[] } {
  const eligible = (r: ResolvedRoute) => r.exactPaths !== null && r.methods !== null && !r.exactPaths[0].includes("$");
  // Only a path with an upper-case letter can fold onto another one.
  const folded = new Map<string, string | null>();
  for (const r of routes) {
    if (!eligible(r) || !/[A-Z]/.test(r.exactPaths![0])) continue;
    const path = r.exactPaths![0];
    const lower = path.toLowerCase();
    const seen = folded.get(lower);
    folded.set(lower, seen === undefined || seen === path ? path : null);
  }
  const clashes = (path: string) => {
    if (folded.size === 0) return false;
    const seen = folded.get(path.toLowerCase());
    return seen === null || (seen !== undefined && seen !== path);
  };
  const hashed: [string, string][] = [];
  // HEAD routes sort before the GET routes whose HEAD keys they take over.
  const headPaths = new Set<string>();
  const ordered: ResolvedRoute[] = [];
  for (const r of routes) {
    if (!eligible(r) || clashes(r.exactPaths![0])) {
      ordered.push(r);
      continue;
    }
    const path = r.exactPaths![0];
    const token = stateToken(r.state);
    for (const method of r.methods!) {
      if (method === "HEAD") {
        if (headPaths.has(path)) continue;
        headPaths.add(path);
      }
      hashed.push([`${method}:${path}`, token]);
    }
  }
  return { hashed, ordered };
}
