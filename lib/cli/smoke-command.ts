import fs from "node:fs";
import * as clock from "@/lib/time/clock";
import {
  examplePathsFromLog,
  formatSmokeTable,
  parseExpectOption,
  parseProfile,
  runSmoke,
  smokeEvidence,
  smokeTargets,
  SmokeInputError,
  type Expectation,
  type Profile,
} from "@/lib/evidence/smoke";
import { intOption, numberOption, parseOptions } from "./args";
import { CliError } from "./cli-error";
import { API_OPTIONS, commitOf, connect, loadRoutes, newRunId, postEvidence, splitRouteKeys, type EvidenceDeps } from "./evidence-options";

/**
 * `waypoint smoke --project P --base-url URL --profile anonymous --profile patron:cookie=… [--routes …]
 *  [--log access.log] [--expect anonymous=200|302] [--concurrency 8] [--timeout 10] [--url U] [--token T]
 *  [--commit SHA] [--dry-run]`
 * Exit code: 0 when every check passed, 1 when any failed (or nothing could be checked).
 */
export async function smokeCommand(args: string[], deps: EvidenceDeps = {}): Promise<number> {
  const print = deps.print ?? ((line: string) => console.log(line));
  const warn = deps.warn ?? ((line: string) => console.error(line));
  const env = deps.env ?? process.env;
  const { values } = parseOptions(args, {
    ...API_OPTIONS,
    "base-url": { type: "string" },
    profile: { type: "string", multiple: true },
    routes: { type: "string" },
    log: { type: "string" },
    expect: { type: "string", multiple: true },
    concurrency: { type: "string" },
    timeout: { type: "string" },
  });
  const baseUrl = values["base-url"];
  if (!baseUrl || !/^https?:\/\/[^/]/i.test(baseUrl)) throw new CliError("smoke needs --base-url http(s)://… of the new stack.");
  const concurrency = intOption(values.concurrency, "concurrency", 8, 1, 256);
  const timeoutMs = numberOption(values.timeout, "timeout", 10, 0.1, 600) * 1000;
  const commitSha = commitOf(values.commit, env);
  let profiles: Profile[];
  const expectations = new Map<string, Expectation>();
  try {
    profiles = (values.profile?.length ? values.profile : ["anonymous"]).map(parseProfile);
    for (const spec of values.expect ?? []) {
      const [name, expectation] = parseExpectOption(spec);
      if (!profiles.some((p) => p.name === name)) throw new SmokeInputError(`--expect ${spec}: there is no --profile ${name}.`);
      expectations.set(name, expectation);
    }
  } catch (error) {
    if (error instanceof SmokeInputError) throw new CliError(error.message);
    throw error;
  }
  const duplicate = profiles.find((p, i) => profiles.findIndex((q) => q.name === p.name) !== i);
  if (duplicate) throw new CliError(`--profile ${duplicate.name} is given twice.`);
  if (values.log && !fs.existsSync(values.log)) throw new CliError(`No such file: ${values.log}`);

  const { source, sink } = connect(values, deps, "smoke");
  const observedAt = clock.now().toISOString();
  const routes = await loadRoutes(source);

  let observed: string[][] | null = null;
  if (values.log) {
    const fromLog = await examplePathsFromLog(values.log, routes, 1);
    if (fromLog.errors.length) throw new CliError(`${values.log}: ${fromLog.errors.join("; ")}`);
    observed = fromLog.examples;
  }
  let plan;
  try {
    plan = smokeTargets(routes, observed, values.routes ? splitRouteKeys(values.routes) : undefined);
  } catch (error) {
    if (error instanceof SmokeInputError) throw new CliError(error.message);
    throw error;
  }
  if (plan.targets.length === 0) {
    for (const s of plan.skipped) warn(`skipped  ${s.route.key}: ${s.reason}`);
    throw new CliError(routes.length === 0 ? "the project has no routes." : "no GET route could be requested (see the skipped routes above).");
  }

  const results = await runSmoke({ baseUrl, targets: plan.targets, profiles, expectations, concurrency, timeoutMs });
  print(formatSmokeTable(results, plan.skipped));
  await postEvidence(sink, smokeEvidence(results, { runId: newRunId(), observedAt, baseUrl, commitSha }), Boolean(values["dry-run"]), print);
  return results.every((r) => r.passed) ? 0 : 1;
}
