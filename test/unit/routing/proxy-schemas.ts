import { isIP } from "node:net";
import { z } from "zod";

/**
 * The parts of Traefik's and Envoy's configuration schemas that the exports use, written down
 * from their documentation, since neither binary is packaged for Debian:
 *   - Traefik v3: the file provider's dynamic configuration reference
 *     (docs/content/reference/dynamic-configuration/file.yaml in traefik/traefik, "CODE GENERATED
 *     AUTOMATICALLY"), and the rule grammar of "Rules & Priority" (matchers with backtick values,
 *     combined with &&, ||, ! and parentheses; Go regexps).
 *   - Envoy API v3: envoy/config/route/v3/route_components.proto and route.proto, and
 *     envoy/config/cluster/v3/cluster.proto (envoyproxy/data-plane-api), as JSON/YAML field names.
 * Objects are strict: a misspelt or invented field fails, as Envoy's own proto parsing would.
 */

// ───────────────────────────── Traefik ─────────────────────────────

/** Matchers and how many values each takes (rules-and-priority.md). */
const TRAEFIK_MATCHERS: Record<string, number> = {
  Header: 2,
  HeaderRegexp: 2,
  Host: 1,
  HostRegexp: 1,
  Method: 1,
  Path: 1,
  PathPrefix: 1,
  PathRegexp: 1,
  Query: 2,
  QueryRegexp: 2,
  ClientIP: 1,
};

/** Parses a rule with the grammar of the docs; returns null when it is well formed, else what is wrong. */
export function traefikRuleError(rule: string): string | null {
  let i = 0;
  const space = () => {
    while (rule[i] === " ") i++;
  };
  const expression = (): void => {
    term();
    space();
    while (rule.startsWith("&&", i) || rule.startsWith("||", i)) {
      i += 2;
      term();
      space();
    }
  };
  const term = (): void => {
    space();
    if (rule[i] === "!") i++;
    space();
    if (rule[i] === "(") {
      i++;
      expression();
      if (rule[i] !== ")") throw new Error(`")" expected at ${i}`);
      i++;
      return;
    }
    const name = /^[A-Za-z]+/.exec(rule.slice(i))?.[0];
    if (!name || !(name in TRAEFIK_MATCHERS)) throw new Error(`unknown matcher at ${i}`);
    i += name.length;
    if (rule[i] !== "(") throw new Error(`"(" expected after ${name}`);
    i++;
    const values: string[] = [];
    for (;;) {
      space();
      if (rule[i] !== "`") throw new Error(`a backtick value expected at ${i}`);
      const end = rule.indexOf("`", i + 1);
      if (end < 0) throw new Error("unterminated value");
      values.push(rule.slice(i + 1, end));
      i = end + 1;
      space();
      if (rule[i] === ",") {
        i++;
        continue;
      }
      if (rule[i] === ")") {
        i++;
        break;
      }
      throw new Error(`"," or ")" expected at ${i}`);
    }
    if (values.length !== TRAEFIK_MATCHERS[name]) throw new Error(`${name} takes ${TRAEFIK_MATCHERS[name]} value(s)`);
    if (name.endsWith("Regexp")) new RegExp(values.at(-1)!); // Go's RE2 syntax is (for these) a subset of JavaScript's
    if ((name === "Path" || name === "PathPrefix") && !values[0].startsWith("/")) throw new Error("paths start with /");
  };
  try {
    expression();
    space();
    return i === rule.length ? null : `unexpected text at ${i}`;
  } catch (error) {
    return (error as Error).message;
  }
}

const int = z.number().int();
const name = z
  .string()
  .min(1)
  .refine((n) => !n.includes("@"), "names may not hold @");
const stickyCookie = z
  .object({
    name: z.string().optional(),
    secure: z.boolean().optional(),
    httpOnly: z.boolean().optional(),
    sameSite: z.enum(["none", "lax", "strict", ""]).optional(),
    maxAge: int.optional(),
    path: z.string().optional(),
    domain: z.string().optional(),
  })
  .strict();
const sticky = z.object({ cookie: stickyCookie }).strict();
const weightedServices = z.array(z.object({ name, weight: int.min(0) }).strict()).min(1);
const healthCheck = z.object({}).strict();

const traefikService = z.union([
  z
    .object({
      loadBalancer: z
        .object({
          sticky: sticky.optional(),
          servers: z.array(z.object({ url: z.url({ protocol: /^https?$/ }), weight: int.optional(), preservePath: z.boolean().optional() }).strict()).min(1),
          strategy: z.enum(["wrr", "p2c", "hrw", "leasttime"]).optional(),
          passHostHeader: z.boolean().optional(),
          serversTransport: z.string().optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      mirroring: z
        .object({
          service: name,
          mirrorBody: z.boolean().optional(),
          maxBodySize: int.optional(),
          mirrors: z.array(z.object({ name, percent: int.min(0).max(100) }).strict()),
          healthCheck: healthCheck.optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ weighted: z.object({ services: weightedServices, sticky: sticky.optional(), healthCheck: healthCheck.optional() }).strict() }).strict(),
  z.object({ highestRandomWeight: z.object({ services: weightedServices, healthCheck: healthCheck.optional() }).strict() }).strict(),
  z.object({ failover: z.object({ service: name, fallback: name, healthCheck: healthCheck.optional() }).strict() }).strict(),
]);

const traefikRouter = z
  .object({
    entryPoints: z.array(z.string()).optional(),
    middlewares: z.array(z.string()).optional(),
    service: name,
    rule: z.string().superRefine((rule, ctx) => {
      const error = traefikRuleError(rule);
      if (error) ctx.addIssue({ code: "custom", message: `${error}: ${rule}` });
    }),
    ruleSyntax: z.string().optional(),
    priority: int.optional(),
  })
  .strict();

export const traefikSchema = z
  .object({ http: z.object({ routers: z.record(name, traefikRouter), services: z.record(name, traefikService) }).strict() })
  .strict();

// ───────────────────────────── Envoy ─────────────────────────────

/** validate.rules well_known_regex HTTP_HEADER_NAME (pseudo-headers such as ":method" included). */
const headerName = z.string().regex(/^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/);
const regexMatcher = z
  .object({
    regex: z
      .string()
      .min(1)
      .refine((r) => {
        try {
          new RegExp(r);
          return true;
        } catch {
          return false;
        }
      }, "not a regex"),
  })
  .strict();
/** StringMatcher: exactly one of its match_pattern. */
const stringMatcher = z.union([
  z.object({ exact: z.string(), ignore_case: z.boolean().optional() }).strict(),
  z.object({ prefix: z.string().min(1), ignore_case: z.boolean().optional() }).strict(),
  z.object({ suffix: z.string().min(1), ignore_case: z.boolean().optional() }).strict(),
  z.object({ safe_regex: regexMatcher }).strict(),
  z.object({ contains: z.string().min(1), ignore_case: z.boolean().optional() }).strict(),
]);
const headerMatcher = z.object({ name: headerName, string_match: stringMatcher, invert_match: z.boolean().optional() }).strict();
const headers = z.array(headerMatcher).optional();
/** RouteMatch: exactly one path_specifier. */
const routeMatch = z.union([
  z.object({ prefix: z.string(), headers }).strict(),
  z.object({ path: z.string().startsWith("/"), headers }).strict(),
  z.object({ safe_regex: regexMatcher, headers }).strict(),
]);
const hashPolicy = z.union([
  z.object({ header: z.object({ header_name: headerName }).strict(), terminal: z.boolean().optional() }).strict(),
  z
    .object({
      cookie: z.object({ name: z.string().min(1), ttl: z.string().optional(), path: z.string().optional() }).strict(),
      terminal: z.boolean().optional(),
    })
    .strict(),
  z.object({ connection_properties: z.object({ source_ip: z.boolean() }).strict(), terminal: z.boolean().optional() }).strict(),
]);
const clusterName = z.string().min(1);
/** RouteAction: exactly one cluster_specifier. */
const routeAction = z.union([
  z
    .object({
      cluster: clusterName,
      request_mirror_policies: z.array(z.object({ cluster: clusterName, trace_sampled: z.boolean().optional() }).strict()).optional(),
    })
    .strict(),
  z
    .object({
      weighted_clusters: z
        .object({
          clusters: z.array(z.object({ name: clusterName, weight: int.min(0).max(4294967295) }).strict()).min(1),
          // oneof random_value_specifier
          use_hash_policy: z.boolean().optional(),
          header_name: headerName.optional(),
        })
        .strict()
        .refine((w) => !(w.use_hash_policy !== undefined && w.header_name !== undefined), "use_hash_policy and header_name are one oneof")
        .refine((w) => w.clusters.reduce((sum, c) => sum + c.weight, 0) > 0, "the weights must add up to more than 0"),
      hash_policy: z.array(hashPolicy).optional(),
    })
    .strict(),
]);
const route = z.object({ name: z.string().optional(), match: routeMatch, route: routeAction }).strict();

export const envoyRoutesSchema = z
  .object({
    resources: z
      .array(
        z
          .object({
            "@type": z.literal("type.googleapis.com/envoy.config.route.v3.RouteConfiguration"),
            name: z.string().min(1),
            virtual_hosts: z.array(z.object({ name: z.string().min(1), domains: z.array(z.string()).min(1), routes: z.array(route) }).strict()),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const cluster = z
  .object({
    "@type": z.literal("type.googleapis.com/envoy.config.cluster.v3.Cluster"),
    name: z.string().min(1),
    type: z.enum(["STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST"]),
    connect_timeout: z.string().regex(/^[0-9]+(\.[0-9]+)?s$/),
    load_assignment: z
      .object({
        cluster_name: z.string().min(1),
        endpoints: z.array(
          z
            .object({
              lb_endpoints: z.array(
                z
                  .object({
                    endpoint: z
                      .object({
                        address: z.object({ socket_address: z.object({ address: z.string().min(1), port_value: int.min(0).max(65535) }).strict() }).strict(),
                      })
                      .strict(),
                  })
                  .strict(),
              ),
            })
            .strict(),
        ),
      })
      .strict(),
    transport_socket: z
      .object({
        name: z.literal("envoy.transport_sockets.tls"),
        typed_config: z
          .object({ "@type": z.literal("type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext"), sni: z.string().optional() })
          .strict(),
      })
      .strict()
      .optional(),
  })
  .strict()
  // A STATIC cluster's endpoints must be IP addresses; names need a DNS type.
  .refine(
    (c) => c.type !== "STATIC" || c.load_assignment.endpoints.every((e) => e.lb_endpoints.every((l) => isIP(l.endpoint.address.socket_address.address) !== 0)),
    "STATIC clusters take IP addresses",
  )
  .refine((c) => c.load_assignment.cluster_name === c.name, "load_assignment.cluster_name names the cluster");

export const envoyClustersSchema = z.object({ resources: z.array(cluster).min(1) }).strict();
