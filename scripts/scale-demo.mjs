// `npm run scale:demo`: the production shape on one machine, measured. It starts (or reuses)
// PostgreSQL, puts Debian's PgBouncer in front of it in transaction pooling mode, migrates and
// seeds a scratch database, starts three stateless app instances on it, loads them with an API
// token, races 50 claims of one item across the three, prints the figures, and stops everything
// it started (also on Ctrl-C or a failure).
//
//   npm run scale:demo
//   npm run scale:demo -- --routes 50000 --duration 4 --connections 24
//
// Options: --routes N (default 20000; modules and dependencies scale with it), --duration S per
// endpoint (default 3), --connections N in flight (default 12; the import preview, a heavy write,
// runs with one per instance), --instances N (default 3),
// --admin-url URL of the PostgreSQL server (default SCALE_ADMIN_URL or postgres://postgres@127.0.0.1:5432/postgres).
// Needs a production build (`npm run build`): it runs it when .next/BUILD_ID is missing.
//
// There is no background worker in Waypoint yet (scheduled work runs inside requests), so there is
// none to start; when there is, it belongs next to the instances below.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    routes: { type: "string", default: "20000" },
    duration: { type: "string", default: "3" },
    connections: { type: "string", default: "12" },
    instances: { type: "string", default: "3" },
    "admin-url": { type: "string", default: process.env.SCALE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const ROUTES = int("routes", 100, 1_000_000);
const DURATION_MS = int("duration", 1, 60) * 1000;
const CONNECTIONS = int("connections", 1, 500);
const INSTANCES = int("instances", 1, 8);
const CLAIMERS = 50;

function int(name, min, max) {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}.`);
  return n;
}
function fail(message) {
  console.error(`scale:demo: ${message}`);
  process.exit(1);
}
const log = (message) => console.log(`[scale] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Everything started is registered here, and stopped in reverse order exactly once.
const cleanups = [];
let cleaning = null;
let stopping = false;
function cleanup() {
  stopping = true;
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`[scale] cleanup: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    console.error(`\n[scale] ${signal}: stopping everything this demo started…`);
    await cleanup();
    process.exit(130);
  });
}

/** A child process stopped with SIGTERM, then SIGKILL if it has not exited after 5 s. */
function stopChild(child, name) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    if (await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) return;
    console.error(`[scale] ${name} did not stop on SIGTERM: killing it`);
    child.kill("SIGKILL");
    await exited;
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs the CLI to completion; its stdout is returned, its stderr shown on failure. */
function cli(args, env) {
  const result = spawnSync(process.execPath, [path.join(root, "bin/waypoint.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`waypoint ${args[0]} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

async function sql(url, text, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
async function ensureBuild() {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  log("no production build: running `npm run build` (a minute or two)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("`npm run build` failed.");
}

function pgIsReady(url) {
  const u = new URL(url);
  return spawnSync("pg_isready", ["-h", u.hostname, "-p", u.port || "5432"], { stdio: "ignore" }).status === 0;
}

/** Reuses a running PostgreSQL; else starts the local Debian cluster (as `.ci/run` does) and stops it at the end. */
async function ensurePostgres(adminUrl) {
  if (pgIsReady(adminUrl)) {
    log(`PostgreSQL: reusing the server at ${redact(adminUrl)}`);
    return;
  }
  const versions = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  if (!versions.length) throw new Error(`No PostgreSQL answers at ${redact(adminUrl)} and no local cluster is installed (apt-get install -y postgresql).`);
  const version = versions.at(-1);
  log(`PostgreSQL: starting the local cluster ${version}/main`);
  const started = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  if (started.status !== 0) throw new Error("pg_ctlcluster could not start PostgreSQL.");
  cleanups.push(async () => {
    log(`stopping the PostgreSQL cluster ${version}/main this demo started`);
    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "stop"], { stdio: "inherit" });
  });
  for (let i = 0; i < 30 && !pgIsReady(adminUrl); i++) await sleep(1000);
  if (!pgIsReady(adminUrl)) throw new Error("PostgreSQL did not come up within 30 s.");
}

function findPgbouncer() {
  for (const candidate of ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]) if (fs.existsSync(candidate)) return candidate;
  if (process.getuid?.() === 0) {
    log("PgBouncer is missing: apt-get install -y pgbouncer");
    spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "pgbouncer"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (fs.existsSync("/usr/sbin/pgbouncer")) return "/usr/sbin/pgbouncer";
  }
  throw new Error("PgBouncer is not installed: `apt-get install -y pgbouncer` (Debian).");
}

/**
 * PgBouncer in transaction pooling mode, its configuration generated in a temporary folder. It
 * refuses to run as root, so as root it runs as the `postgres` user (`-u`), which owns the folder.
 */
async function startPgbouncer(dir, upstream, database) {
  const binary = findPgbouncer();
  const port = await freePort();
  const u = new URL(upstream);
  const user = decodeURIComponent(u.username || "postgres");
  const password = decodeURIComponent(u.password || "");
  const config = `;; generated by scripts/scale-demo.mjs
[databases]
${database} = host=${u.hostname} port=${u.port || 5432} dbname=${database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = ${password ? "plain" : "trust"}
auth_file = ${path.join(dir, "userlist.txt")}
pool_mode = transaction
; three instances × WAYPOINT_DB_POOL (10) clients share this many server connections
default_pool_size = 20
max_client_conn = 1000
; node-postgres sends none of these today; listed so that a driver that does is not refused
ignore_startup_parameters = extra_float_digits,options
logfile = ${path.join(dir, "pgbouncer.log")}
pidfile = ${path.join(dir, "pgbouncer.pid")}
admin_users = ${user}
log_connections = 0
log_disconnections = 0
`;
  fs.writeFileSync(path.join(dir, "pgbouncer.ini"), config);
  fs.writeFileSync(path.join(dir, "userlist.txt"), `"${user}" "${password}"\n`, { mode: 0o600 });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const pwd = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const uid = Number(pwd.stdout.trim());
    const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
    if (!Number.isInteger(uid)) throw new Error("PgBouncer will not run as root, and there is no `postgres` user to run it as.");
    for (const f of [dir, ...fs.readdirSync(dir).map((n) => path.join(dir, n))]) fs.chownSync(f, uid, gid);
  }
  const child = spawn(binary, [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")], { stdio: "ignore" });
  cleanups.push(stopChild(child, "PgBouncer"));
  const url = new URL(upstream);
  url.port = String(port);
  url.pathname = `/${database}`;
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null)
      throw new Error(`PgBouncer exited (${child.exitCode}); see ${path.join(dir, "pgbouncer.log")}:\n${readTail(path.join(dir, "pgbouncer.log"))}`);
    try {
      await sql(url.toString(), "SELECT 1");
      const version = spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
      log(`${version}: transaction pooling on 127.0.0.1:${port} (config ${path.join(dir, "pgbouncer.ini")})`);
      return { url: url.toString(), port, child };
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`PgBouncer did not accept connections on port ${port}:\n${readTail(path.join(dir, "pgbouncer.log"))}`);
}

function readTail(file) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}

function redact(url) {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}

// ---------------------------------------------------------------------------------------------
/** One app instance: `node bin/waypoint.mjs serve`, its output kept to report warnings. */
async function startInstance(index, port, env) {
  const child = spawn(process.execPath, [path.join(root, "bin/waypoint.mjs"), "serve", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const instance = { index, port, child, stdout: "", stderr: "", base: `http://127.0.0.1:${port}` };
  child.stdout.on("data", (d) => (instance.stdout += d));
  child.stderr.on("data", (d) => (instance.stderr += d));
  cleanups.push(stopChild(child, `instance ${index + 1}`));
  return instance;
}

async function waitUntilUp(instance) {
  for (let i = 0; i < 600; i++) {
    if (instance.child.exitCode !== null)
      throw new Error(`instance ${instance.index + 1} exited (${instance.child.exitCode}):\n${instance.stderr}${instance.stdout}`);
    if (instance.stdout.includes("Waypoint is running")) return;
    await sleep(100);
  }
  throw new Error(`instance ${instance.index + 1} did not start within 60 s:\n${instance.stderr}${instance.stdout}`);
}

/** Resident and peak resident memory of a process, from the kernel (MB). */
function memory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

// ---------------------------------------------------------------------------------------------
// The load: a small closed-loop generator (no extra package). Each of CONNECTIONS loops sends one
// request, waits for the whole answer, sends the next; loop i talks to instance i mod N through a
// keep-alive agent. Latency is measured per request with the process clock.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

function request(base, method, pathname, { token, body, contentType } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      new URL(pathname, base),
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(body !== undefined ? { "content-type": contentType ?? "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - started, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (error) => resolve({ status: 0, ms: performance.now() - started, body: String(error) }));
      },
    );
    req.on("error", (error) => resolve({ status: 0, ms: performance.now() - started, body: String(error) }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function load(instances, scenario) {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let firstError = null;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  const connections = scenario.connections ?? CONNECTIONS;
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const instance = instances[i % instances.length];
      while (!stopping && performance.now() < deadline) {
        const r = await request(instance.base, scenario.method ?? "GET", scenario.path, scenario);
        latencies.push(r.ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status !== (scenario.expect ?? 200)) {
          errors++;
          firstError ??= `${r.status} ${r.body.slice(0, 200)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    connections,
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    statuses,
    firstError,
  };
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const adminUrl = opts["admin-url"];
  console.log(
    `Waypoint scale demo — node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await ensureBuild();
  await ensurePostgres(adminUrl);

  // A scratch database, dropped at the end.
  const database = `waypoint_scale_${randomBytes(4).toString("hex")}`;
  await sql(adminUrl, `CREATE DATABASE ${database}`);
  cleanups.push(async () => {
    await sql(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    log(`dropped the scratch database ${database}`);
  });
  const direct = new URL(adminUrl);
  direct.pathname = `/${database}`;
  const directUrl = direct.toString();
  log(`scratch database ${database}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-scale-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const bouncer = await startPgbouncer(dir, adminUrl, database);

  // Migrations go to PostgreSQL directly, as on a deploy (docs/DEPLOY.md): schema changes and the
  // migration bookkeeping are session work, which Prisma's documentation keeps off a transaction pooler.
  let t = performance.now();
  cli(["migrate"], { DATABASE_URL: directUrl });
  log(`migrated in ${((performance.now() - t) / 1000).toFixed(1)} s (waypoint migrate, direct connection)`);

  t = performance.now();
  const email = `scale-${randomBytes(3).toString("hex")}@example.test`;
  cli(["create-user", "--email", email, "--name", "Scale Steward", "--password", randomBytes(18).toString("base64url"), "--org", "Scale Co"], {
    DATABASE_URL: directUrl,
  });
  const [{ userId, orgSlug }] = await sql(
    directUrl,
    `SELECT u.id AS "userId", o.slug AS "orgSlug" FROM "User" u JOIN "Membership" m ON m."userId" = u.id JOIN "Organization" o ON o.id = m."organizationId" WHERE u.email = $1`,
    [email],
  );
  const seeded = cli(
    [
      "seed-synthetic",
      "--org",
      orgSlug,
      "--routes",
      String(ROUTES),
      "--modules",
      String(Math.round(ROUTES / 5)),
      "--dependencies",
      String(Math.round(ROUTES / 25)),
      "--history",
      String(ROUTES * 2),
    ],
    { DATABASE_URL: directUrl },
  ).trim();
  const projectSlug = seeded.match(/Created project [^/]+\/(\S+):/)?.[1];
  if (!projectSlug) throw new Error(`Could not read the project from: ${seeded}`);
  log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s — ${seeded.replace(/^Created project /, "")}`);
  // A manager's token may claim for another member (the race below); the secret stays in memory.
  const token = cli(["create-token", "--project", projectSlug, "--org", orgSlug, "--name", "scale demo", "--role", "manager"], { DATABASE_URL: directUrl })
    .trim()
    .split("\n")
    .at(-1);
  const [{ projectId }] = await sql(directUrl, `SELECT id AS "projectId" FROM "Project" WHERE slug = $1`, [projectSlug]);
  const routeRows = await sql(
    directUrl,
    `SELECT id, method, path FROM "Item" WHERE "projectId" = $1 AND kind = 'ROUTE' AND "deletedAt" IS NULL AND status = 'NOT_STARTED' ORDER BY key LIMIT 200`,
    [projectId],
  );
  if (routeRows.length < 2) throw new Error("The synthetic project has no unstarted routes to claim.");

  // The instances: stateless, each with its own port, all on PgBouncer.
  const secret = randomBytes(32).toString("base64url");
  const env = { DATABASE_URL: bouncer.url, NEXTAUTH_SECRET: secret, WAYPOINT_DEMO: "0", NODE_OPTIONS: "" };
  const instances = [];
  t = performance.now();
  for (let i = 0; i < INSTANCES; i++) instances.push(await startInstance(i, await freePort(), env));
  await Promise.all(instances.map(waitUntilUp));
  log(
    `${INSTANCES} instances up in ${((performance.now() - t) / 1000).toFixed(1)} s on ports ${instances.map((x) => x.port).join(", ")}, DATABASE_URL through PgBouncer`,
  );
  log("no background worker to start: Waypoint has none yet");

  // An access log of 200 lines on routes of the inventory, previewed as an import upload.
  const accessLog = routeRows
    .map(
      (r, i) =>
        `10.0.${i % 256}.${(i * 7) % 256} - - [01/Dec/2026:10:${String(i % 60).padStart(2, "0")}:00 +0000] "${r.method} ${r.path.replace(/\{[^}]+\}|:[a-z]+|<[^>]+>/gi, String(i + 1))} HTTP/1.1" 200 512 "-" "scale-demo"`,
    )
    .join("\n");
  const api = `/api/v1/projects/${projectId}`;
  const scenarios = [
    { name: "ranking (GET /ranking)", path: `${api}/ranking` },
    { name: "inventory list (GET /routes, by traffic)", path: `${api}/routes?sort=traffic&limit=50` },
    { name: "progress (GET /progress)", path: `${api}/progress` },
    { name: "claims (GET /claims)", path: `${api}/claims` },
    { name: "imports list (GET /imports)", path: `${api}/imports` },
    {
      name: "import preview (POST /imports, 200-line access log)",
      method: "POST",
      path: `${api}/imports?format=access-log&fileName=access.log`,
      body: accessLog,
      contentType: "text/plain",
      expect: 201,
      connections: INSTANCES,
    },
  ];
  for (const s of scenarios) s.token = token;

  // Warm-up: every page compiled and every pool connected, outside the measurement.
  for (const instance of instances) for (const s of scenarios.slice(0, 5)) await request(instance.base, "GET", s.path, s);

  console.log(`\nLoad: ${CONNECTIONS} connections in flight, spread over ${INSTANCES} instances, ${DURATION_MS / 1000} s per endpoint, API token`);
  console.log(
    `${"endpoint".padEnd(52)} ${"conns".padStart(5)} ${"requests".padStart(8)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"errors".padStart(7)}`,
  );
  const results = [];
  for (const s of scenarios) {
    if (stopping) return 130;
    const r = await load(instances, s);
    results.push(r);
    console.log(
      `${r.name.padEnd(52)} ${String(r.connections).padStart(5)} ${String(r.requests).padStart(8)} ${r.rps.toFixed(1).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(7)}`,
    );
    if (r.errors) console.log(`    statuses ${JSON.stringify(r.statuses)}; first: ${r.firstError}`);
  }

  if (stopping) return 130;
  // 50 simultaneous claims of one item, spread over the instances: exactly one may win.
  const item = routeRows[0];
  const claimBody = JSON.stringify({ holderId: userId });
  const claims = await Promise.all(
    Array.from({ length: CLAIMERS }, (_, i) => request(instances[i % INSTANCES].base, "POST", `${api}/items/${item.id}/claim`, { token, body: claimBody })),
  );
  const byStatus = {};
  for (const c of claims) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  const created = byStatus[201] ?? 0;
  const conflicts = byStatus[409] ?? 0;
  const [{ active }] = await sql(directUrl, `SELECT count(*)::int AS active FROM "Claim" WHERE "itemId" = $1 AND "endedAt" IS NULL`, [item.id]);
  const claimOk = created === 1 && conflicts === CLAIMERS - 1 && active === 1;
  console.log(
    `\n${CLAIMERS} concurrent claims of one item over ${INSTANCES} instances: ${JSON.stringify(byStatus)}; active claims in the database: ${active} — ${claimOk ? "OK, exactly one 201" : "FAILED"}`,
  );
  if (!claimOk) for (const c of claims.filter((c) => c.status !== 201 && c.status !== 409).slice(0, 3)) console.log(`    ${c.status} ${c.body.slice(0, 200)}`);

  console.log("\nMemory per instance (kernel figures for the server process):");
  for (const instance of instances) {
    const m = memory(instance.child.pid);
    console.log(`  instance ${instance.index + 1} (port ${instance.port}): RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`);
  }
  const pools = await sql(bouncer.url.replace(/\/[^/]*$/, "/pgbouncer"), "SHOW POOLS").catch(() => []);
  const pool = pools.find((p) => p.database === database);
  if (pool)
    log(
      `PgBouncer pool at the end: ${pool.cl_active} client connections active, ${Number(pool.sv_active) + Number(pool.sv_idle)} server connections (default_pool_size 20)`,
    );

  const warnings = instances.flatMap((x) =>
    x.stderr
      .split("\n")
      .filter((l) => /warn|deprecat|error/i.test(l))
      .map((l) => `instance ${x.index + 1}: ${l}`),
  );
  console.log(
    warnings.length ? `\nWarnings printed by the instances:\n${[...new Set(warnings)].slice(0, 20).join("\n")}` : "\nThe instances printed no warnings.",
  );

  const errors = results.reduce((n, r) => n + r.errors, 0);
  return claimOk && errors === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`\n[scale] failed: ${error.stack ?? error}`);
}
await cleanup();
log(code === 0 ? "done: everything this demo started is stopped" : "finished with failures; everything this demo started is stopped");
process.exit(code);
