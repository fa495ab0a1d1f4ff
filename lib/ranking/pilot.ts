import { ROUTE } from "./graph";
import type { PreparedRanking } from "./prepare";
import { clampComplexity } from "./score";

/**
 * The pilot (Patreon's "about" page): while no route is ported, one route to prove deployment,
 * sessions and the switch end to end. Among the open routes with nothing blocking them, prefer
 *   1. the lowest complexity;
 *   2. some traffic, but low: 0 < traffic ≤ the given quantile of the non-zero route traffic;
 *      then more traffic than that (the lower the better); zero traffic last, since a route
 *      nobody requests cannot prove the switch;
 *   3. better tests (unknown coverage counts below 0%);
 *   4. key, then id (stable).
 * Returns the index of the pilot in `items`, or -1 when there is none (a route is ported, or
 * every open route is blocked).
 */
export function choosePilot(prepared: PreparedRanking, quantile: number): number {
  const { items, graph, traffic, candidates, routeTrafficSorted: dist } = prepared;
  if (prepared.hasPortedRoute) return -1;
  const q = Math.min(1, Math.max(0, quantile));
  const lowCut = dist.length > 0 ? dist[Math.floor(q * (dist.length - 1))] : 0;
  const band = (t: number) => (t <= 0 ? 2 : t <= lowCut ? 0 : 1);

  let best = -1;
  for (const i of candidates) {
    if (graph.kind[i] !== ROUTE || graph.blockerCount[i] > 0) continue;
    if (best === -1 || better(i, best)) best = i;
  }
  return best;

  function better(a: number, b: number): boolean {
    const A = items[a];
    const B = items[b];
    const ca = clampComplexity(A.complexity);
    const cb = clampComplexity(B.complexity);
    if (ca !== cb) return ca < cb;
    const ba = band(traffic[a]);
    const bb = band(traffic[b]);
    if (ba !== bb) return ba < bb;
    if (ba === 1 && traffic[a] !== traffic[b]) return traffic[a] < traffic[b];
    const ta = A.testCoverage ?? -1;
    const tb = B.testCoverage ?? -1;
    if (ta !== tb) return ta > tb;
    if (A.key !== B.key) return A.key < B.key;
    return A.id < B.id;
  }
}
