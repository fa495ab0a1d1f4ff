// Real app instances for `npm run test:instances`: the production build served by
// `node bin/waypoint.mjs serve` in child processes, on PostgreSQL (a scratch database on the local
// server) or on PGlite (a temporary data folder). The helpers follow scripts/scale-demo.mjs.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const ADMIN_URL = process.env.INSTANCES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails (never skips) when the production build is missing. */
export function requireBuild() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("test:instances needs the production build: run `npm run build` first (no .next/BUILD_ID).");
  }
}

/** Fails (never skips) when PostgreSQL does not answer. */
export async function requirePostgres() {
  try {
    await sql(ADMIN_URL, "SELECT 1");
  } catch (error) {
    throw new Error(`test:instances needs PostgreSQL at ${ADMIN_URL} (set INSTANCES_ADMIN_URL): ${(error as Error).message}`, { cause: error });
  }
}

export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A scratch database, migrated by the CLI; drop() removes it. */
export async function scratchDatabase(prefix: string) {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await sql(ADMIN_URL, `CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  cli(["migrate"], { DATABASE_URL: url });
  return { name, url, drop: () => sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Environment of every child: cheap bcrypt (the users are made with it), no demo, no inherited database. */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WAYPOINT_BCRYPT_COST: "4", WAYPOINT_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: "", ...extra };
  for (const key of ["DATABASE_URL", "WAYPOINT_DATA_DIR", "VITEST", "VITEST_WORKER_ID", "VITEST_POOL_ID", "NODE_ENV", "TEST_DATABASE_URL"]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

/** Runs the CLI to completion; answers its stdout. */
export function cli(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin/waypoint.mjs"), ...args], {
    cwd: ROOT,
    env: baseEnv(env),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`waypoint ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** A user with their own organisation (its slug read from the CLI's answer). */
export function setUpTenant(env: Record<string, string>, tag: string) {
  const email = `${tag}-${randomBytes(3).toString("hex")}@example.test`;
  const password = `Pw-${randomBytes(12).toString("base64url")}`;
  const out = cli(["create-user", "--email", email, "--name", `${tag} admin`, "--password", password, "--org", `${tag} Co`], env);
  const orgSlug = out.match(/\(\/([^)]+)\)/)?.[1];
  if (!orgSlug) throw new Error(`Could not read the organisation from: ${out}`);
  return { email, password, orgSlug };
}

/** A small synthetic project in the organisation and a manager's API token for it. */
export function seedProject(env: Record<string, string>, orgSlug: string) {
  const out = cli(["seed-synthetic", "--org", orgSlug, "--routes", "100", "--modules", "20", "--dependencies", "5", "--history", "0"], env).trim();
  const projectSlug = out.match(/Created project [^/]+\/(\S+):/)?.[1];
  if (!projectSlug) throw new Error(`Could not read the project from: ${out}`);
  const token = cli(["create-token", "--project", projectSlug, "--org", orgSlug, "--name", "instances test", "--role", "manager"], env)
    .trim()
    .split("\n")
    .at(-1)!;
  return { projectSlug, token };
}

export type Instance = {
  name: string;
  port: number;
  base: string;
  child: ChildProcess;
  output: string;
  env: NodeJS.ProcessEnv;
};

const running = new Set<Instance>();

export async function startInstance(name: string, env: Record<string, string>, port?: number): Promise<Instance> {
  port ??= await freePort();
  const childEnv = baseEnv({ ...env, PORT: String(port) });
  const child = spawn(process.execPath, [path.join(ROOT, "bin/waypoint.mjs"), "serve", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const instance: Instance = { name, port, base: `http://127.0.0.1:${port}`, child, output: "", env: childEnv };
  child.stdout!.on("data", (d) => (instance.output += d));
  child.stderr!.on("data", (d) => (instance.output += d));
  running.add(instance);
  child.once("exit", () => running.delete(instance));
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) while starting:\n${instance.output}`);
    if (instance.output.includes("Waypoint is running")) return instance;
    await sleep(100);
  }
  throw new Error(`${name} did not start within 90 s:\n${instance.output}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** kill -9, and wait until the process is gone (reaped). */
export async function kill9(instance: Instance) {
  const done = exited(instance.child);
  instance.child.kill("SIGKILL");
  await done;
}

/** A clean stop: SIGTERM, then SIGKILL after 10 s. */
export async function stop(instance: Instance) {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const done = exited(instance.child);
  instance.child.kill("SIGTERM");
  if (await Promise.race([done.then(() => true), sleep(10_000).then(() => false)])) return;
  instance.child.kill("SIGKILL");
  await done;
}

export async function stopAll() {
  await Promise.all([...running].map(stop));
}

// ---------------------------------------------------------------------------------------------
// HTTP

// The answers' shapes are checked by the assertions that read them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { status: number; body: string; json: () => any; headers: Headers };

/** One request; a connection that dies without an answer gives status 0. */
export async function call(
  base: string,
  method: string,
  pathname: string,
  {
    token,
    cookie,
    body,
    contentType,
    headers = {},
    signal,
  }: { token?: string; cookie?: string; body?: string; contentType?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer> {
  try {
    const res = await fetch(new URL(pathname, base), {
      method,
      redirect: "manual",
      signal,
      headers: {
        accept: "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { "content-type": contentType ?? "application/json" } : {}),
        ...headers,
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text, json: () => JSON.parse(text), headers: res.headers };
  } catch (error) {
    return { status: 0, body: String((error as Error).cause ?? error), json: () => null, headers: new Headers() };
  }
}

/** A cookie jar of name=value pairs, from Set-Cookie headers. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * The next-auth credentials flow over HTTP: csrf token, then the callback with json=true. Answers
 * the jar (with the session cookie when it worked) and the `error` of the answer's URL, if any
 * ("CredentialsSignin", or "throttled:N" when the throttle refused the attempt).
 */
export async function signIn(base: string, email: string, password: string): Promise<{ jar: Jar; error: string | null; status: number }> {
  const jar = new Jar();
  const csrf = await call(base, "GET", "/api/auth/csrf");
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}: ${csrf.body.slice(0, 300)}`);
  jar.take(csrf.headers);
  const form = new URLSearchParams({ csrfToken: csrf.json().csrfToken, email, password, json: "true", callbackUrl: `${base}/` });
  const answer = await call(base, "POST", "/api/auth/callback/credentials", {
    cookie: jar.header(),
    body: form.toString(),
    contentType: "application/x-www-form-urlencoded",
  });
  jar.take(answer.headers);
  let error: string | null = null;
  try {
    const url = answer.json()?.url;
    error = url ? new URL(url, base).searchParams.get("error") : null;
  } catch {
    error = `unreadable answer ${answer.status}: ${answer.body.slice(0, 200)}`;
  }
  return { jar, error, status: answer.status };
}

export function sessionCookie(jar: Jar): string | undefined {
  return [...jar.cookies.keys()].find((k) => k.endsWith("next-auth.session-token"));
}

function decodeEntities(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (_, e: string) => ({ quot: '"', amp: "&", lt: "<", gt: ">", "#x27": "'", "#39": "'" })[e]!);
}

/**
 * Submits a page's form as a browser without JavaScript does: loads the page with the session,
 * takes the form that contains `marker`, keeps its hidden fields (React's server-action reference,
 * state and key) and posts them with `fields` as multipart/form-data to the same page. This is how
 * a server action (the account page's *Change password*, *Sign out everywhere*) is called over HTTP.
 */
export async function submitPageForm(base: string, pathname: string, jar: Jar, marker: string, fields: Record<string, string>): Promise<Answer> {
  const page = await call(base, "GET", pathname, { cookie: jar.header(), headers: { accept: "text/html" } });
  if (page.status !== 200) throw new Error(`GET ${pathname} answered ${page.status}`);
  const form = page.body
    .split("<form")
    .slice(1)
    .map((chunk) => chunk.slice(0, chunk.indexOf("</form>")))
    .find((chunk) => chunk.includes(marker));
  if (!form) throw new Error(`No form with ${marker} on ${pathname}`);
  const body = new FormData();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    if (!/type="hidden"/.test(tag)) continue;
    const name = tag.match(/name="([^"]*)"/)?.[1];
    if (name !== undefined) body.append(decodeEntities(name), decodeEntities(tag.match(/value="([^"]*)"/)?.[1] ?? ""));
  }
  if (![...body.keys()].some((k) => k.startsWith("$ACTION")))
    throw new Error(`The form with ${marker} carries no server-action fields:\n${form.slice(0, 500)}`);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  const res = await fetch(new URL(pathname, base), {
    method: "POST",
    redirect: "manual",
    body,
    headers: { cookie: jar.header(), origin: base, accept: "text/html" },
  });
  const text = await res.text();
  return { status: res.status, body: text, json: () => JSON.parse(text), headers: res.headers };
}
