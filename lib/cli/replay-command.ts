import fs from "node:fs";
import * as clock from "@/lib/time/clock";
import { IgnoreRuleError, parseIgnoreRegex, parseJsonPath } from "@/lib/evidence/compare";
import { checkMethods, formatReplayTable, replayEvidence, ReplayInputError, runReplay, type SamplingStrategy } from "@/lib/evidence/replay";
import { intOption, numberOption, parseOptions } from "./args";
import { CliError } from "./cli-error";
import { API_OPTIONS, commitOf, connect, loadRoutes, newRunId, postEvidence, splitRouteKeys, type EvidenceDeps } from "./evidence-options";

const URL_RE = /^https?:\/\/[^/]/i;

/**
 * `waypoint replay --project P --log access.log[.gz] --legacy URL --new URL [--sample 10000]
 *  [--strategy stratified|reservoir] [--seed 1] [--methods GET,HEAD] [--allow-unsafe]
 *  [--ignore-json-path $.csrf]… [--ignore-regex RE]… [--concurrency 8] [--timeout 10]
 *  [--max-mismatch 1] [--routes KEYS] [--url U] [--token T] [--commit SHA] [--dry-run]`
 * Exit code: 0 when every replayed route passed; 1 when any failed, was inconclusive or could
 * not be compared.
 */
export async function replayCommand(args: string[], deps: EvidenceDeps = {}): Promise<number> {
  const print = deps.print ?? ((line: string) => console.log(line));
  const warn = deps.warn ?? ((line: string) => console.error(line));
  const env = deps.env ?? process.env;
  const { values } = parseOptions(args, {
    ...API_OPTIONS,
    log: { type: "string" },
    legacy: { type: "string" },
    new: { type: "string" },
    sample: { type: "string" },
    strategy: { type: "string" },
    seed: { type: "string" },
    methods: { type: "string" },
    "allow-unsafe": { type: "boolean" },
    "ignore-json-path": { type: "string", multiple: true },
    "ignore-regex": { type: "string", multiple: true },
    concurrency: { type: "string" },
    timeout: { type: "string" },
    "max-mismatch": { type: "string" },
    "max-body": { type: "string" },
    routes: { type: "string" },
  });
  if (!values.log) throw new CliError("replay needs --log <access log> (plain or .gz).");
  if (!fs.existsSync(values.log)) throw new CliError(`No such file: ${values.log}`);
  if (!values.legacy || !URL_RE.test(values.legacy)) throw new CliError("replay needs --legacy http(s)://… of the legacy backend.");
  if (!values.new || !URL_RE.test(values.new)) throw new CliError("replay needs --new http(s)://… of the new backend.");
  const strategy = (values.strategy ?? "stratified") as SamplingStrategy;
  if (strategy !== "stratified" && strategy !== "reservoir") throw new CliError("--strategy is stratified (per route, the default) or reservoir (uniform).");
  const sample = intOption(values.sample, "sample", 10_000, 1, 1_000_000);
  const seed = intOption(values.seed, "seed", 1, 0, 2 ** 32 - 1);
  const concurrency = intOption(values.concurrency, "concurrency", 8, 1, 256);
  const timeoutMs = numberOption(values.timeout, "timeout", 10, 0.1, 600) * 1000;
  const maxMismatchPercent = numberOption(values["max-mismatch"], "max-mismatch", 1, 0, 100);
  const maxBodyBytes = intOption(values["max-body"], "max-body", 1024, 1, 64 * 1024) * 1024;
  const commitSha = commitOf(values.commit, env);
  let methods: string[];
  let rules;
  try {
    methods = checkMethods((values.methods ?? "GET,HEAD").split(","), Boolean(values["allow-unsafe"]));
    rules = { jsonPaths: (values["ignore-json-path"] ?? []).map(parseJsonPath), regexes: (values["ignore-regex"] ?? []).map(parseIgnoreRegex) };
  } catch (error) {
    if (error instanceof ReplayInputError || error instanceof IgnoreRuleError) throw new CliError(error.message);
    throw error;
  }

  const { source, sink } = connect(values, deps, "replay");
  const observedAt = clock.now().toISOString();
  let routes = await loadRoutes(source);
  if (values.routes) {
    const keys = splitRouteKeys(values.routes);
    const unknown = keys.filter((k) => !routes.some((r) => r.key === k));
    if (unknown.length) throw new CliError(`--routes: no such route in the project: ${unknown.map((k) => `"${k}"`).join(", ")}.`);
    routes = routes.filter((r) => keys.includes(r.key));
  }
  warn(
    "replay: every sampled request is sent to legacy twice and to the new stack once. Run the new side with a read-only database user" +
      (values["allow-unsafe"] ? `; unsafe methods (${methods.join(", ")}) are replayed as asked: use disposable backends.` : "."),
  );

  let report;
  try {
    report = await runReplay({
      log: values.log,
      routes,
      legacyUrl: values.legacy,
      newUrl: values.new,
      sample,
      strategy,
      seed,
      methods,
      allowUnsafe: Boolean(values["allow-unsafe"]),
      rules,
      concurrency,
      timeoutMs,
      maxBodyBytes,
      maxMismatchPercent,
    });
  } catch (error) {
    if (error instanceof ReplayInputError) throw new CliError(error.message);
    throw error;
  }
  for (const w of report.warnings.slice(0, 5)) warn(`warning: ${w}`);
  print(formatReplayTable(report));
  const records = replayEvidence(report, { runId: newRunId(), observedAt, legacyUrl: values.legacy, newUrl: values.new, commitSha });
  const notCompared = report.patterns.filter((p) => p.conclusion === null);
  if (notCompared.length)
    warn(
      `replay: ${notCompared.length} route${notCompared.length === 1 ? "" : "s"} could not be compared; nothing is recorded for ${notCompared.length === 1 ? "it" : "them"}.`,
    );
  if (report.sampled === 0) warn("replay: no request of the log matched a route of the project with a replayed method.");
  await postEvidence(sink, records, Boolean(values["dry-run"]), print);
  return report.sampled > 0 && report.patterns.every((p) => p.conclusion === "success") ? 0 : 1;
}
