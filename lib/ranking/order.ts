import type { RankItemInput } from "./types";

/**
 * The one sort of the ranking: group asc (pilot, targets + unblockers, long tail, blocked), then
 * score desc, traffic desc, key asc, id asc. A total order (ids are unique), so the result does
 * not depend on the input order.
 *
 * A comparator sort of 30,000 indices costs ~8 ms; the native sort of a typed array ~1.5 ms. So
 * group and score are packed into the high bits of an unsigned 64-bit integer with the index in
 * the low bits, that array is sorted natively, and only runs of equal packed keys (equal or
 * nearly equal scores) are then sorted with the full comparator. Correctness never rests on the
 * packing's precision: anything it cannot tell apart goes through the comparator.
 */
const INDEX_BITS = 21;
const KEY_BITS = 42; // KEY_BITS + INDEX_BITS = 63: the top bit stays clear.
const LOW_KEY_BITS = 32 - INDEX_BITS; // the part of the key in the low word
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

export function sortRanked(
  candidates: Int32Array,
  group: Uint8Array,
  score: Float64Array,
  traffic: Float64Array,
  items: RankItemInput[],
  minScore: number,
  maxScore: number,
): Int32Array {
  const n = candidates.length;
  const compare = (a: number, b: number) => {
    const d = group[a] - group[b] || score[b] - score[a] || traffic[b] - traffic[a];
    if (d !== 0) return d;
    const ka = items[a].key;
    const kb = items[b].key;
    if (ka !== kb) return ka < kb ? -1 : 1;
    const ia = items[a].id;
    const ib = items[b].id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  const span = maxScore - minScore + 1; // > the score range, so groups never overlap
  if (n >= 2 ** INDEX_BITS || !Number.isFinite(span)) return candidates.slice().sort(compare);

  const packed = new BigUint64Array(n);
  const words = new Uint32Array(packed.buffer);
  const scale = 2 ** KEY_BITS / (4 * span);
  for (let p = 0; p < n; p++) {
    const i = candidates[p];
    // x grows with group and falls with score; in [0, 4·span).
    const x = group[i] * span + (maxScore - score[i]);
    const q = Math.min(2 ** KEY_BITS - 1, Math.floor(x * scale));
    const hi = Math.floor(q / 2 ** LOW_KEY_BITS);
    words[2 * p + HI] = hi;
    words[2 * p + LO] = (((q - hi * 2 ** LOW_KEY_BITS) << INDEX_BITS) | p) >>> 0;
  }
  packed.sort();

  const order = new Int32Array(n);
  const mask = 2 ** INDEX_BITS - 1;
  for (let p = 0; p < n; p++) order[p] = candidates[words[2 * p + LO] & mask];

  // Runs of equal keys (same high word, same key bits of the low word): sort with the comparator.
  let start = 0;
  while (start < n) {
    const hi = words[2 * start + HI];
    const lo = words[2 * start + LO] >>> INDEX_BITS;
    let end = start + 1;
    while (end < n && words[2 * end + HI] === hi && words[2 * end + LO] >>> INDEX_BITS === lo) end++;
    if (end - start > 1) order.subarray(start, end).sort(compare);
    start = end;
  }
  return order;
}
