import { defaultPool, sortUnexpressed } from "../common";
import type { Resolution } from "../matchers";
import { upstreamsOf } from "../schema";
import type { RoutingExport, RoutingLedger } from "../types";

/**
 * The ledger itself plus the resolved matchers, for any proxy or tool without a format of its own:
 * routes in matching order (the first whose methods and regex match decides), each with its
 * anchored path regex (the syntax PCRE and RE2 share) and, for parameterless patterns, the exact
 * paths. Keys in a fixed order, two-space indent: the same ledger gives the same bytes.
 */
export function jsonExport(ledger: RoutingLedger, resolution: Resolution): RoutingExport {
  const unexpressed = sortUnexpressed([...resolution.unexpressed]);
  const upstreams = upstreamsOf(ledger);
  const document = {
    format: "waypoint-routing/1",
    project: { id: ledger.project.id, slug: ledger.project.slug },
    legacyRetired: ledger.legacyRetired,
    catchAll: defaultPool(ledger),
    upstreams: { legacy: upstreams.legacy.url, new: upstreams.new.url, mirror: upstreams.mirror.url },
    stickiness: ledger.stickiness ?? { by: "address" },
    routes: resolution.routes.map((r) => ({
      id: r.routeId,
      method: r.method,
      methods: r.methods,
      pattern: r.pattern,
      state: r.state,
      pathRegex: r.pathRegex,
      exactPaths: r.exactPaths,
      pcreOnly: r.pcreOnly,
    })),
    unexpressed,
  };
  return { text: JSON.stringify(document, null, 2) + "\n", unexpressed };
}
