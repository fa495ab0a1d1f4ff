import { canaryPercents, defaultPool, headerComment, sortUnexpressed, stateToken } from "../common";
import type { Resolution, ResolvedRoute } from "../matchers";
import { upstreamsOf } from "../schema";
import type { RoutingExport, RoutingLedger, Unexpressed } from "../types";

/**
 * Apache httpd 2.4 (mod_rewrite, mod_proxy, mod_proxy_http), in two files:
 *   - `apache-map`: a RewriteMap text file "METHOD:/path state" for the exact paths — a hash,
 *     case-sensitive, that mod_rewrite re-reads by itself when the file changes;
 *   - `apache`: the rules, for a <VirtualHost> (server context: the rules see "/path"). The map is
 *     named relative to ServerRoot ("waypoint-routes.map", /etc/apache2/ on Debian).
 * The rules set WAYPOINT_ROUTE: from the map, else from the first matching regex rule (each one
 * skips the rest with [S=n]), else the catch-all; a canary becomes new or legacy by comparing the
 * MD5 of the stickiness key with a threshold (ap_expr compares strings lexicographically), so a
 * client stays on its side and raising the percentage only moves clients to new; then [P] proxies.
 *
 * Stock Apache cannot mirror a request: shadow routes are served by legacy and reported.
 */

export const APACHE_MAP_FILE = "waypoint-routes.map";

function plan(resolution: Resolution): { routes: ResolvedRoute[]; unexpressed: Unexpressed[] } {
  const unexpressed = [...resolution.unexpressed];
  for (const r of resolution.routes) {
    if (r.state.kind === "shadow") {
      unexpressed.push({
        routeId: r.routeId,
        pattern: r.pattern,
        reason: "Apache httpd has no request mirroring in its stock modules",
        fallback: "served by legacy, without a copy",
      });
    }
  }
  return { routes: resolution.routes, unexpressed: sortUnexpressed(unexpressed) };
}

/** Exact keys for the map (the path without a trailing slash, as the rules look it up), and the routes left for the rules. */
function splitExact(routes: readonly ResolvedRoute[]): { mapped: [string, string][]; ordered: ResolvedRoute[] } {
  const mapped: [string, string][] = [];
  const claimed = new Set<string>();
  const ordered: ResolvedRoute[] = [];
  for (const r of routes) {
    if (r.exactPaths === null || r.methods === null) {
      ordered.push(r);
      continue;
    }
    for (const method of r.methods) {
      const key = `${method}:${r.exactPaths[0]}`;
      // A more specific route (a HEAD route before a GET one) may hold the key already.
      if (claimed.has(key)) continue;
      claimed.add(key);
      mapped.push([key, stateToken(r.state)]);
    }
  }
  return { mapped, ordered };
}

export function apacheMap(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { routes, unexpressed } = plan(resolution);
  const { mapped } = splitExact(routes);
  const lines = [...headerComment(ledger, "Apache RewriteMap (txt) of exact paths", unexpressed), ...mapped.map(([key, token]) => `${key} ${token}`), ""];
  return { text: lines.join("\n"), unexpressed };
}

/** p % of the 2^32 values of MD5's first 8 hex digits, as the string those digits are compared with. */
export function md5Threshold(percent: number): string {
  return Math.floor((percent * 2 ** 32) / 100)
    .toString(16)
    .padStart(8, "0");
}

export function apacheConfig(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { routes, unexpressed } = plan(resolution);
  const { ordered } = splitExact(routes);
  const upstreams = upstreamsOf(ledger);
  const out = [
    ...headerComment(ledger, "Apache httpd 2.4 rules for a <VirtualHost>", unexpressed),
    "#",
    "# Needs mod_rewrite, mod_proxy and mod_proxy_http (mod_ssl for an https upstream). The exact paths",
    `# are in the apache-map export, read from ${APACHE_MAP_FILE} under ServerRoot. Shadow routes are`,
    "# served by legacy: stock Apache cannot mirror a request.",
    "",
    "RewriteEngine On",
    `RewriteMap waypoint-routes "txt:${APACHE_MAP_FILE}"`,
    "ProxyPreserveHost On",
  ];
  if (upstreams.legacy.scheme === "https" || upstreams.new.scheme === "https") out.push("SSLProxyEngine On");
  out.push(`ProxyPassReverse "/" "${upstreams.legacy.url}/"`, `ProxyPassReverse "/" "${upstreams.new.url}/"`, "");

  out.push(
    "# 1. Exact paths: the map, keyed by method and the path without its trailing slash.",
    "RewriteCond %{REQUEST_URI} ^(/.*?)/?$",
    "RewriteCond ${waypoint-routes:%{REQUEST_METHOD}:%1} ^([a-z0-9_]+)$",
    `RewriteRule ^ - [E=WAYPOINT_ROUTE:%1,S=${ordered.length}]`,
    "",
    "# 2. Every other route, most specific first; a match skips the rules after it.",
  );
  ordered.forEach((r, i) => {
    if (r.methods !== null) out.push(`RewriteCond %{REQUEST_METHOD} ^${r.methods.length === 1 ? r.methods[0] : `(?:${r.methods.join("|")})`}$`);
    // The pattern is one word (no spaces, no quotes) holding no "${", which Apache would read as a variable.
    out.push(`RewriteRule ${r.pathRegex} - [E=WAYPOINT_ROUTE:${stateToken(r.state)},S=${ordered.length - 1 - i}]`);
  });
  out.push("", "# 3. The catch-all.", "RewriteCond %{ENV:WAYPOINT_ROUTE} ^$", `RewriteRule ^ - [E=WAYPOINT_ROUTE:${defaultPool(ledger)}]`);

  const percents = canaryPercents(routes);
  if (percents.length > 0) {
    const stickiness = ledger.stickiness ?? { by: "address" };
    out.push(
      "",
      `# 4. Canaries: the key is ${stickiness.by === "address" ? "the client's address" : `the ${stickiness.by} ${stickiness.name}, or the client's address without one`}.`,
    );
    if (stickiness.by === "header") {
      out.push(`RewriteCond %{HTTP:${stickiness.name}} ^(.+)$`, "RewriteRule ^ - [E=WAYPOINT_CLIENT:%1]");
    } else if (stickiness.by === "cookie") {
      out.push(`RewriteCond %{HTTP_COOKIE} (?:^|;)\\s*${stickiness.name.replace(/-/g, "\\x2d")}=([^;]+)`, "RewriteRule ^ - [E=WAYPOINT_CLIENT:%1]");
    }
    out.push("RewriteCond %{ENV:WAYPOINT_CLIENT} ^$", "RewriteRule ^ - [E=WAYPOINT_CLIENT:%{REMOTE_ADDR}]");
    for (const percent of percents) {
      out.push(
        `RewriteCond %{ENV:WAYPOINT_ROUTE} =canary_${percent}`,
        `RewriteCond expr "md5(reqenv('WAYPOINT_CLIENT')) < '${md5Threshold(percent)}'"`,
        "RewriteRule ^ - [E=WAYPOINT_ROUTE:new]",
      );
    }
    out.push("RewriteCond %{ENV:WAYPOINT_ROUTE} ^canary_", "RewriteRule ^ - [E=WAYPOINT_ROUTE:legacy]");
  }

  out.push(
    "",
    "# 5. Proxy: new to new; legacy and shadow to legacy.",
    "RewriteCond %{ENV:WAYPOINT_ROUTE} =new",
    `RewriteRule ^(.*)$ ${upstreams.new.url}$1 [P,L]`,
    `RewriteRule ^(.*)$ ${upstreams.legacy.url}$1 [P,L]`,
    "",
  );
  return { text: out.join("\n"), unexpressed };
}
