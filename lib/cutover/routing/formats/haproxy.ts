import { canaryPercents, defaultPool, headerComment, sortUnexpressed } from "../common";
import type { Resolution, ResolvedRoute } from "../matchers";
import { upstreamsOf } from "../schema";
import type { ParsedUpstream, RoutingExport, RoutingLedger, Unexpressed } from "../types";

/**
 * HAProxy 2.6, in two files:
 *   - `haproxy-map`: a map file of "^METHOD:path-regex backend" lines, most specific first, read by
 *     `map_reg` (first match wins). HAProxy reads one match type per map file, so exact paths are
 *     anchored regexes here too: there is no hash fast path as in nginx.
 *   - `haproxy`: the backends, loaded as one more `-f` file after the main configuration (so its
 *     `defaults` apply). A canary is a backend holding both servers weighted percent / 100 - percent,
 *     balanced by a hash of the stickiness key, so a client stays on its side.
 * The frontend's two lines are fixed (see HAPROXY_FRONTEND_LINES); the catch-all is the backend
 * `waypoint_default`, so a change of `legacyRetired` needs no frontend edit.
 *
 * HAProxy 2.6 cannot mirror a request without an external agent (SPOE) or Lua: shadow routes are
 * served by legacy and reported.
 */

export const HAPROXY_MAP_PATH = "/etc/haproxy/waypoint.map";

export const HAPROXY_FRONTEND_LINES = [
  `http-request set-var-fmt(txn.waypoint_key) "%[method]:%[path,url_dec]"`,
  `use_backend %[var(txn.waypoint_key),map_reg(${HAPROXY_MAP_PATH},waypoint_default)]`,
];

type Plan = { routes: ResolvedRoute[]; unexpressed: Unexpressed[] };

function plan(resolution: Resolution): Plan {
  const unexpressed = [...resolution.unexpressed];
  for (const r of resolution.routes) {
    if (r.state.kind === "shadow") {
      unexpressed.push({
        routeId: r.routeId,
        pattern: r.pattern,
        reason: "HAProxy 2.6 has no request mirroring of its own",
        fallback: "served by legacy, without a copy",
      });
    }
  }
  return { routes: resolution.routes, unexpressed: sortUnexpressed(unexpressed) };
}

function backendOf(r: ResolvedRoute): string {
  switch (r.state.kind) {
    case "new":
      return "waypoint_new";
    case "canary":
      return `waypoint_canary_${r.state.percent}`;
    default:
      return "waypoint_legacy";
  }
}

export function haproxyMap(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { routes, unexpressed } = plan(resolution);
  // map_reg reads "key value": the key ends at the first space, and no pattern holds one.
  const lines = [
    ...headerComment(ledger, "HAProxy map file (map_reg), most specific first", unexpressed),
    ...routes.map((r) => `${r.keyRegex} ${backendOf(r)}`),
    "",
  ];
  return { text: lines.join("\n"), unexpressed };
}

function server(name: string, upstream: ParsedUpstream, extra = ""): string {
  const tls = upstream.scheme === "https" ? ` ssl verify required ca-file @system-ca${upstream.ip ? "" : ` sni str(${upstream.host})`}` : "";
  return `    server ${name} ${upstream.address}${tls}${extra}`;
}

export function haproxyBackends(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { routes, unexpressed } = plan(resolution);
  const upstreams = upstreamsOf(ledger);
  const out = [
    ...headerComment(ledger, "HAProxy 2.6 backends, loaded with one more -f after the main configuration", unexpressed),
    "#",
    "# In the frontend (the map is the haproxy-map export; change its path to where you keep it):",
    ...HAPROXY_FRONTEND_LINES.map((l) => `#   ${l}`),
    "# Shadow routes are served by legacy: HAProxy 2.6 cannot mirror a request by itself.",
    "",
    "backend waypoint_default",
    "    mode http",
    server(defaultPool(ledger), upstreams[defaultPool(ledger)]),
    "",
    "backend waypoint_legacy",
    "    mode http",
    server("legacy", upstreams.legacy),
    "",
    "backend waypoint_new",
    "    mode http",
    server("new", upstreams.new),
  ];
  const stickiness = ledger.stickiness ?? { by: "address" };
  const key = stickiness.by === "header" ? `req.hdr(${stickiness.name})` : stickiness.by === "cookie" ? `req.cook(${stickiness.name})` : "src";
  for (const percent of canaryPercents(routes)) {
    out.push(
      "",
      `backend waypoint_canary_${percent}`,
      "    mode http",
      `    # ${percent} % of the clients to new, by a hash of ${stickiness.by === "address" ? "the client's address" : `the ${stickiness.by} ${stickiness.name} (the address without one)`}.`,
      `    http-request set-var(txn.waypoint_client) ${key}`,
      ...(stickiness.by === "address" ? [] : ["    http-request set-var(txn.waypoint_client) src if !{ var(txn.waypoint_client) -m len 1: }"]),
      "    balance hash var(txn.waypoint_client)",
      // map-based: the share of each server is exactly its weight (consistent hashing only
      // approximates it); the price is that changing the percentage moves some clients both ways.
      "    hash-type map-based",
      server("legacy", upstreams.legacy, ` weight ${100 - percent}`),
      server("new", upstreams.new, ` weight ${percent}`),
    );
  }
  out.push("");
  return { text: out.join("\n"), unexpressed };
}
