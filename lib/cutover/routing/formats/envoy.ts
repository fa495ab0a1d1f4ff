import { defaultPool, headerComment, sortUnexpressed } from "../common";
import { leftOut, type Resolution, type ResolvedRoute } from "../matchers";
import { upstreamsOf } from "../schema";
import type { ParsedUpstream, RoutingExport, RoutingLedger, Unexpressed } from "../types";
import { flow, Flow, toYaml, type YamlValue } from "./yaml";

/**
 * Envoy (API v3), as the files of file-based xDS (`path_config_source`, which Envoy re-reads when
 * the file is moved into place — the atomic rename `routing pull` does):
 *   - `envoy`: a RouteConfiguration "waypoint", routes in matching order (Envoy takes the first
 *     match), `weighted_clusters` for a canary with `use_hash_policy` so the stickiness key (with the
 *     client's address as fallback) picks the side — new listed first, so raising the percentage
 *     only moves clients to new — and `request_mirror_policies` for shadow;
 *   - `envoy-clusters`: the clusters waypoint_legacy, waypoint_new and waypoint_mirror.
 * Each route is one line (YAML flow style, i.e. JSON). Regexes are RE2: a pattern using look-around or the like is reported. Long patterns can exceed
 * RE2's program size limit (runtime `re2.max_program_size.error_level`, 100 by default).
 */

const ROUTE_TYPE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
const CLUSTER_TYPE = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
const TLS_TYPE = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";

function plan(ledger: RoutingLedger, resolution: Resolution): { routes: ResolvedRoute[]; unexpressed: Unexpressed[] } {
  const unexpressed = [...resolution.unexpressed];
  const routes = resolution.routes.filter((r) => {
    if (r.pcreOnly === null) return true;
    unexpressed.push({ routeId: r.routeId, pattern: r.pattern, reason: `${r.pcreOnly}, which Envoy's RE2 lacks`, fallback: leftOut(ledger) });
    return false;
  });
  return { routes, unexpressed: sortUnexpressed(unexpressed) };
}

function action(ledger: RoutingLedger, r: ResolvedRoute): YamlValue {
  switch (r.state.kind) {
    case "new":
      return { cluster: "waypoint_new" };
    case "shadow":
      return { cluster: "waypoint_legacy", request_mirror_policies: [{ cluster: "waypoint_mirror" }] };
    case "legacy":
      return { cluster: "waypoint_legacy" };
    case "canary": {
      const stickiness = ledger.stickiness ?? { by: "address" };
      const address = { connection_properties: { source_ip: true } };
      const hashPolicy =
        stickiness.by === "header"
          ? [{ header: { header_name: stickiness.name }, terminal: true }, address]
          : stickiness.by === "cookie"
            ? [{ cookie: { name: stickiness.name }, terminal: true }, address]
            : [address];
      return {
        weighted_clusters: {
          clusters: [
            { name: "waypoint_new", weight: r.state.percent },
            { name: "waypoint_legacy", weight: 100 - r.state.percent },
          ],
          use_hash_policy: true,
        },
        hash_policy: hashPolicy,
      };
    }
  }
}

function methodMatcher(methods: string[] | null): YamlValue[] {
  if (methods === null) return [];
  const match: YamlValue = methods.length === 1 ? { exact: methods[0] } : { safe_regex: { regex: `^(?:${methods.join("|")})$` } };
  return [{ name: ":method", string_match: match }];
}

export function envoyRoutes(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { routes, unexpressed } = plan(ledger, resolution);
  const entries: YamlValue[] = [];
  // A route's line is {"name", "match": {path or safe_regex, "headers"}, "route"}; the method
  // matchers and the actions repeat across thousands of routes, so each is serialized once.
  const headersJson = new Map<string, string>();
  const actionJson = new Map<string, string>();
  for (const r of routes) {
    const methodKey = r.methods === null ? "" : r.methods.join(",");
    let headers = headersJson.get(methodKey);
    if (headers === undefined) {
      const matcher = methodMatcher(r.methods);
      headersJson.set(methodKey, (headers = matcher.length > 0 ? `,"headers":${JSON.stringify(matcher)}` : ""));
    }
    const stateKey = r.state.kind === "canary" ? `canary_${r.state.percent}` : r.state.kind;
    let route = actionJson.get(stateKey);
    if (route === undefined) actionJson.set(stateKey, (route = JSON.stringify(action(ledger, r))));
    const name = JSON.stringify(r.routeId);
    const matches =
      r.exactPaths !== null ? r.exactPaths.map((path) => `"path":${JSON.stringify(path)}`) : [`"safe_regex":{"regex":${JSON.stringify(r.pathRegex)}}`];
    for (const match of matches) entries.push(new Flow(`{"name":${name},"match":{${match}${headers}},"route":${route}}`));
  }
  entries.push(flow({ name: "waypoint-catch-all", match: { prefix: "/" }, route: { cluster: `waypoint_${defaultPool(ledger)}` } }));
  const document = {
    resources: [{ "@type": ROUTE_TYPE, name: "waypoint", virtual_hosts: [{ name: "waypoint", domains: ["*"], routes: entries }] }],
  };
  const header = headerComment(ledger, "Envoy RouteConfiguration for file-based RDS", unexpressed).join("\n");
  return { text: `${header}\n${toYaml(document)}`, unexpressed };
}

function cluster(name: string, upstream: ParsedUpstream): YamlValue {
  const address = upstream.host.startsWith("[") ? upstream.host.slice(1, -1) : upstream.host;
  const value: Record<string, YamlValue> = {
    "@type": CLUSTER_TYPE,
    name,
    type: upstream.ip ? "STATIC" : "STRICT_DNS",
    connect_timeout: "5s",
    load_assignment: {
      cluster_name: name,
      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address, port_value: upstream.port } } } }] }],
    },
  };
  if (upstream.scheme === "https") {
    value.transport_socket = { name: "envoy.transport_sockets.tls", typed_config: { "@type": TLS_TYPE, ...(upstream.ip ? {} : { sni: upstream.host }) } };
  }
  return value;
}

export function envoyClusters(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { unexpressed } = plan(ledger, resolution);
  const upstreams = upstreamsOf(ledger);
  const document = {
    resources: [cluster("waypoint_legacy", upstreams.legacy), cluster("waypoint_new", upstreams.new), cluster("waypoint_mirror", upstreams.mirror)],
  };
  const header = headerComment(ledger, "Envoy clusters for file-based CDS", unexpressed).join("\n");
  return { text: `${header}\n${toYaml(document)}`, unexpressed };
}
