// Over 400 lines: one pipeline (read the log, send each request to both sides, compare, summarise per route) whose steps share its types.
/**
 * Dark-load replay: real requests from an access log, sent to the legacy and the new backends,
 * their answers compared per route.
 *
 *   log ─► streaming reader + route matcher ─► sampler (fixed size) ─► for each sampled request:
 *          legacy, then legacy again and new at once ─► compare ─► per route: mismatch rate above
 *          legacy's own noise, latency p50/p95 both sides, the worst examples ─► one record each
 *
 * The noise floor is Diffy's idea: the same request sent to legacy twice tells which fields
 * change by themselves (timestamps, request ids, CSRF tokens). A field legacy changes on any
 * request of a route is noise for that route; a difference between legacy and new counts only
 * outside the noise. A request whose status legacy itself changed is not judged (counted apart).
 *
 * Safety: only safe methods (GET, HEAD, OPTIONS) unless told otherwise — a log has no request
 * bodies and a replayed POST writes twice — and the new side should run with a read-only database
 * user (the command says so). Memory is bounded: the log streams, the sample has a fixed size,
 * latencies go into histograms, and each route keeps at most a few examples.
 */
import { countAccessLogFile, type LoggedRequest } from "@/lib/import/access-log";
import { prng } from "@/lib/random";
import type { RouteTarget } from "./client";
import { differences, generalise, isCoveredBy, normalise, NO_RULES, type Difference, type IgnoreRules } from "./compare";
import { httpRequest, mapPool } from "./http";
import { LatencyHistogram } from "./latency";
import { itemRefOf, joinUrl, shortHash } from "./smoke";
import type { EvidenceConclusion, EvidenceRecordInput } from "./schemas";

export class ReplayInputError extends Error {}

export const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"] as const;

// ───────────────────────────── sampling ─────────────────────────────

export type SampledRequest = { route: number; method: string; target: string };
export type SamplingStrategy = "stratified" | "reservoir";

/**
 * A fixed-size sample of a stream of requests, deterministic for a seed.
 *
 * - `reservoir`: uniform over all requests (Algorithm R); busy routes dominate, as in the traffic.
 * - `stratified` (default): per route, so that quiet routes are replayed too. Each route keeps a
 *   uniform reservoir of min(its requests, L) requests. The level L starts unbounded and only
 *   comes down: when the routes together hold more than 2 × size, L is lowered until they hold
 *   1.5 × size and the reservoirs above it are cut at random (a random subset of a uniform sample
 *   is uniform). So at most 2 × size requests are held (or one per route, if there are more
 *   routes than that). At the end the sample is cut to `size` by water-filling: every route keeps
 *   min(its count, L'), with L' as high as the size allows — what quiet routes do not need goes to
 *   busy ones.
 */
export class RequestSampler {
  private readonly rand: () => number;
  private readonly strata = new Map<number, { seen: number; items: SampledRequest[] }>();
  private readonly all: SampledRequest[] = [];
  private seen = 0;
  private level = Infinity;
  private held = 0;

  constructor(
    private readonly size: number,
    private readonly strategy: SamplingStrategy = "stratified",
    seed = 1,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new ReplayInputError("The sample size is a whole number ≥ 1.");
    this.rand = prng(seed);
  }

  offer(route: number, request: LoggedRequest): void {
    if (this.strategy === "reservoir") {
      this.seen++;
      if (this.all.length < this.size) this.all.push(take(route, request));
      else {
        const j = Math.floor(this.rand() * this.seen);
        if (j < this.size) this.all[j] = take(route, request);
      }
      return;
    }
    let stratum = this.strata.get(route);
    if (!stratum) this.strata.set(route, (stratum = { seen: 0, items: [] }));
    stratum.seen++;
    if (stratum.items.length < this.level) {
      stratum.items.push(take(route, request));
      if (++this.held > 2 * this.size && this.level > 1) this.lower();
    } else {
      // Algorithm R at capacity L: the reservoir stays a uniform sample of the route's requests.
      const j = Math.floor(this.rand() * stratum.seen);
      if (j < stratum.items.length) stratum.items[j] = take(route, request);
    }
  }

  /** The sample: at most `size` requests, grouped by route (in order of first appearance). */
  result(): SampledRequest[] {
    if (this.strategy === "reservoir") return [...this.all].sort((a, b) => a.route - b.route);
    const strata = [...this.strata.values()];
    const quota = waterFill(
      strata.map((s) => s.items.length),
      this.size,
    );
    return strata.flatMap((s, i) => {
      trim(s.items, quota[i], this.rand);
      return s.items;
    });
  }

  private lower(): void {
    const strata = [...this.strata.values()];
    this.level = Math.max(
      1,
      levelFor(
        strata.map((s) => s.items.length),
        Math.floor(1.5 * this.size),
      ),
    );
    this.held = 0;
    for (const s of strata) {
      trim(s.items, this.level, this.rand);
      this.held += s.items.length;
    }
  }
}

/** The largest L with Σ min(size, L) ≤ budget (binary search). */
function levelFor(sizes: readonly number[], budget: number): number {
  let lo = 0;
  let hi = Math.max(0, ...sizes);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    let sum = 0;
    for (const s of sizes) sum += Math.min(s, mid);
    if (sum <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function take(route: number, request: LoggedRequest): SampledRequest {
  return { route, method: request.method(), target: request.target() };
}

/** Removes random elements until `max` remain (order of the rest kept). */
function trim<T>(items: T[], max: number, rand: () => number): void {
  while (items.length > max) items.splice(Math.floor(rand() * items.length), 1);
}

/** Quotas summing to min(total, Σ sizes): each min(size, L), the remainder to the first bigger ones. */
export function waterFill(sizes: readonly number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum <= total) return [...sizes];
  const sorted = [...sizes].sort((a, b) => a - b);
  let left = total;
  let level = 0;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(left / (sorted.length - i));
    if (sorted[i] <= share) left -= sorted[i];
    else {
      level = share;
      break;
    }
  }
  const quota = sizes.map((s) => Math.min(s, level));
  let remainder = total - quota.reduce((a, b) => a + b, 0);
  for (let i = 0; i < sizes.length && remainder > 0; i++) {
    if (sizes[i] > quota[i]) {
      quota[i]++;
      remainder--;
    }
  }
  return quota;
}

// ───────────────────────────── replaying ─────────────────────────────

export type ReplayOptions = {
  /** An access log on disk, plain or gzip (detected by its magic bytes). */
  log: string;
  routes: readonly RouteTarget[];
  legacyUrl: string;
  newUrl: string;
  sample?: number;
  strategy?: SamplingStrategy;
  seed?: number;
  /** Methods replayed (default GET, HEAD). */
  methods?: readonly string[];
  allowUnsafe?: boolean;
  rules?: IgnoreRules;
  concurrency?: number;
  timeoutMs?: number;
  /** Bytes of each body compared (default 1 MiB). */
  maxBodyBytes?: number;
  /** The mismatch rate above which a route fails (default 1 %). */
  maxMismatchPercent?: number;
  /** Requests not answered (either side) above this share of a route's sample: inconclusive. */
  maxErrorShare?: number;
};

export type ReplayExample = {
  method: string;
  target: string;
  legacyStatus: number;
  newStatus: number;
  /** The differences beyond noise (at most 5). */
  differences: Difference[];
};

export type PatternResult = {
  route: RouteTarget;
  /** Requests of the route in the log (with a replayed method). */
  inLog: number;
  sampled: number;
  /** Requests answered three times with a stable legacy status: the base of the rate. */
  compared: number;
  mismatches: number;
  statusMismatches: number;
  /** Requests whose differences were all in legacy's own noise. */
  withinNoise: number;
  /** Requests whose status legacy itself changed between the two sends. */
  unstable: number;
  /** Fields legacy changed by itself (generalised), at most 20. */
  noise: string[];
  errors: { legacy: number; new: number; messages: string[] };
  latency: { legacy: { p50: number | null; p95: number | null }; new: { p50: number | null; p95: number | null } };
  examples: ReplayExample[];
  mismatchPercent: number | null;
  /** Null: nothing could be compared, so nothing is recorded. */
  conclusion: EvidenceConclusion | null;
  reason: string;
};

export type ReplayReport = {
  lines: number;
  requests: number;
  matched: number;
  /** Matched requests with a replayed method: the population sampled. */
  eligible: number;
  sampled: number;
  skippedMethods: number;
  patterns: PatternResult[];
  thresholdPercent: number;
  warnings: string[];
};

type Outcome =
  | { kind: "legacy-error"; message: string }
  | { kind: "new-error"; message: string; legacyMs: number }
  | { kind: "unstable"; legacyMs: number; newMs: number }
  | { kind: "compared"; legacyStatus: number; newStatus: number; noise: string[]; diffs: Difference[]; legacyMs: number; newMs: number };

const MAX_DIFFS = 20;
const MAX_NOISE_FIELDS = 200;
const DETAILED_PER_ROUTE = 10;
const EXAMPLES = 3;

class PatternAccumulator {
  sampled = 0;
  unstable = 0;
  errorsLegacy = 0;
  errorsNew = 0;
  readonly errorMessages: string[] = [];
  readonly noise = new Set<string>();
  readonly legacy = new LatencyHistogram();
  readonly new = new LatencyHistogram();
  /** Per compared request: the status pair and generalised diff paths; details for a few. */
  readonly compared: { statusDiff: boolean; paths: string[]; detail: ReplayExample | null }[] = [];
  private detailed = 0;

  add(request: SampledRequest, outcome: Outcome): void {
    switch (outcome.kind) {
      case "legacy-error":
        this.errorsLegacy++;
        this.note(`legacy: ${outcome.message}`);
        return;
      case "new-error":
        this.errorsNew++;
        this.legacy.record(outcome.legacyMs);
        this.note(`new: ${outcome.message}`);
        return;
      case "unstable":
        this.unstable++;
        this.legacy.record(outcome.legacyMs);
        this.new.record(outcome.newMs);
        return;
      case "compared": {
        this.legacy.record(outcome.legacyMs);
        this.new.record(outcome.newMs);
        for (const path of outcome.noise) if (this.noise.size < MAX_NOISE_FIELDS) this.noise.add(path);
        const statusDiff = outcome.legacyStatus !== outcome.newStatus;
        const differs = statusDiff || outcome.diffs.length > 0;
        const detail =
          differs && this.detailed < DETAILED_PER_ROUTE
            ? { method: request.method, target: request.target, legacyStatus: outcome.legacyStatus, newStatus: outcome.newStatus, differences: outcome.diffs }
            : null;
        if (detail) this.detailed++;
        this.compared.push({ statusDiff, paths: statusDiff ? [] : outcome.diffs.map((d) => generalise(d.path)), detail });
      }
    }
  }

  private note(message: string): void {
    if (this.errorMessages.length < 3 && !this.errorMessages.includes(message)) this.errorMessages.push(message);
  }
}

function safeTarget(target: string): string | null {
  if (target.startsWith("/")) return target;
  const m = /^https?:\/\/[^/]*(\/.*)?$/i.exec(target);
  return m ? (m[1] ?? "/") : null;
}

async function replayOne(
  request: SampledRequest,
  options: Required<Pick<ReplayOptions, "legacyUrl" | "newUrl" | "timeoutMs" | "maxBodyBytes">> & { rules: IgnoreRules },
): Promise<Outcome> {
  const target = safeTarget(request.target)!;
  const http = { method: request.method, timeoutMs: options.timeoutMs, maxBodyBytes: request.method === "HEAD" ? 0 : options.maxBodyBytes };
  const first = await httpRequest(joinUrl(options.legacyUrl, target), http);
  if (!first.ok) return { kind: "legacy-error", message: first.message };
  const [again, candidate] = await Promise.all([httpRequest(joinUrl(options.legacyUrl, target), http), httpRequest(joinUrl(options.newUrl, target), http)]);
  if (!again.ok) return { kind: "legacy-error", message: again.message };
  if (!candidate.ok) return { kind: "new-error", message: candidate.message, legacyMs: first.ms };
  if (first.status !== again.status) return { kind: "unstable", legacyMs: first.ms, newMs: candidate.ms };
  const a = normalise(first, options.rules);
  const noise = differences(a, normalise(again, options.rules), MAX_DIFFS).map((d) => generalise(d.path));
  const diffs = first.status === candidate.status ? differences(a, normalise(candidate, options.rules), MAX_DIFFS) : [];
  return { kind: "compared", legacyStatus: first.status, newStatus: candidate.status, noise, diffs, legacyMs: first.ms, newMs: candidate.ms };
}

/** Noise that covers a whole body: nothing in it can be judged. */
const WHOLE_BODY = new Set(["$", "body", "lines"]);

function finish(route: RouteTarget, inLog: number, acc: PatternAccumulator, threshold: number, maxErrorShare: number): PatternResult {
  let mismatches = 0;
  let statusMismatches = 0;
  let withinNoise = 0;
  const worst: { score: number; example: ReplayExample }[] = [];
  for (const c of acc.compared) {
    const beyond = c.statusDiff ? ["status"] : c.paths.filter((p) => !isCoveredBy(p, acc.noise));
    if (beyond.length === 0) {
      if (c.paths.length > 0) withinNoise++;
      continue;
    }
    mismatches++;
    if (c.statusDiff) statusMismatches++;
    if (c.detail) {
      const differencesBeyond = c.statusDiff ? [] : c.detail.differences.filter((d) => !isCoveredBy(generalise(d.path), acc.noise)).slice(0, 5);
      worst.push({ score: (c.statusDiff ? 1000 : 0) + beyond.length, example: { ...c.detail, differences: differencesBeyond } });
    }
  }
  worst.sort((a, b) => b.score - a.score);
  const compared = acc.compared.length;
  const errors = acc.errorsLegacy + acc.errorsNew;
  const mismatchPercent = compared ? Math.round((mismatches / compared) * 10_000) / 100 : null;
  const wholeBodyNoise = [...acc.noise].some((p) => WHOLE_BODY.has(p));

  let conclusion: EvidenceConclusion | null;
  let reason: string;
  if (compared === 0) {
    conclusion = null;
    reason = errors
      ? `nothing compared: ${acc.errorMessages.join("; ")}`
      : acc.unstable
        ? "nothing compared: legacy answered each request with a different status"
        : "nothing compared";
  } else if (mismatchPercent! > threshold) {
    conclusion = "failure";
    reason = `${mismatchPercent} % of requests differ beyond legacy's noise; at most ${threshold} % allowed`;
  } else if (errors / acc.sampled > maxErrorShare) {
    conclusion = "inconclusive";
    reason = `${errors} of ${acc.sampled} requests got no answer (${acc.errorMessages.join("; ")})`;
  } else if (wholeBodyNoise && withinNoise > 0) {
    conclusion = "inconclusive";
    reason = "legacy's answers differ from each other as a whole, so differences cannot be judged: add --ignore-regex or --ignore-json-path rules";
  } else {
    conclusion = "success";
    reason = `${mismatchPercent} % of requests differ beyond legacy's noise; at most ${threshold} %`;
  }
  return {
    route,
    inLog,
    sampled: acc.sampled,
    compared,
    mismatches,
    statusMismatches,
    withinNoise,
    unstable: acc.unstable,
    noise: [...acc.noise].sort().slice(0, 20),
    errors: { legacy: acc.errorsLegacy, new: acc.errorsNew, messages: acc.errorMessages },
    latency: { legacy: { p50: acc.legacy.quantile(0.5), p95: acc.legacy.quantile(0.95) }, new: { p50: acc.new.quantile(0.5), p95: acc.new.quantile(0.95) } },
    examples: worst.slice(0, EXAMPLES).map((w) => w.example),
    mismatchPercent,
    conclusion,
    reason,
  };
}

export function checkMethods(methods: readonly string[], allowUnsafe: boolean): string[] {
  const upper = methods.map((m) => m.trim().toUpperCase()).filter(Boolean);
  if (upper.length === 0) throw new ReplayInputError("--methods lists at least one method.");
  const unsafe = upper.filter((m) => !(SAFE_METHODS as readonly string[]).includes(m));
  if (unsafe.length && !allowUnsafe) {
    throw new ReplayInputError(
      `${unsafe.join(", ")} ${unsafe.length === 1 ? "is" : "are"} not safe to replay: the log has no request bodies and a replayed write happens twice on legacy. Add --allow-unsafe only against disposable backends.`,
    );
  }
  return upper;
}

export async function runReplay(options: ReplayOptions): Promise<ReplayReport> {
  const methods = new Set(checkMethods(options.methods ?? ["GET", "HEAD"], options.allowUnsafe ?? false));
  const sampler = new RequestSampler(options.sample ?? 10_000, options.strategy ?? "stratified", options.seed ?? 1);
  const inLog = new Float64Array(options.routes.length);
  let eligible = 0;
  let skippedMethods = 0;
  const count = await countAccessLogFile(options.log, options.routes, {
    file: options.log,
    onRequest(route, request) {
      if (route < 0) return;
      const method = request.method();
      if (!methods.has(method)) {
        skippedMethods++;
        return;
      }
      eligible++;
      inLog[route]++;
      sampler.offer(route, request);
    },
  });
  const errors = count.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new ReplayInputError(errors.map((e) => `${e.file}: ${e.message}`).join("\n"));

  const sample = sampler.result().filter((r) => safeTarget(r.target) !== null);
  const accumulators = new Map<number, PatternAccumulator>();
  const settings = {
    legacyUrl: options.legacyUrl,
    newUrl: options.newUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    rules: options.rules ?? NO_RULES,
  };
  await mapPool(sample, options.concurrency ?? 8, async (request) => {
    const outcome = await replayOne(request, settings);
    let acc = accumulators.get(request.route);
    if (!acc) accumulators.set(request.route, (acc = new PatternAccumulator()));
    acc.sampled++;
    acc.add(request, outcome);
  });

  const threshold = options.maxMismatchPercent ?? 1;
  const patterns = [...accumulators.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([route, acc]) => finish(options.routes[route], inLog[route], acc, threshold, options.maxErrorShare ?? 0.05));
  const warnings = count.issues.filter((i) => i.severity === "warning").map((i) => i.message);
  return {
    lines: count.lines,
    requests: count.requests,
    matched: count.matched,
    eligible,
    sampled: sample.length,
    skippedMethods,
    patterns,
    thresholdPercent: threshold,
    warnings,
  };
}

// ───────────────────────────── evidence and output ─────────────────────────────

const SUMMARY_EXAMPLE_CHARS = 400;

export function replayEvidence(
  report: ReplayReport,
  context: { runId: string; observedAt: string; legacyUrl: string; newUrl: string; commitSha?: string },
): EvidenceRecordInput[] {
  return report.patterns
    .filter((p) => p.conclusion !== null)
    .map((p) => ({
      name: "replay",
      kind: "replay",
      status: "completed",
      conclusion: p.conclusion!,
      measured: { value: p.mismatchPercent!, unit: "%", threshold: report.thresholdPercent, comparison: "<=", sampleSize: p.compared },
      metrics: {
        requestsInLog: p.inLog,
        sampled: p.sampled,
        compared: p.compared,
        mismatches: p.mismatches,
        statusMismatches: p.statusMismatches,
        withinNoise: p.withinNoise,
        unstable: p.unstable,
        errorsLegacy: p.errors.legacy,
        errorsNew: p.errors.new,
        ...(p.latency.legacy.p50 !== null && { legacyP50Ms: p.latency.legacy.p50, legacyP95Ms: p.latency.legacy.p95! }),
        ...(p.latency.new.p50 !== null && { newP50Ms: p.latency.new.p50, newP95Ms: p.latency.new.p95! }),
      },
      summary: describePattern(p, { ...context, thresholdPercent: report.thresholdPercent }),
      items: [itemRefOf(p.route)],
      externalId: `replay-${context.runId}-${shortHash(p.route.key)}`,
      observedAt: context.observedAt,
      ...(context.commitSha && { commitSha: context.commitSha }),
    }));
}

const ms = (v: number | null) => (v === null ? "–" : `${v}`);

function describePattern(p: PatternResult, context: { legacyUrl: string; newUrl: string; thresholdPercent: number }): string {
  const lines = [
    `Replayed ${p.sampled.toLocaleString("en")} sampled requests of ${p.route.key} (of ${p.inLog.toLocaleString("en")} in the log) to legacy ${context.legacyUrl} and new ${context.newUrl}.`,
    `Compared ${p.compared.toLocaleString("en")}: ${p.mismatches.toLocaleString("en")} differ beyond legacy's own noise, ${p.mismatchPercent} % (at most ${context.thresholdPercent} %)${p.statusMismatches ? `; ${p.statusMismatches} by status` : ""}.`,
  ];
  if (p.conclusion === "inconclusive") lines.push(`Inconclusive: ${p.reason}.`);
  if (p.noise.length) lines.push(`Legacy changes by itself (not counted): ${p.noise.join(", ")}.`);
  if (p.withinNoise) lines.push(`${p.withinNoise.toLocaleString("en")} requests differed only in those fields.`);
  if (p.unstable) lines.push(`${p.unstable.toLocaleString("en")} requests not judged: legacy answered them with two different statuses.`);
  if (p.errors.legacy || p.errors.new)
    lines.push(`Not compared: ${p.errors.legacy} legacy and ${p.errors.new} new requests got no answer (${p.errors.messages.join("; ")}).`);
  lines.push(
    `Latency p50 / p95: legacy ${ms(p.latency.legacy.p50)} / ${ms(p.latency.legacy.p95)} ms, new ${ms(p.latency.new.p50)} / ${ms(p.latency.new.p95)} ms.`,
  );
  if (p.examples.length) {
    lines.push("", "Worst examples:");
    for (const e of p.examples) {
      const what =
        e.legacyStatus !== e.newStatus ? `status ${e.legacyStatus} → ${e.newStatus}` : e.differences.map((d) => `${d.path}: ${d.legacy} → ${d.new}`).join("; ");
      const line = `- ${e.method} ${e.target}: ${what}`;
      lines.push(line.length > SUMMARY_EXAMPLE_CHARS ? `${line.slice(0, SUMMARY_EXAMPLE_CHARS - 1)}…` : line);
    }
  }
  return lines.join("\n");
}

/** The table the command prints: one row per route, failures first. */
export function formatReplayTable(report: ReplayReport): string {
  const order: Record<string, number> = { failure: 0, inconclusive: 1, null: 2, success: 3 };
  const rows = [...report.patterns].sort((a, b) => order[String(a.conclusion)] - order[String(b.conclusion)] || a.route.key.localeCompare(b.route.key));
  const table = [
    ["result", "route", "sampled", "compared", "mismatch", "in noise", "errors", "legacy p50/p95 ms", "new p50/p95 ms"],
    ...rows.map((p) => [
      p.conclusion === null ? "NOT RUN" : p.conclusion === "success" ? "ok" : p.conclusion.toUpperCase(),
      p.route.key,
      String(p.sampled),
      String(p.compared),
      p.mismatchPercent === null ? "–" : `${p.mismatchPercent} %`,
      String(p.withinNoise + p.unstable),
      String(p.errors.legacy + p.errors.new),
      `${ms(p.latency.legacy.p50)}/${ms(p.latency.legacy.p95)}`,
      `${ms(p.latency.new.p50)}/${ms(p.latency.new.p95)}`,
    ]),
  ];
  const widths = table[0].map((_, c) => Math.min(60, Math.max(...table.map((row) => row[c].length))));
  const out = table.map((row) =>
    row
      .map((cell, c) => (cell.length > widths[c] ? `${cell.slice(0, widths[c] - 1)}…` : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd(),
  );
  for (const p of rows.filter((r) => r.conclusion !== "success")) {
    out.push("", `${p.route.key}: ${p.reason}`);
    for (const e of p.examples)
      out.push(
        `  ${e.method} ${e.target}: ${e.legacyStatus !== e.newStatus ? `status ${e.legacyStatus} → ${e.newStatus}` : e.differences.map((d) => `${d.path}: ${d.legacy} → ${d.new}`).join("; ")}`,
      );
  }
  const count = (c: EvidenceConclusion | null) => report.patterns.filter((p) => p.conclusion === c).length;
  out.push(
    "",
    `${report.lines.toLocaleString("en")} log lines, ${report.eligible.toLocaleString("en")} requests to replayable routes; ${report.sampled.toLocaleString("en")} sampled over ${report.patterns.length} routes: ` +
      `${count("success")} ok, ${count("failure")} failed, ${count("inconclusive")} inconclusive, ${count(null)} not compared (threshold ${report.thresholdPercent} %).`,
  );
  return out.join("\n");
}
