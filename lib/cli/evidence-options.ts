/**
 * What `smoke` and `replay` share: the Waypoint API to read routes from and post evidence to,
 * the token, the commit, a run id, and how the evidence is handed over.
 */
import { randomBytes } from "node:crypto";
import { ApiError, WaypointApi, type EvidenceSink, type SmokeSource } from "@/lib/evidence/client";
import type { EvidenceRecordInput } from "@/lib/evidence/schemas";
import { CliError } from "./cli-error";

/** What a command talks to; the tests give in-memory ones, the command line the HTTP API. */
export type EvidenceDeps = {
  source?: SmokeSource;
  sink?: EvidenceSink;
  /** Lines for the operator (default: console.log / console.error). */
  print?: (line: string) => void;
  warn?: (line: string) => void;
  env?: Record<string, string | undefined>;
};

export const API_OPTIONS = {
  project: { type: "string" },
  url: { type: "string" },
  token: { type: "string" },
  commit: { type: "string" },
  "dry-run": { type: "boolean" },
} as const;

/** The API client, unless the caller gave both ends. */
export function connect(
  values: { project?: string; url?: string; token?: string },
  deps: EvidenceDeps,
  command: string,
): { source: SmokeSource; sink: EvidenceSink } {
  if (!values.project) throw new CliError(`${command} needs --project <project id>.`);
  if (deps.source && deps.sink) return { source: deps.source, sink: deps.sink };
  const env = deps.env ?? process.env;
  const url = values.url ?? env.WAYPOINT_URL;
  const token = values.token ?? env.WAYPOINT_TOKEN;
  if (!url) throw new CliError(`${command} reads the routes from Waypoint's API: give --url https://waypoint.example or set WAYPOINT_URL.`);
  if (!token) throw new CliError(`${command} needs a project API token: --token or WAYPOINT_TOKEN (npx waypoint create-token).`);
  try {
    const api = new WaypointApi({ url, projectId: values.project, token });
    return { source: deps.source ?? api, sink: deps.sink ?? api };
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.message);
    throw error;
  }
}

/** The commit the checks ran on: --commit, or what GitHub Actions / GitLab CI say. */
export function commitOf(value: string | undefined, env: Record<string, string | undefined>): string | undefined {
  const sha = value ?? env.GITHUB_SHA ?? env.CI_COMMIT_SHA;
  if (sha !== undefined && !/^(?:[0-9a-fA-F]{7,40}|[0-9a-fA-F]{64})$/.test(sha)) throw new CliError(`--commit "${sha}" is not a git commit hash.`);
  return sha;
}

/** Identifies one run: its records' externalIds, so that a retried post updates instead of adding. */
export const newRunId = () => randomBytes(6).toString("hex");

export async function postEvidence(sink: EvidenceSink, records: EvidenceRecordInput[], dryRun: boolean, print: (line: string) => void): Promise<void> {
  if (records.length === 0) {
    print("No evidence to record.");
    return;
  }
  if (dryRun) {
    print(`Dry run: ${records.length} evidence record${records.length === 1 ? "" : "s"} not posted.`);
    return;
  }
  try {
    const { accepted } = await sink.post(records);
    print(`Recorded ${accepted} evidence record${accepted === 1 ? "" : "s"}.`);
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(`posting the evidence failed: ${error.message}`);
    throw error;
  }
}

export async function loadRoutes(source: SmokeSource) {
  try {
    return await source.routes();
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(`reading the routes failed: ${error.message}`);
    throw error;
  }
}

/** "GET /about,GET /users/<id>": split before each method, so a comma inside a path survives. */
export function splitRouteKeys(text: string): string[] {
  return text
    .split(/,\s*(?=(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)\s)/i)
    .map((k) => k.trim().replace(/^(\S+)/, (m) => m.toUpperCase()))
    .filter(Boolean);
}
