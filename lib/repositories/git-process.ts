/**
 * Running the real `git` binary safely: `child_process.spawn` with an argument array (never a
 * shell), a clean environment and the same hardening options on every command.
 *
 * Why not simple-git: the scan needs things simple-git does not give — binary-safe stdout as
 * Buffers (blobs are checked for UTF-8 here, not decoded on the way), `git cat-file --batch` fed
 * through stdin (every file of a scan read by one process), killing the whole process group on a
 * time or size limit, and full control of the environment; and its guards against "unsafe"
 * options would have to be switched off for the `-c protocol.file.allow` this module sets on purpose.
 *
 * Every command runs with:
 *   - no system or global git configuration (GIT_CONFIG_NOSYSTEM=1, GIT_CONFIG_GLOBAL=/dev/null),
 *     no credential helpers, no terminal prompt (GIT_TERMINAL_PROMPT=0), no askpass;
 *   - hooks off (core.hooksPath=/dev/null: a path that can hold no hook), no fsmonitor;
 *   - transports: only https and ssh, plus file when the policy allowed a file remote
 *     (protocol.allow=never; ext and fd never); no redirects followed (a redirect could lead to an
 *     address the policy refused); no submodule recursion;
 *   - a time limit, after which the process group is stopped (SIGTERM, then SIGKILL).
 * Credentials: an HTTPS token becomes an `Authorization` header passed through GIT_CONFIG_COUNT /
 * GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n (environment, readable only by this user — not in the
 * command line that `ps` shows, not in the URL, not in the clone's config); an SSH deploy key is
 * written to a 0600 file in a private temporary folder for the duration of the command and used
 * through GIT_SSH_COMMAND with IdentitiesOnly=yes and StrictHostKeyChecking=accept-new.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { RepositoryError } from "./errors";
import type { CheckedRemote } from "./remote-policy";

export type GitSettings = {
  /** Per git command, in milliseconds. */
  timeoutMs: number;
  /** The largest a clone may grow to, in bytes (checked while fetching and after). */
  maxBytes: number;
  /** Files larger than this are not read (reported as too large). */
  maxFileBytes: number;
  /** Certificate authorities trusted for https remotes besides the system's (a self-hosted GitLab's own CA). */
  caFile?: string;
};

export const DEFAULT_SETTINGS: GitSettings = { timeoutMs: 300_000, maxBytes: 2 * 1024 ** 3, maxFileBytes: 1024 ** 2 };

/**
 * WAYPOINT_GIT_TIMEOUT_SECONDS, WAYPOINT_REPOSITORY_MAX_MB, WAYPOINT_REPOSITORY_MAX_FILE_KB and
 * WAYPOINT_GIT_CA_FILE, or the defaults.
 */
export function gitSettingsFromEnv(env: Record<string, string | undefined> = process.env): GitSettings {
  const positive = (name: string, fallback: number, unit: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new RepositoryError("misconfigured", `${name} must be a positive number (it is '${raw}').`);
    return Math.round(n * unit);
  };
  const caFile = env.WAYPOINT_GIT_CA_FILE?.trim();
  return {
    timeoutMs: positive("WAYPOINT_GIT_TIMEOUT_SECONDS", DEFAULT_SETTINGS.timeoutMs, 1000),
    maxBytes: positive("WAYPOINT_REPOSITORY_MAX_MB", DEFAULT_SETTINGS.maxBytes, 1024 ** 2),
    maxFileBytes: positive("WAYPOINT_REPOSITORY_MAX_FILE_KB", DEFAULT_SETTINGS.maxFileBytes, 1024),
    ...(caFile ? { caFile } : {}),
  };
}

/** A credential as it is handed to git for one operation. Decrypted by the caller (secret-box.ts). */
export type GitCredentials =
  /** username: GitHub "x-access-token" (the default), GitLab "oauth2", Bitbucket "x-token-auth". */
  { kind: "https-token"; token: string; username?: string } | { kind: "ssh-key"; privateKey: string };

export type GitResult = { stdout: Buffer; stderr: string; code: number };

export type GitRunOptions = {
  /** The repository (`git --git-dir`); absent for commands that need none. */
  gitDir?: string;
  timeoutMs: number;
  /** Set only for the commands that talk to the remote. */
  remote?: RemoteAccess;
  /** Written to the command's stdin, then closed. */
  input?: Buffer | string;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: number[];
  /** Called every 200 ms while the command runs; throwing stops the command with that error. */
  watch?: () => Promise<void>;
};

/** What a command that talks to the remote needs: the checked remote and, maybe, a credential. */
export type RemoteAccess = { remote: CheckedRemote; credentials?: GitCredentials; knownHostsFile: string; caFile?: string };

const HARDENING = [
  "core.hooksPath=/dev/null",
  "core.fsmonitor=false",
  "credential.helper=",
  "protocol.allow=never",
  "protocol.https.allow=always",
  "protocol.ssh.allow=always",
  "protocol.ext.allow=never",
  "protocol.fd.allow=never",
  "http.followRedirects=false",
  "http.lowSpeedLimit=1000",
  "http.lowSpeedTime=60",
  "submodule.recurse=false",
  "fetch.recurseSubmodules=false",
  "gc.autoDetach=false",
  "fetch.unpackLimit=1",
  "core.quotePath=false",
];

/** The proxy settings of the server pass through; nothing else of its environment does. */
const PASS_THROUGH = ["PATH", "HOME", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"];

export async function runGit(args: string[], options: GitRunOptions): Promise<GitResult> {
  const env: Record<string, string | undefined> = {};
  for (const name of PASS_THROUGH) if (process.env[name] !== undefined) env[name] = process.env[name];
  Object.assign(env, {
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_LITERAL_PATHSPECS: "1",
    GIT_OPTIONAL_LOCKS: "0",
  });
  const config = [...HARDENING, `protocol.file.allow=${options.remote?.remote.transport === "file" ? "always" : "never"}`];
  let cleanup: (() => Promise<void>) | undefined;
  let secret: string | undefined;
  if (options.remote) {
    const access = await remoteAccess(options.remote, env);
    config.push(...access.config);
    cleanup = access.cleanup;
    secret = access.secret;
  }
  const argv = [...config.flatMap((c) => ["-c", c]), ...(options.gitDir ? ["--git-dir", options.gitDir] : []), ...args];
  try {
    return await spawnGit(argv, env, options, secret);
  } finally {
    await cleanup?.();
  }
}

async function remoteAccess(
  access: RemoteAccess,
  env: Record<string, string | undefined>,
): Promise<{ config: string[]; secret?: string; cleanup?: () => Promise<void> }> {
  const { remote, credentials } = access;
  if (remote.transport === "file") {
    if (credentials) throw new RepositoryError("refused", "A folder on the server takes no credentials.");
    return { config: [] };
  }
  if (remote.transport === "https") {
    const config: string[] = access.caFile ? [`http.sslCAInfo=${access.caFile}`] : [];
    // Pin the connection to the addresses the policy checked (curl's --resolve).
    if (remote.addresses.length && !isIpLiteral(remote.host)) {
      config.push(`http.curloptResolve=${remote.host}:${remote.port}:${remote.addresses.map(bracketV6).join(",")}`);
    }
    if (credentials?.kind === "ssh-key") throw new RepositoryError("refused", "An https:// remote takes a token, not an SSH key.");
    if (credentials?.kind === "https-token") {
      if (/[\r\n]/.test(credentials.token) || credentials.token === "") throw new RepositoryError("refused", "The token is empty or contains a line break.");
      const basic = Buffer.from(`${credentials.username ?? "x-access-token"}:${credentials.token}`).toString("base64");
      Object.assign(env, { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraHeader", GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
      return { config, secret: credentials.token };
    }
    return { config };
  }
  // ssh
  if (credentials?.kind === "https-token") throw new RepositoryError("refused", "An ssh remote takes a deploy key, not a token.");
  const ssh = [
    "ssh",
    "-F /dev/null",
    "-o BatchMode=yes",
    "-o IdentitiesOnly=yes",
    "-o IdentityAgent=none",
    "-o StrictHostKeyChecking=accept-new",
    `-o UserKnownHostsFile=${shellQuote(access.knownHostsFile)}`,
    "-o ConnectTimeout=30",
  ];
  if (remote.addresses.length && !isIpLiteral(remote.host)) {
    ssh.push(`-o HostName=${shellQuote(remote.addresses[0])}`, `-o HostKeyAlias=${shellQuote(remote.host)}`);
  }
  if (credentials?.kind !== "ssh-key") {
    env.GIT_SSH_COMMAND = [...ssh, "-o PubkeyAuthentication=no"].join(" ");
    return { config: [] };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "waypoint-ssh-"));
  const keyFile = path.join(dir, "deploy-key");
  const key = credentials.privateKey.replace(/\r\n/g, "\n");
  await writeFile(keyFile, key.endsWith("\n") ? key : key + "\n", { mode: 0o600 });
  env.GIT_SSH_COMMAND = [...ssh, `-i ${shellQuote(keyFile)}`].join(" ");
  return { config: [], cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function spawnGit(argv: string[], env: Record<string, string | undefined>, options: GitRunOptions, secret: string | undefined): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    // A process group of its own: a time or size limit stops git and its helpers (ssh, remote-https).
    const child = spawn("git", argv, { env: env as NodeJS.ProcessEnv, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let stopped: RepositoryError | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (error: RepositoryError) => {
      if (stopped) return;
      stopped = error;
      signal("SIGTERM");
      killTimer = setTimeout(() => signal("SIGKILL"), 2000);
    };
    const signal = (name: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(
      () => stop(new RepositoryError("timeout", `git ${commandName(argv)} took longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped.`)),
      options.timeoutMs,
    );
    let watching = false;
    const watcher = options.watch
      ? setInterval(() => {
          if (watching || stopped) return;
          watching = true;
          options.watch!()
            .catch((e) => stop(e instanceof RepositoryError ? e : new RepositoryError("git_failed", String(e))))
            .finally(() => (watching = false));
        }, 200)
      : undefined;
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => {}); // git may exit before reading all of it; the exit code says why
    child.on("error", (e) => {
      clearTimeout(timer);
      if (watcher) clearInterval(watcher);
      reject(new RepositoryError("misconfigured", `git could not be started: ${e.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      if (watcher) clearInterval(watcher);
      const stderr = redact(Buffer.concat(err).toString("utf8"), secret);
      if (stopped) return reject(stopped);
      if (code === 0 || (code !== null && options.okCodes?.includes(code))) {
        return resolve({ stdout: Buffer.concat(out), stderr, code });
      }
      reject(classify(argv, stderr));
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

function commandName(argv: string[]): string {
  let i = 0;
  while (i < argv.length && (argv[i] === "-c" || argv[i] === "--git-dir")) i += 2;
  return argv[i] ?? "";
}

/** Turns git's complaint into a message a steward can act on, with git's own last line for detail. */
export function classify(argv: string[], stderr: string): RepositoryError {
  const text = stderr.toLowerCase();
  const detail = lastLines(stderr);
  const say = (kind: ConstructorParameters<typeof RepositoryError>[0], message: string) =>
    new RepositoryError(kind, detail ? `${message} (git: ${detail})` : message);
  if (/host key verification failed|remote host identification has changed/.test(text)) {
    return say(
      "unreachable",
      "The SSH host key of the remote differs from the one recorded at the first fetch; if the host really changed its key, re-link the repository.",
    );
  }
  if (
    /authentication failed|could not read (username|password)|terminal prompts disabled|returned error: 40[13]|http (basic: )?access denied|permission denied \(publickey|invalid username or password|invalid credentials/.test(
      text,
    )
  ) {
    return say(
      "auth_failed",
      "The remote refused the credentials (or asked for some and none were given): check the token or deploy key and its access to this repository.",
    );
  }
  if (/couldn't find remote ref|could not find remote ref/.test(text)) {
    return say("not_found", "The branch does not exist on the remote.");
  }
  if (
    /could not resolve host|connection refused|failed to connect|couldn't connect|connection timed out|timed out|no route to host|network is unreachable|does not appear to be a git repository|repository not found|not found|unable to access|could not read from remote repository|ssl|certificate|redirect/.test(
      text,
    )
  ) {
    return say("unreachable", "The remote could not be reached, or is not a git repository (or this credential cannot see it).");
  }
  return say("git_failed", `git ${commandName(argv)} failed.`);
}

/** git's own words: its first "fatal:"/"error:" line, else its last line. */
function lastLines(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^hint:/.test(l));
  const text = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.at(-1) ?? "";
  return text.length > 300 ? text.slice(0, 297) + "…" : text;
}

/** Defence in depth: the token is never given to git in a way it would print, but if it did, it is cut out. */
function redact(text: string, secret: string | undefined): string {
  let out = text.replace(/(authorization:\s*)\S+(\s+\S+)?/gi, "$1[redacted]");
  if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out;
}

function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}

function bracketV6(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/** Quotes one word for the shell that GIT_SSH_COMMAND is run by. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
