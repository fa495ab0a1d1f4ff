import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { closeDb, getDb } from "@/lib/db/client";
import { dbTargetFromEnv, describeTarget } from "@/lib/db/config";
import { pendingMigrationNames, PROJECT_ROOT } from "@/lib/db/migrations";
import { DEMO_EMAIL, DEMO_PASSWORD, demoExists, seedDemo } from "@/lib/demo/seed-demo";
import { seedCodeDemo } from "@/lib/demo/seed-code-demo";
import { addressForRequest, CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { demoSignInEnabled } from "@/lib/demo/demo-mode";
import { parseOptions } from "./args";
import type { Db } from "@/lib/db/client";
import type { DbTarget } from "@/lib/db/config";
import { jobsConnectionFor, startWorker } from "@/lib/jobs/worker";
import { CliError } from "./cli-error";

/**
 * Runs Next.js inside this process, so that the process that opened (and migrated) the embedded
 * database is the one that serves requests: the one-process rule of PGlite holds by construction.
 */
export async function serveCommand(args: string[]): Promise<null> {
  const { values } = parseOptions(args, { dev: { type: "boolean" }, port: { type: "string" }, hostname: { type: "string" } });
  const dev = Boolean(values.dev);
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`--port must be a number from 1 to 65535 (got ${values.port}).`);
  const hostname = values.hostname ?? process.env.HOSTNAME_BIND ?? "localhost";
  const target = dbTargetFromEnv();
  if (!dev) (process.env as Record<string, string>).NODE_ENV = "production";

  ensureAuthSecret(target.kind === "embedded" ? target.dataDir : null, dev);
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const db = await getDb();
  if (target.kind === "postgres") {
    const pending = await pendingMigrationNames(db);
    if (pending.length)
      throw new CliError(`The database has ${pending.length} pending migration(s) (${pending.join(", ")}). Run \`npx waypoint migrate\` first.`);
  } else if ((await db.user.count()) === 0 && process.env.WAYPOINT_SEED_DEMO !== "0" && demoSignInEnabled()) {
    await seedDemo(db);
  }
  // The code demo (issue 22's screens without a scan): the browser tests turn it on.
  if (target.kind === "embedded" && process.env.WAYPOINT_SEED_CODE_DEMO === "1") await seedCodeDemo(db);
  const showDemo = demoSignInEnabled() && (await demoExists(db));

  if (!dev && !fs.existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
    throw new CliError("No production build found. Run `npm run build` first (or `npm run dev` for the development server).");
  }
  const { default: next } = await import("next");
  const app = next({ dev, dir: PROJECT_ROOT, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustProxy = process.env.WAYPOINT_TRUST_PROXY === "1";
  const server = http.createServer((req, res) => {
    // The address the throttles count by: from the socket, never from what the client sent.
    req.headers[CLIENT_ADDRESS_HEADER] = addressForRequest(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustProxy);
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new CliError(`Port ${port} is already in use. Choose another with --port or PORT.`) : error),
    );
    server.listen(port, hostname, resolve);
  });

  const worker = await startServerWorker(db, target);

  const url = `http://${hostname}:${port}`;
  console.log(`\n  Waypoint is running at ${url}  (${dev ? "development" : "production"} mode)`);
  console.log(`  Database: ${describeTarget(target)}`);
  console.log(`  Jobs: ${worker ? "this process runs the queue's worker" : "no worker here (WAYPOINT_WORKER=0): run `npx waypoint worker`"}`);
  if (showDemo) console.log(`  Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}  (public demo data; WAYPOINT_DEMO=0 turns it off)`);
  else if (!dev) console.log("  The demo sign-in is off in production (WAYPOINT_DEMO=1 turns it on).");
  console.log("");

  const stop = async () => {
    server.close();
    await worker?.stop().catch(() => undefined);
    await app.close?.().catch(() => undefined);
    await closeDb();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  return null;
}

/**
 * The job worker runs in the server process unless WAYPOINT_WORKER=0 (an instance that only serves
 * requests, with `waypoint worker` elsewhere). On the embedded database it must run here: one
 * process owns the folder.
 */
async function startServerWorker(db: Db, target: DbTarget) {
  if (process.env.WAYPOINT_WORKER === "0") {
    if (target.kind === "embedded")
      throw new CliError("WAYPOINT_WORKER=0 needs a PostgreSQL database: on the embedded one only this process can run the jobs.");
    return null;
  }
  return startWorker(db, { connection: jobsConnectionFor(target), schedule: true });
}

/** next-auth signs sessions with NEXTAUTH_SECRET. The embedded default keeps one in its data folder. */
function ensureAuthSecret(dataDir: string | null, dev: boolean) {
  if (process.env.NEXTAUTH_SECRET) return;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, "auth-secret");
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  } else if (dev) {
    process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
    console.warn("NEXTAUTH_SECRET is not set: using a random one, so sessions end when the server stops.");
  } else {
    throw new CliError("Set NEXTAUTH_SECRET (a long random string, e.g. `openssl rand -base64 32`) to run in production.");
  }
}
