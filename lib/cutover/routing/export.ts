import { createHash } from "node:crypto";
import { apacheConfig, apacheMap } from "./formats/apache";
import { envoyClusters, envoyRoutes } from "./formats/envoy";
import { haproxyBackends, haproxyMap } from "./formats/haproxy";
import { jsonExport } from "./formats/json";
import { nginxConfig } from "./formats/nginx";
import { traefikConfig } from "./formats/traefik";
import { resolveRoutes, type Resolution } from "./matchers";
import { parseLedger } from "./schema";
import { ROUTING_FORMATS, type RoutingExport, type RoutingFormat, type RoutingLedger } from "./types";

/**
 * The one entry point: a ledger (validated here, whoever calls) → the text of one format and the
 * routes that format does not carry as the ledger says. Pure and deterministic: the same ledger
 * gives the same bytes, whatever the order of its routes.
 */

type Generator = (ledger: RoutingLedger, resolution: Resolution) => RoutingExport;

const GENERATORS: Record<RoutingFormat, Generator> = {
  nginx: nginxConfig,
  haproxy: haproxyBackends,
  "haproxy-map": haproxyMap,
  apache: apacheConfig,
  "apache-map": apacheMap,
  traefik: traefikConfig,
  envoy: envoyRoutes,
  "envoy-clusters": envoyClusters,
  json: jsonExport,
};

/** What an HTTP response carrying the format should say it is. */
export const CONTENT_TYPES: Record<RoutingFormat, string> = {
  nginx: "text/plain; charset=utf-8",
  haproxy: "text/plain; charset=utf-8",
  "haproxy-map": "text/plain; charset=utf-8",
  apache: "text/plain; charset=utf-8",
  "apache-map": "text/plain; charset=utf-8",
  traefik: "application/yaml; charset=utf-8",
  envoy: "application/yaml; charset=utf-8",
  "envoy-clusters": "application/yaml; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export function isRoutingFormat(value: string): value is RoutingFormat {
  return (ROUTING_FORMATS as readonly string[]).includes(value);
}

export function exportRouting(rawLedger: unknown, format: RoutingFormat): RoutingExport {
  const ledger = parseLedger(rawLedger);
  return GENERATORS[format](ledger, resolveRoutes(ledger));
}

/** A strong ETag of an export's text: what a client sends back in If-None-Match. */
export function routingEtag(text: string): string {
  return `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
}
