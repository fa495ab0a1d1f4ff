import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | null = null;

/**
 * A full garbage collection, for a one-off command between steps that each allocate a lot: a
 * million-line access-log import leaves tens of MB of garbage after counting and after its preview,
 * and V8 grows the heap rather than collect it, so every step's peak stacked on the one before
 * (CLI import on the embedded database: 371–375 → 299–304 MB peak, docs/BENCHMARKS.md). Each call costs
 * a stop of the process (tens of ms on a 50 MB heap), so a command calls it at a few seams only.
 */
export function collectGarbage(): void {
  if (!gc) {
    // The flag makes `gc` a global of contexts created afterwards; the process's own is left as it was.
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  gc();
}
