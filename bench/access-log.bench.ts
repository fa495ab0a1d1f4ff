/**
 * The access-log count against the product's target: 1,000,000 Combined Log Format lines
 * (~125 MB) against 5,000 routes in ≤ 1.5 s, peak RSS growth ≤ 150 MB. The reference is awk,
 * ~1.1 s on this machine for a plain count per path (docs: /work/shared/STACK.md).
 */
import fs from "node:fs";
import os from "node:os";
import { countAccessLog, type AccessLogCount } from "@/lib/import/access-log";
import { ensureAccessLogFixture, type AccessLogFixture } from "./generate-access-log";
import { mb, round, timeOnce, type Benchmark } from "./harness";

const LINES = 1_000_000;
const ROUTES = 5_000;

type Run = { ms: number; peakRssGrowth: number; result: AccessLogCount };

/** One count over a file stream, with RSS sampled every 50 ms (the count yields between chunks). */
async function measure(file: string, fixture: AccessLogFixture): Promise<Run> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let result!: AccessLogCount;
  const ms = await timeOnce(async () => {
    result = await countAccessLog(fs.createReadStream(file), fixture.routes, { file });
  });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  check(result, fixture, file);
  return { ms, peakRssGrowth: peak - baseline, result };
}

/** A fast wrong answer is no result: the generator knows how many lines match. */
function check(result: AccessLogCount, fixture: AccessLogFixture, file: string): void {
  const problems: string[] = [];
  if (result.lines !== fixture.lines) problems.push(`lines ${result.lines} ≠ ${fixture.lines}`);
  if (result.matched !== fixture.expectedMatched) problems.push(`matched ${result.matched} ≠ ${fixture.expectedMatched}`);
  if (result.malformed !== 0) problems.push(`${result.malformed} malformed`);
  if (result.firstAt?.getTime() !== fixture.firstMs || result.lastAt?.getTime() !== fixture.lastMs) problems.push("firstAt/lastAt differ");
  if (result.issues.length) problems.push(`issues: ${result.issues.map((i) => i.message).join("; ")}`);
  if (problems.length) throw new Error(`access-log bench on ${file}: ${problems.join(", ")}`);
}

const linesPerSecond = (ms: number) => `${Math.round(LINES / (ms / 1000)).toLocaleString("en-US")} lines/s`;

async function run() {
  let fixture!: AccessLogFixture;
  const generateMs = await timeOnce(async () => {
    fixture = await ensureAccessLogFixture(LINES, ROUTES);
  });
  const cold = await measure(fixture.file, fixture);
  const warm = await measure(fixture.file, fixture);
  const gz = await measure(fixture.gzFile, fixture);
  return {
    [`fixture: ${mb(fixture.bytes)} log + ${mb(fs.statSync(fixture.gzFile).size)} .gz (ms)`]: fixture.reused ? "reused" : round(generateMs),
    "plain, first run: wall (ms)": round(cold.ms),
    "plain, first run: throughput": linesPerSecond(cold.ms),
    "plain, first run: peak RSS growth": mb(cold.peakRssGrowth),
    "plain, second run: wall (ms)": round(warm.ms),
    "plain, second run: throughput": linesPerSecond(warm.ms),
    "plain, second run: peak RSS growth": mb(warm.peakRssGrowth),
    "gzip: wall (ms)": round(gz.ms),
    "gzip: throughput": linesPerSecond(gz.ms),
    "gzip: peak RSS growth": mb(gz.peakRssGrowth),
    "lines matched / distinct METHOD + path": `${cold.result.matched.toLocaleString("en-US")} / ${fixture.distinctRequests.toLocaleString("en-US")}`,
    // The machine is shared: a busy neighbour slows every figure above.
    "load average (1 min) after the runs": os.loadavg()[0].toFixed(2),
  };
}

export const accessLogCount: Benchmark = { name: "import: access log count (1,000,000 lines, 5,000 routes)", run };
