import v8 from "node:v8";
import { closeDb, configureEmbedded } from "@/lib/db/client";
import { DataDirBusyError } from "@/lib/db/data-dir-lock";
import { dbTargetFromEnv } from "@/lib/db/config";
import { CliError } from "./cli-error";
import { AppError } from "@/lib/errors";

const USAGE = `Usage: npx waypoint <command> [options]

Commands:
  serve [--dev] [--port N]             run the web app (migrates and seeds the embedded database first)
  worker                               run the job queue's worker alone (PostgreSQL; serve runs one too
                                       unless WAYPOINT_WORKER=0)
  migrate                              apply pending database migrations
  make-migration <name>                write a new migration from the schema diff
  create-user --email E --name N [--password P] [--org NAME]
                                       create a user and their organisation
  create-token --project <slug> [--org <slug>] [--name N] [--role R] [--scope api|routing|evidence]
                                       print a new API token for a project
  create-token --project <slug> --agent --user EMAIL [--name N]
                                       print a coding agent's token (MCP) owned by that member
  agent-config --client claude-code|cursor|vscode [--url URL] [--token T]
                                       print the MCP client configuration for an agent token
  import --project <slug> --format <f> [--kind K] [--dry-run] [--list] [--json] [--include-skipped] <file|folder>
                                       preview and commit an import (formats: csv, json, source,
                                       flask, fastapi, django, express, rails, laravel, requirements,
                                       package-json, composer-json, gemfile-lock, access-log);
                                       --list prints every item, --json one JSON document (also
                                       when refused), --include-skipped reads tests, examples, docs
                                       and static folders too
  smoke --project <id> --base-url URL [--profile NAME[:cookie=…|:header=Name:value]]…
        [--routes KEYS] [--log access.log] [--expect NAME=200|302]… [--concurrency 8] [--timeout 10]
                                       request every GET route as each profile on the new stack and
                                       record one evidence record per route and profile
  replay --project <id> --log access.log[.gz] --legacy URL --new URL [--sample 10000]
         [--strategy stratified|reservoir] [--seed N] [--methods GET,HEAD] [--allow-unsafe]
         [--ignore-json-path $.csrf]… [--ignore-regex RE]… [--max-mismatch 1] [--concurrency 8]
                                       replay sampled requests of the log to both backends and record
                                       each route's mismatch rate above legacy's own noise
                                       (smoke and replay read routes from --url / WAYPOINT_URL with
                                       --token / WAYPOINT_TOKEN; --dry-run posts nothing)
  kill-switch --project <slug> (--route "GET /x" | --module PATH | --team NAME | --all) --reason "…"
                                       send routes back to legacy at once (freeze windows do not stop it)
  scan --project <slug> [--org <slug>] [--repository legacy|new] [--full]
                                       scan the project's linked repositories now and print each log
  seed-demo                            create the demo organisation, user and project
  seed-synthetic --routes N --modules N --dependencies N [--history N] [--seed N]
                                       generate a large project for benchmarks
  prepare                              migrate the embedded database and seed the demo if it is empty
                                       (run by npm install)
  routing pull --url <base> --project <id> --format <f> --out <file> [--token <t>]
               [--check "<cmd {file}>"] [--reload "<cmd>"] [--watch] [--interval 5]
                                       fetch the proxy configuration, check it, put it live
                                       atomically and reload (formats: nginx, haproxy, haproxy-map,
                                       apache, apache-map, traefik, envoy, envoy-clusters, json)
  routing diff --url <base> --project <id> --format <f> <file>
                                       show drift between a live file and the server (exit 1)
`;

type Command = (args: string[]) => Promise<number | null>;

/**
 * One-off commands open the embedded database with a 16 MB page cache instead of PGlite's 128 MB:
 * the cache is this process's memory, and a million-line access-log import peaked at 377 MB
 * with it against 525 MB without. `serve` keeps the default: it reads the same pages all day.
 */
const ONE_OFF_SHARED_BUFFERS = "16MB";

/**
 * One-off commands on the embedded database also keep its WebAssembly on V8's baseline compiler:
 * the optimising tier recompiles PostgreSQL's hot functions on background threads, and that code
 * and its compilation cost a short command ~55 MB of its peak (opening a data folder: 200 → 145 MB)
 * while a million-line import ran no slower without it (docs/BENCHMARKS.md). Set before PGlite
 * starts; a long-running `serve` keeps the optimised code.
 */
function oneOffWasmTiering() {
  if (dbTargetFromEnv().kind === "embedded") v8.setFlagsFromString("--liftoff-only");
}

async function load(name: string): Promise<Command | null> {
  switch (name) {
    case "migrate":
      return (await import("./migrate-commands")).migrateCommand;
    case "make-migration":
      return (await import("./migrate-commands")).makeMigrationCommand;
    case "serve":
      return (await import("./serve")).serveCommand;
    case "worker":
      return (await import("./worker-command")).workerCommand;
    case "create-user":
      return (await import("./user-commands")).createUserCommand;
    case "create-token":
      return (await import("./token-commands")).createTokenCommand;
    case "agent-config":
      return (await import("./agent-commands")).agentConfigCommand;
    case "import":
      return (await import("./import-command")).importCommand;
    case "seed-synthetic":
      return (await import("./synthetic-command")).seedSyntheticCommand;
    case "prepare":
      return (await import("./prepare-command")).prepareCommand;
    case "smoke":
      return (await import("./smoke-command")).smokeCommand;
    case "replay":
      return (await import("./replay-command")).replayCommand;
    case "kill-switch":
      return (await import("./kill-switch-command")).killSwitchCommand;
    case "scan":
      return (await import("./scan-command")).scanCommand;
    case "seed-demo":
      return (await import("./seed-commands")).seedDemoCommand;
    case "routing":
      return (await import("./routing-command")).routingCommand;
    default:
      return null;
  }
}

export async function main(argv: string[]): Promise<number | null> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = await load(name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  if (name !== "serve") configureEmbedded({ sharedBuffers: ONE_OFF_SHARED_BUFFERS });
  if (name !== "serve" && name !== "worker") oneOffWasmTiering();
  try {
    const code = await command(args);
    if (code !== null) await closeDb();
    return code;
  } catch (error) {
    await closeDb().catch(() => undefined);
    if (error instanceof DataDirBusyError || error instanceof CliError || error instanceof AppError) {
      console.error(`waypoint ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
