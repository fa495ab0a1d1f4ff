/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an
 * argument, and past ~100,000 of them V8 throws "RangeError: Maximum call stack size exceeded"
 * (a 200,000-row import answered 500 so): use this for any list whose length the input decides.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest and smallest of a list of any length (Math.max(...xs) has the same limit as push). */
export function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
