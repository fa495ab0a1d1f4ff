import type { PortStatus } from "@/lib/generated/prisma/enums";
import { FINISHED_STATUSES, OPEN_STATUSES } from "@/lib/inventory/item-state";
import type { RankItemInput, RankRelationInput } from "./types";

// Kinds as small integers, for typed arrays. Their order is also the order of blockedBy (as in
// blockersOf in lib/inventory/blockers.ts, which sorts by the enum: ROUTE, MODULE, DEPENDENCY).
export const ROUTE = 0;
export const MODULE = 1;
export const DEPENDENCY = 2;
export const KIND_CODE = { ROUTE, MODULE, DEPENDENCY } as const;

const FINISHED = new Set<PortStatus>(FINISHED_STATUSES);
const OPEN = new Set<PortStatus>(OPEN_STATUSES);

const isDeleted = (item: RankItemInput) => item.deletedAt !== undefined && item.deletedAt !== null;

/**
 * Whether an item holds back what uses it: the definition of lib/inventory/blockers.ts in
 * memory — not finished (lib/inventory/item-state.ts), whatever its kind.
 */
export function isNotReady(item: RankItemInput): boolean {
  return !isDeleted(item) && !FINISHED.has(item.status);
}

/** Whether an item is work to rank: open (not started or in progress), whatever its kind. */
export function isCandidate(item: RankItemInput): boolean {
  return !isDeleted(item) && OPEN.has(item.status);
}

/**
 * The blocking structure of a project, in flat arrays indexed like the input items.
 *
 * Only *blocking* edges are kept (from an item to a related item that is not ready): ported
 * modules and ready dependencies play no part in either direction, and deleted items or
 * relations to items not in the input block nothing.
 */
export type RankGraph = {
  kind: Uint8Array;
  candidate: Uint8Array;
  /** Blockers of item i: blockerList[blockerStart[i] .. blockerStart[i] + blockerCount[i]), distinct. */
  blockerStart: Int32Array;
  blockerCount: Int32Array;
  blockerList: Int32Array;
  /** Open routes held back by item i, directly or transitively; and their summed traffic. */
  unblockRoutes: Int32Array;
  unblockTraffic: Float64Array;
};

export function buildGraph(items: RankItemInput[], relations: RankRelationInput[], traffic: Float64Array): RankGraph {
  const n = items.length;
  const kind = new Uint8Array(n);
  const candidate = new Uint8Array(n);
  const notReady = new Uint8Array(n);
  const index = new Map<string, number>();
  // Backwards, so that of two live items with the same id the first one wins and the later one
  // is ignored altogether (the caller, one row per id from the database, never sends two).
  for (let i = n - 1; i >= 0; i--) {
    const item = items[i];
    kind[i] = KIND_CODE[item.kind];
    if (isDeleted(item)) continue;
    candidate[i] = isCandidate(item) ? 1 : 0;
    notReady[i] = isNotReady(item) ? 1 : 0;
    const size = index.size;
    index.set(item.id, i);
    if (index.size === size) {
      // Only reached for a repeated id: the index just replaced belongs to the later copy.
      for (let j = i + 1; j < n; j++) {
        if (items[j].id === item.id && candidate[j] + notReady[j] > 0) {
          candidate[j] = 0;
          notReady[j] = 0;
          break;
        }
      }
    }
  }

  // Resolve the blocking edges once, into two flat arrays.
  const m = relations.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  let e = 0;
  // Relations usually arrive grouped by fromId (the primary key's order): look each one up once.
  let lastFromId: string | null = null;
  let lastFrom: number | undefined;
  for (let r = 0; r < m; r++) {
    const rel = relations[r];
    const t = index.get(rel.toId);
    if (t === undefined || notReady[t] === 0) continue;
    if (rel.fromId !== lastFromId) {
      lastFromId = rel.fromId;
      lastFrom = index.get(lastFromId);
    }
    const f = lastFrom;
    if (f === undefined || f === t) continue;
    from[e] = f;
    to[e] = t;
    e++;
  }

  // Forward adjacency (compressed rows): what each item is blocked by, de-duplicated.
  const blockerStart = new Int32Array(n + 1);
  for (let k = 0; k < e; k++) blockerStart[from[k] + 1]++;
  for (let i = 0; i < n; i++) blockerStart[i + 1] += blockerStart[i];
  const blockerList = new Int32Array(e);
  const fill = blockerStart.slice(0, n);
  for (let k = 0; k < e; k++) blockerList[fill[from[k]]++] = to[k];
  const blockerCount = new Int32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const start = blockerStart[i];
    let w = start;
    for (let k = start, end = blockerStart[i + 1]; k < end; k++) {
      const b = blockerList[k];
      if (stamp[b] === i) continue;
      stamp[b] = i;
      blockerList[w++] = b;
    }
    blockerCount[i] = w - start;
  }

  // Reverse adjacency: who each not-ready item holds back. Duplicates are harmless here, the
  // walk below visits each item once per start.
  const usedByStart = new Int32Array(n + 1);
  for (let k = 0; k < e; k++) usedByStart[to[k] + 1]++;
  for (let i = 0; i < n; i++) usedByStart[i + 1] += usedByStart[i];
  const usedBy = new Int32Array(e);
  const fill2 = usedByStart.slice(0, n);
  for (let k = 0; k < e; k++) usedBy[fill2[to[k]]++] = from[k];

  // Unblocking credit: from each candidate module or dependency walk the reverse edges. Every
  // item reached is held back by it (dependency → module → route), because only not-ready items
  // have reverse edges to walk on. Each open route is counted once per start, by the stamp.
  const unblockRoutes = new Int32Array(n);
  const unblockTraffic = new Float64Array(n);
  const queue = new Int32Array(n);
  stamp.fill(-1);
  for (let s = 0; s < n; s++) {
    if (candidate[s] === 0 || kind[s] === ROUTE) continue;
    if (usedByStart[s] === usedByStart[s + 1]) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    stamp[s] = s;
    let routes = 0;
    let sum = 0;
    while (head < tail) {
      const x = queue[head++];
      for (let k = usedByStart[x], end = usedByStart[x + 1]; k < end; k++) {
        const y = usedBy[k];
        if (stamp[y] === s) continue;
        stamp[y] = s;
        if (kind[y] === ROUTE && candidate[y] === 1) {
          routes++;
          sum += traffic[y];
        }
        queue[tail++] = y;
      }
    }
    unblockRoutes[s] = routes;
    unblockTraffic[s] = sum;
  }

  return { kind, candidate, blockerStart, blockerCount, blockerList, unblockRoutes, unblockTraffic };
}
