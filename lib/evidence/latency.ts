/**
 * A streaming latency histogram: log-spaced buckets 2 % wide from 0.01 ms, kept sparse, so a
 * quantile is exact to within 2 % whatever the number of samples, in at most ~900 buckets (up to
 * ten minutes). Memory does not grow with the requests.
 */
const MIN_MS = 0.01;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);

export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  count = 0;

  record(ms: number): void {
    const bucket = ms <= MIN_MS ? 0 : Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.count++;
  }

  /** The q-quantile (0 < q ≤ 1) in ms, as its bucket's upper bound; null without samples. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= rank) return Math.round(MIN_MS * Math.pow(GROWTH, bucket) * 100) / 100;
    }
    return null;
  }
}
