import { performance } from "node:perf_hooks";

export type Figures = Record<string, string | number>;
export type Benchmark = { name: string; run: () => Promise<Figures> };

/** Milliseconds of one call. */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs fn n times after a warm-up; returns p50, p95 and mean in milliseconds. */
export async function timeMany(n: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(20, n)) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await timeOnce(() => fn(i)));
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: round(pick(0.5)), p95: round(pick(0.95)), mean: round(samples.reduce((a, b) => a + b, 0) / n) };
}

export const round = (ms: number) => Math.round(ms * 100) / 100;
export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
