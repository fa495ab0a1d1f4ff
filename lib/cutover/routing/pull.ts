import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { now } from "@/lib/time/clock";

/**
 * Delivery of a routing export to a proxy's configuration file: fetch it from the Waypoint API
 * (conditionally, with the last ETag), write it beside the live file, let a check command judge the
 * candidate, put it live by an atomic rename (keeping the file it replaces as `<out>.last-good`),
 * then reload the proxy. At no moment does the live path hold a partial or unchecked file: a
 * failed check leaves it alone, and a failed reload puts the previous file back.
 */

export type PullOptions = {
  /** Base URL of Waypoint, e.g. "https://waypoint.example" (a path prefix is kept). */
  url: string;
  project: string;
  token: string;
  format: string;
  /** The live configuration file. */
  out: string;
  /** Run on the candidate before it goes live; "{file}" is replaced by its (quoted) path. */
  check?: string;
  /** Run after the file went live, e.g. "nginx -s reload". */
  reload?: string;
  timeoutMs?: number;
};

export type PullState = { etag: string | null };

export type PullResult = { kind: "unchanged"; etag: string | null } | { kind: "updated"; etag: string | null; bytes: number };

/** A failure whose message is the whole story for the operator's log. */
export class PullError extends Error {}

const DEFAULT_TIMEOUT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 120_000;
/** No proxy configuration is this big; a larger answer is a mistake, not a file to write. */
const MAX_BYTES = 256 * 1024 * 1024;

export function routingUrl(base: string, project: string, format: string): string {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new PullError(`--url is not a URL: ${base}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new PullError("--url must be http:// or https://");
  const prefix = parsed.pathname.replace(/\/+$/, "");
  return `${parsed.origin}${prefix}/api/v1/projects/${encodeURIComponent(project)}/routing?format=${encodeURIComponent(format)}`;
}

export type Fetched = { status: 304 } | { status: 200; body: string; etag: string | null };

/** GET the export; 304 when `etag` still holds. Every other outcome is a PullError that says why. */
export async function fetchRouting(options: PullOptions, etag: string | null): Promise<Fetched> {
  const url = routingUrl(options.url, options.project, options.format);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: "text/plain, application/json, application/yaml, */*" };
  if (etag) headers["if-none-match"] = etag;
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    if (response.status === 304) return { status: 304 };
    const length = Number(response.headers.get("content-length") ?? 0);
    if (length > MAX_BYTES) throw new PullError(`the answer is ${length} bytes, more than any configuration should be`);
    bytes = await response.arrayBuffer();
  } catch (error) {
    if (error instanceof PullError) throw error;
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") throw new PullError(`no answer from ${new URL(url).origin} within ${timeoutMs / 1000} s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new PullError(`could not reach ${new URL(url).origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (response.status !== 200) throw new PullError(statusMessage(response.status, text));
  let body: string;
  try {
    body = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PullError("the answer is not valid UTF-8");
  }
  // Every export starts with a header comment or a JSON object: an empty answer is a fault, never a configuration.
  if (body.trim() === "") throw new PullError("the answer is empty");
  return { status: 200, body, etag: response.headers.get("etag") };
}

function statusMessage(status: number, text: string): string {
  let detail = "";
  try {
    detail = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? "";
  } catch {
    detail = text.split("\n")[0].slice(0, 200);
  }
  const suffix = detail ? `: ${detail}` : "";
  switch (status) {
    case 401:
      return `the server refused the token (401)${suffix}; check --token or WAYPOINT_TOKEN`;
    case 403:
      return `the token may not read this project's routing (403)${suffix}`;
    case 404:
      return `no such project or format (404)${suffix}`;
    default:
      return `the server answered ${status}${suffix}`;
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const sidecar = (out: string) => `${out}.etag`;

/**
 * The ETag of the live file as last written, kept beside it so that a cron-driven `pull` also
 * asks conditionally — but only while the file is still what was written (an edit by hand makes
 * the next pull fetch the whole export again).
 */
export async function readSavedEtag(out: string): Promise<string | null> {
  try {
    const saved = JSON.parse(await fs.readFile(sidecar(out), "utf8")) as { etag?: unknown; sha256?: unknown };
    const live = await fs.readFile(out, "utf8");
    return typeof saved.etag === "string" && saved.sha256 === sha256(live) ? saved.etag : null;
  } catch {
    return null;
  }
}

async function saveEtag(out: string, etag: string | null, text: string): Promise<void> {
  if (etag === null) {
    await fs.rm(sidecar(out), { force: true });
    return;
  }
  await writeAtomically(sidecar(out), JSON.stringify({ etag, sha256: sha256(text) }) + "\n");
}

/** Fetches once and, when the export changed, checks, installs and reloads. */
export async function pullOnce(options: PullOptions, state: PullState): Promise<PullResult> {
  const fetched = await fetchRouting(options, state.etag);
  if (fetched.status === 304) return { kind: "unchanged", etag: state.etag };
  const live = await readIfExists(options.out);
  if (live === fetched.body) {
    state.etag = fetched.etag;
    await saveEtag(options.out, fetched.etag, fetched.body);
    return { kind: "unchanged", etag: fetched.etag };
  }
  await install(options, fetched.body, live);
  state.etag = fetched.etag;
  await saveEtag(options.out, fetched.etag, fetched.body);
  return { kind: "updated", etag: fetched.etag, bytes: Buffer.byteLength(fetched.body) };
}

async function install(options: PullOptions, text: string, previous: string | null): Promise<void> {
  const out = options.out;
  const candidate = await writeCandidate(out, text);
  try {
    if (options.check) {
      const result = await runCommand(options.check, candidate);
      if (result.code !== 0) throw new PullError(`the check refused the new file (${describeExit(result)}); ${out} is unchanged`);
    }
    if (previous !== null) await writeAtomically(`${out}.last-good`, previous);
    await fs.rename(candidate, out);
    await syncDirectory(path.dirname(out));
  } catch (error) {
    await fs.rm(candidate, { force: true });
    throw error;
  }
  if (!options.reload) return;
  const result = await runCommand(options.reload, out);
  if (result.code === 0) return;
  // The proxy did not take the new file: put back the one it runs, so the file and the proxy agree.
  if (previous === null) await fs.rm(out, { force: true });
  else await writeAtomically(out, previous);
  throw new PullError(`the reload failed (${describeExit(result)}); the previous ${out} is back in place`);
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new PullError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A new file in the live file's folder (so the rename is atomic), with the live file's mode. */
async function writeCandidate(out: string, text: string): Promise<string> {
  const candidate = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let mode = 0o644;
  try {
    mode = (await fs.stat(out)).mode & 0o777;
  } catch {
    // no live file yet
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(candidate, "wx", mode);
  } catch (error) {
    throw new PullError(`cannot write beside ${out}: ${(error as Error).message}`);
  }
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(candidate, { force: true });
    throw new PullError(`cannot write ${candidate}: ${(error as Error).message}`);
  }
  await handle.close();
  return candidate;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const candidate = await writeCandidate(file, text);
  try {
    await fs.rename(candidate, file);
  } catch (error) {
    await fs.rm(candidate, { force: true });
    throw error;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, "r");
    await handle.sync().finally(() => handle.close());
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}

type CommandResult = { code: number | null; signal: string | null; stderr: string };

const describeExit = (r: CommandResult) =>
  `${r.code !== null ? `exit ${r.code}` : `signal ${r.signal}`}${r.stderr ? `: ${r.stderr.trim().split("\n").slice(-2).join(" / ").slice(0, 300)}` : ""}`;

/** Single quotes for sh: the path goes in as one word whatever it holds. */
export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Runs an operator's command through sh, "{file}" replaced; WAYPOINT_FILE carries the path too. */
function runCommand(command: string, file: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", command.replaceAll("{file}", shellQuote(file))], {
      env: { ...process.env, WAYPOINT_FILE: file },
      stdio: ["ignore", "ignore", "pipe"],
      timeout: COMMAND_TIMEOUT_MS,
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => resolve({ code: 127, signal: null, stderr: error.message }));
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

// ───────────────────────────── watching ─────────────────────────────

/** The wait before the next poll: the interval, doubled per consecutive failure, capped. */
export function backoffDelay(intervalMs: number, failures: number, maxMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(maxMs, intervalMs * 2 ** Math.min(failures, 30));
}

export type WatchOptions = {
  intervalMs: number;
  maxBackoffMs: number;
  log: (line: string) => void;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
};

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/** One log line: when, what, where. */
export function logLine(options: PullOptions, message: string): string {
  return `${now().toISOString()} routing ${options.format} ${options.out}: ${message}`;
}

/** Polls until `signal` aborts; one log line per change and per error. */
export async function watchRouting(options: PullOptions, watch: WatchOptions): Promise<void> {
  const sleep = watch.sleep ?? realSleep;
  const state: PullState = { etag: await readSavedEtag(options.out) };
  let failures = 0;
  while (!watch.signal.aborted) {
    try {
      const result = await pullOnce(options, state);
      if (failures > 0) watch.log(logLine(options, `the server answers again${result.kind === "unchanged" ? "; nothing changed" : ""}`));
      failures = 0;
      if (result.kind === "updated") watch.log(logLine(options, `updated (${result.bytes} bytes${result.etag ? `, etag ${result.etag}` : ""})`));
    } catch (error) {
      if (!(error instanceof PullError)) throw error;
      failures++;
      watch.log(logLine(options, `error: ${error.message}; next try in ${Math.round(backoffDelay(watch.intervalMs, failures, watch.maxBackoffMs) / 1000)} s`));
    }
    if (watch.signal.aborted) break;
    await sleep(backoffDelay(watch.intervalMs, failures, watch.maxBackoffMs), watch.signal);
  }
}
