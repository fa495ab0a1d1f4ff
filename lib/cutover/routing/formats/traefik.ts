import { canaryPercents, defaultPool, headerComment, sortUnexpressed } from "../common";
import { leftOut } from "../matchers";
import type { Resolution, ResolvedRoute } from "../matchers";
import { upstreamsOf } from "../schema";
import type { RoutingExport, RoutingLedger, Unexpressed } from "../types";
import { flow, Flow, toYaml, type YamlValue } from "./yaml";

/**
 * Traefik v3 dynamic configuration for the file provider (YAML; the HTTP provider can poll the same
 * text from the API). One router per route with an explicit priority in matching order (Traefik
 * tries the highest first), a catch-all router at priority 1, and services: the three upstreams,
 * `mirroring` for shadow, and per canary percentage either `highestRandomWeight` (stickiness by
 * address: Traefik hashes the client's IP itself) or `weighted` with Traefik's own sticky cookie.
 *
 * Traefik cannot hash a header or a cookie of the client's: with such stickiness a canary splits
 * new clients by weight and keeps each one on its side through the cookie Traefik sets — reported.
 * Rules are Go regexps (RE2): a pattern using look-around or the like is reported.
 */

export const TRAEFIK_STICKY_COOKIE = "waypoint_canary";

function plan(ledger: RoutingLedger, resolution: Resolution): { routes: ResolvedRoute[]; unexpressed: Unexpressed[] } {
  const unexpressed = [...resolution.unexpressed];
  const stickiness = ledger.stickiness ?? { by: "address" };
  const routes = resolution.routes.filter((r) => {
    if (r.pcreOnly !== null) {
      unexpressed.push({ routeId: r.routeId, pattern: r.pattern, reason: `${r.pcreOnly}, which Go's regular expressions lack`, fallback: leftOut(ledger) });
      return false;
    }
    if (r.state.kind === "canary" && stickiness.by !== "address") {
      unexpressed.push({
        routeId: r.routeId,
        pattern: r.pattern,
        reason: `Traefik cannot split by the ${stickiness.by} ${stickiness.name}`,
        fallback: `new clients are split by weight, then each stays on its side through Traefik's cookie ${TRAEFIK_STICKY_COOKIE}`,
      });
    }
    return true;
  });
  return { routes, unexpressed: sortUnexpressed(unexpressed) };
}

/** A rule value between backticks: patterns hold no backtick (refused by the matchers). */
const tick = (text: string) => `\`${text}\``;

export function traefikRule(r: ResolvedRoute): string {
  const path = r.exactPaths !== null ? r.exactPaths.map((p) => `Path(${tick(p)})`).join(" || ") : `PathRegexp(${tick(r.pathRegex)})`;
  if (r.methods === null) return path;
  const methods = r.methods.map((m) => `Method(${tick(m)})`).join(" || ");
  return `${r.methods.length > 1 ? `(${methods})` : methods} && ${r.exactPaths !== null && r.exactPaths.length > 1 ? `(${path})` : path}`;
}

function serviceOf(r: ResolvedRoute): string {
  switch (r.state.kind) {
    case "new":
      return "waypoint-new";
    case "shadow":
      return "waypoint-shadow";
    case "canary":
      return `waypoint-canary-${r.state.percent}`;
    default:
      return "waypoint-legacy";
  }
}

export function traefikConfig(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const { routes, unexpressed } = plan(ledger, resolution);
  const upstreams = upstreamsOf(ledger);
  const routers: Record<string, YamlValue> = {};
  // Priorities from n + 1 down to 2, in matching order; the catch-all has 1.
  routes.forEach((r, i) => {
    // One line per router (YAML flow style): a route's change is a one-line diff. "route-" keeps a
    // route whose id is "catch-all" apart from the catch-all.
    routers[`waypoint-route-${r.routeId}`] = new Flow(
      `{"rule":${JSON.stringify(traefikRule(r))},"priority":${routes.length - i + 1},"service":"${serviceOf(r)}"}`,
    );
  });
  routers["waypoint-catch-all"] = flow({ rule: "PathPrefix(`/`)", priority: 1, service: `waypoint-${defaultPool(ledger)}` });

  const lb = (url: string): YamlValue => ({ loadBalancer: { servers: [{ url }], passHostHeader: true } });
  const services: Record<string, YamlValue> = {
    "waypoint-legacy": lb(upstreams.legacy.url),
    "waypoint-new": lb(upstreams.new.url),
    "waypoint-mirror": lb(upstreams.mirror.url),
    "waypoint-shadow": { mirroring: { service: "waypoint-legacy", mirrorBody: true, mirrors: [{ name: "waypoint-mirror", percent: 100 }] } },
  };
  const byAddress = (ledger.stickiness ?? { by: "address" }).by === "address";
  for (const percent of canaryPercents(routes)) {
    const split: YamlValue = [
      { name: "waypoint-new", weight: percent },
      { name: "waypoint-legacy", weight: 100 - percent },
    ];
    services[`waypoint-canary-${percent}`] = byAddress
      ? { highestRandomWeight: { services: split } }
      : { weighted: { services: split, sticky: { cookie: { name: TRAEFIK_STICKY_COOKIE, httpOnly: true, sameSite: "lax" } } } };
  }
  const header = headerComment(ledger, "Traefik v3 dynamic configuration (file provider)", unexpressed).join("\n");
  return { text: `${header}\n${toYaml({ http: { routers, services } })}`, unexpressed };
}
