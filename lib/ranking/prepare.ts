import type { PortStatus } from "@/lib/generated/prisma/enums";
import { DONE_STATUSES } from "@/lib/inventory/item-state";
import { buildGraph, ROUTE, type RankGraph } from "./graph";
import { cleanCount } from "./score";
import type { RankItemInput, RankRelationInput } from "./types";

const DONE = new Set<PortStatus>(DONE_STATUSES);

/**
 * Everything about a project's ranking that does not depend on the weights: the blocking graph,
 * the unblocking credit, the traffic each candidate is ranked on and the scales. A settings page
 * that re-ranks on every change of a weight prepares once and calls rankPrepared; treat the
 * prepared value (and the items in it) as immutable.
 */
export type PreparedRanking = {
  items: RankItemInput[];
  graph: RankGraph;
  /** Indices (into items) of the items to rank, in input order. */
  candidates: Int32Array;
  /** Per item: a route's own traffic; a module's or dependency's unblocked traffic; else 0. */
  traffic: Float64Array;
  /** Summed traffic of every live route, ported or not. */
  totalTraffic: number;
  hasPortedRoute: boolean;
  maxTraffic: number;
  maxSize: number;
  /** Non-zero traffic of the live routes, ascending; only while no route is ported (for the pilot). */
  routeTrafficSorted: Float64Array;
  /** Per item: 1 when someone holds an active claim on it (so the per-call count reads no item). */
  claimed: Uint8Array;
};

export function prepareRanking(items: RankItemInput[], relations: RankRelationInput[]): PreparedRanking {
  const n = items.length;

  // The project's route traffic: every live route counts towards the total, ported or not.
  const routeTraffic = new Float64Array(n);
  let totalTraffic = 0;
  let hasPortedRoute = false;
  let nonZero = 0;
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (item.kind !== "ROUTE" || (item.deletedAt !== undefined && item.deletedAt !== null)) continue;
    const t = cleanCount(item.trafficPerDay);
    routeTraffic[i] = t;
    totalTraffic += t;
    if (t > 0) nonZero++;
    if (DONE.has(item.status)) hasPortedRoute = true;
  }

  const graph = buildGraph(items, relations, routeTraffic);

  // The traffic each candidate is ranked on: a route's own; for a module or a dependency, the
  // traffic of the open routes it holds back (porting it is what lets them move).
  let count = 0;
  for (let i = 0; i < n; i++) count += graph.candidate[i];
  const candidates = new Int32Array(count);
  const traffic = new Float64Array(n);
  const claimed = new Uint8Array(n);
  let maxTraffic = 0;
  let maxSize = 0;
  for (let i = 0, c = 0; i < n; i++) {
    if (graph.candidate[i] === 0) continue;
    candidates[c++] = i;
    const t = graph.kind[i] === ROUTE ? routeTraffic[i] : graph.unblockTraffic[i];
    traffic[i] = t;
    if (t > maxTraffic) maxTraffic = t;
    const size = cleanCount(items[i].size);
    if (size > maxSize) maxSize = size;
    if (items[i].claimedBy) claimed[i] = 1;
  }

  // The pilot's "low traffic" is a quantile of this distribution; sorted once, and only while a
  // pilot can be chosen at all.
  let routeTrafficSorted = new Float64Array(0);
  if (!hasPortedRoute) {
    routeTrafficSorted = new Float64Array(nonZero);
    for (let i = 0, c = 0; i < n; i++) if (routeTraffic[i] > 0) routeTrafficSorted[c++] = routeTraffic[i];
    routeTrafficSorted.sort();
  }

  return { items, graph, candidates, traffic, totalTraffic, hasPortedRoute, maxTraffic, maxSize, routeTrafficSorted, claimed };
}
