import fs from "node:fs/promises";
import { isRoutingFormat } from "@/lib/cutover/routing/export";
import { unifiedDiff } from "@/lib/cutover/routing/diff";
import { fetchRouting, logLine, pullOnce, PullError, readSavedEtag, routingUrl, watchRouting, type PullOptions } from "@/lib/cutover/routing/pull";
import { ROUTING_FORMATS } from "@/lib/cutover/routing/types";
import { parseOptions } from "./args";
import { CliError } from "./cli-error";

/**
 * `waypoint routing pull|diff`: runs on the proxy's host, talks to Waypoint only over its HTTP API
 * (no database), so it needs nothing of the app's but this command.
 */

const USAGE = `Usage:
  npx waypoint routing pull --url <base> --project <id> --format <f> --out <file> [--token <t>]
                            [--check "<command, {file} = candidate>"] [--reload "<command>"]
                            [--watch] [--interval 5] [--max-backoff 300] [--timeout 30]
  npx waypoint routing diff --url <base> --project <id> --format <f> [--token <t>] <file>
Formats: ${ROUTING_FORMATS.join(", ")}. The token may also come from WAYPOINT_TOKEN.`;

const COMMON = {
  url: { type: "string" },
  project: { type: "string" },
  token: { type: "string" },
  format: { type: "string" },
  timeout: { type: "string" },
} as const;

function seconds(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${what} takes a number of seconds, not "${value}".`);
  return n;
}

function baseOptions(values: { url?: string; project?: string; token?: string; format?: string; timeout?: string }, out: string): PullOptions {
  if (!values.url) throw new CliError(`routing needs --url <base of Waypoint>.\n\n${USAGE}`);
  if (!values.project) throw new CliError(`routing needs --project <id>.\n\n${USAGE}`);
  if (!values.format || !isRoutingFormat(values.format)) throw new CliError(`--format must be one of ${ROUTING_FORMATS.join(", ")}.`);
  const token = values.token ?? process.env.WAYPOINT_TOKEN;
  if (!token) throw new CliError("routing needs a token: --token <t> or WAYPOINT_TOKEN.");
  const options: PullOptions = {
    url: values.url,
    project: values.project,
    token,
    format: values.format,
    out,
    timeoutMs: seconds(values.timeout, 30, "timeout") * 1000,
  };
  try {
    routingUrl(options.url, options.project, options.format);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return options;
}

export async function routingCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "pull") return pull(rest);
  if (sub === "diff") return diff(rest);
  console.error(USAGE);
  return 2;
}

async function pull(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...COMMON,
    out: { type: "string" },
    check: { type: "string" },
    reload: { type: "string" },
    watch: { type: "boolean" },
    interval: { type: "string" },
    "max-backoff": { type: "string" },
  });
  if (!values.out) throw new CliError(`routing pull needs --out <file>.\n\n${USAGE}`);
  const options: PullOptions = { ...baseOptions(values, values.out), check: values.check, reload: values.reload };

  if (!values.watch) {
    try {
      const result = await pullOnce(options, { etag: await readSavedEtag(options.out) });
      console.log(logLine(options, result.kind === "updated" ? `updated (${result.bytes} bytes)` : "unchanged"));
      return 0;
    } catch (error) {
      if (error instanceof PullError) throw new CliError(error.message);
      throw error;
    }
  }

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await watchRouting(options, {
      intervalMs: seconds(values.interval, 5, "interval") * 1000,
      maxBackoffMs: seconds(values["max-backoff"], 300, "max-backoff") * 1000,
      log: (line) => console.log(line),
      signal: controller.signal,
    });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  return 0;
}

/** Exit 0: the live file is what the server would serve; 1: it differs (drift); 2: could not compare. */
async function diff(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, COMMON);
  if (positionals.length !== 1) throw new CliError(`routing diff takes the live file as its one argument.\n\n${USAGE}`);
  const file = positionals[0];
  const options = baseOptions(values, file);
  let live: string;
  try {
    live = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      console.error(`waypoint routing diff: cannot read ${file}: ${(error as Error).message}`);
      return 2;
    }
    live = "";
  }
  let served: string;
  try {
    const fetched = await fetchRouting(options, null);
    served = fetched.status === 200 ? fetched.body : live;
  } catch (error) {
    if (!(error instanceof PullError)) throw error;
    console.error(`waypoint routing diff: ${error.message}`);
    return 2;
  }
  const text = unifiedDiff(live, served, `${file} (live)`, `${routingUrl(options.url, options.project, options.format)} (server)`);
  if (text === "") return 0;
  process.stdout.write(text);
  return 1;
}
