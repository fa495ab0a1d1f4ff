/**
 * The input and output of the routing export: what turns a project's cutover ledger (which route
 * goes to the legacy backend, which to the new one) into configuration for a proxy.
 *
 * Plain data only, so the ledger can come from the database, a JSON file or a test table alike.
 * Route patterns use the canonical syntax of `lib/import/types.ts` ("/user/<int:id>", or a
 * regular-expression source starting with "^/").
 */

/** "http://10.0.0.5:8080", "https://legacy.internal:8443" or "10.0.0.5:8080" (http). */
export type Upstream = { url: string };

export type RouteState =
  | { kind: "legacy" }
  /** Legacy answers; a copy of the request goes to the mirror, whose response is discarded. */
  | { kind: "shadow" }
  /** `percent` of the clients (by the stickiness key) go to new, the rest to legacy. */
  | { kind: "canary"; percent: number }
  | { kind: "new" };

/** What splits a canary: the client's address, or the value of one cookie or request header. */
export type Stickiness = { by: "address" } | { by: "cookie"; name: string } | { by: "header"; name: string };

export type LedgerRoute = {
  id: string;
  /** GET, POST, … or "ANY". */
  method: string;
  pattern: string;
  state: RouteState;
};

export type RoutingLedger = {
  project: { id: string; slug: string };
  /** `mirror` is the shadow target; it defaults to `new`. */
  upstreams: { legacy: Upstream; new: Upstream; mirror?: Upstream | null };
  /** The catch-all (every path no route matches) stays legacy until the project retires legacy. */
  legacyRetired: boolean;
  /** Defaults to the client's address. */
  stickiness?: Stickiness;
  routes: LedgerRoute[];
};

export const ROUTING_FORMATS = ["nginx", "haproxy", "haproxy-map", "apache", "apache-map", "traefik", "envoy", "envoy-clusters", "json"] as const;
export type RoutingFormat = (typeof ROUTING_FORMATS)[number];

/** A route the proxy's configuration does not carry as the ledger says, and what happens instead. */
export type Unexpressed = {
  routeId: string;
  pattern: string;
  reason: string;
  /** What the proxy does for the route's requests instead, e.g. "served by legacy". */
  fallback: string;
};

export type RoutingExport = { text: string; unexpressed: Unexpressed[] };

/** An upstream after validation. */
export type ParsedUpstream = {
  scheme: "http" | "https";
  /** Lower case; an IPv6 address in brackets. */
  host: string;
  port: number;
  /** "host:port" ("[v6]:port"). */
  address: string;
  /** "scheme://host:port", the one form written anywhere. */
  url: string;
  /** The host is an IP address, not a DNS name. */
  ip: boolean;
};
