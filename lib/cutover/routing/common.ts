import type { ResolvedRoute } from "./matchers";
import type { RouteState, RoutingLedger, Unexpressed } from "./types";

/** What a route's requests get, as one token: "legacy", "new", "shadow" or "canary_10". */
export function stateToken(state: RouteState): string {
  return state.kind === "canary" ? `canary_${state.percent}` : state.kind;
}

/** The canary percentages in use, ascending. */
export function canaryPercents(routes: readonly ResolvedRoute[]): number[] {
  const percents = new Set<number>();
  for (const r of routes) if (r.state.kind === "canary") percents.add(r.state.percent);
  return [...percents].sort((a, b) => a - b);
}

export const defaultPool = (ledger: RoutingLedger): "legacy" | "new" => (ledger.legacyRetired ? "new" : "legacy");

/**
 * The opening comment of every text format: where it comes from, that it is replaced whole, and
 * which routes it does not carry as the ledger says. Only ids, our own words and code points go
 * into it — never a pattern — so no input can end the comment early (Apache, for one, joins a
 * comment line ending in a backslash to the next).
 */
export function headerComment(ledger: RoutingLedger, what: string, unexpressed: readonly Unexpressed[], prefix = "#"): string[] {
  const lines = [
    `Waypoint routing for project ${ledger.project.slug} (${ledger.project.id}): ${what}.`,
    "Generated from the cutover ledger; do not edit — `npx waypoint routing pull` replaces this file whole.",
    `Catch-all: ${defaultPool(ledger)}. Routes: ${ledger.routes.length}.`,
  ];
  if (unexpressed.length > 0) {
    lines.push(`Not expressed as the ledger says (${unexpressed.length}):`);
    for (const u of unexpressed) lines.push(`  route ${u.routeId}: ${u.reason}; ${u.fallback}.`);
  }
  return lines.map((l) => `${prefix} ${l}`.trimEnd());
}

/** Sorts unexpressed entries by route id then reason, so their order never depends on the input's. */
export function sortUnexpressed(list: Unexpressed[]): Unexpressed[] {
  return list.sort((a, b) => (a.routeId < b.routeId ? -1 : a.routeId > b.routeId ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** Double-quoted string in the JSON syntax, which YAML's double-quoted scalars share. */
export const quoted = (text: string): string => JSON.stringify(text);
