import * as clock from "@/lib/time/clock";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Migrations through Prisma's WebAssembly schema engine, so they run offline (the CLI's native
 * engine is a download). The history lives in prisma/migrations and is recorded in
 * _prisma_migrations, exactly as `prisma migrate deploy` would.
 */
export const PROJECT_ROOT = process.env.WAYPOINT_ROOT ?? process.cwd();
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

// Resolved from the project root, not from this file: inside a Next.js bundle this file's own
// location says nothing about where node_modules is.
const requireFromRoot = createRequire(path.join(PROJECT_ROOT, "package.json"));

type EngineModule = { SchemaEngine: typeof SchemaEngine };
const shared = globalThis as unknown as { __waypointSchemaEngine?: Promise<EngineModule> };

/**
 * The WebAssembly module is instantiated once per process: its JS glue keeps views of the
 * instance's memory in module state, so a second instantiation would corrupt the first's strings.
 */
function engineModule(): Promise<EngineModule> {
  shared.__waypointSchemaEngine ??= (async () => {
    const bgPath = requireFromRoot.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileUrl(bgPath));
    const wasmBytes = fs.readFileSync(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg as EngineModule;
  })();
  return shared.__waypointSchemaEngine;
}

async function loadEngine(adapter: SqlMigrationAwareDriverAdapterFactory, datamodel: string): Promise<SchemaEngine> {
  const { SchemaEngine } = await engineModule();
  const log = (message: string) => {
    if (process.env.WAYPOINT_DEBUG_MIGRATIONS) console.error("[schema-engine]", message);
  };
  return SchemaEngine.new({ datamodels: [[SCHEMA_PATH, datamodel]] }, log, bindMigrationAwareSqlAdapterFactory(adapter));
}

function pathToFileUrl(p: string) {
  return new URL(`file://${p}`).href;
}

export function readMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const entries = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: entries.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file) ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") } : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

type ScriptRunner = { executeScript(script: string): Promise<void>; client?: { query(sql: string): Promise<unknown> }; onError?: (error: unknown) => never };

/**
 * @prisma/adapter-pg runs a migration script by splitting it at every ";", also inside function
 * bodies and comments. PostgreSQL takes a whole script in one simple query (and runs it as one
 * transaction), so its connected adapters get a whole-script runner.
 */
export function wholeScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  if (factory.adapterName !== "@prisma/adapter-pg") return factory; // PGlite's adapter runs scripts whole already
  const patch = <A extends object>(adapter: A): A => {
    const runner = adapter as unknown as ScriptRunner;
    const client = runner.client;
    if (client && typeof client.query === "function") {
      runner.executeScript = async (script: string) => {
        try {
          await client.query(script);
        } catch (error) {
          if (runner.onError) runner.onError(error);
          throw error;
        }
      };
    }
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

/** Applies every pending migration; returns the names applied. */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await loadEngine(wholeScripts(adapter), fs.readFileSync(SCHEMA_PATH, "utf8"));
  try {
    const result = await engine.applyMigrations({ migrationsList: readMigrationList(), filters: noFilters });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The SQL that takes a database from the migration history to the schema ("" when they match).
 * The history is replayed on `shadow`, a throwaway database.
 */
export async function diffHistoryToSchema(shadow: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const datamodel = fs.readFileSync(SCHEMA_PATH, "utf8");
  const engine = await loadEngine(shadow, datamodel);
  try {
    const list = readMigrationList();
    const result = await engine.diff({
      from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.?)?\s*$/.test(sql) ? "" : sql;
  } finally {
    engine.free();
  }
}

/** Writes a new migration from the schema diff; returns its folder, or null when nothing changed. */
export async function createMigration(shadow: SqlMigrationAwareDriverAdapterFactory, name: string, now = clock.now()): Promise<string | null> {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error("A migration needs a name made of letters or digits, e.g. `add_teams`.");
  const sql = await diffHistoryToSchema(shadow);
  if (!sql) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${slug}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "migration.sql"), sql);
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return folder;
}

/** Names of migrations in prisma/migrations not yet recorded as applied in this database. */
export async function pendingMigrationNames(db: { $queryRawUnsafe<T>(sql: string): Promise<T> }): Promise<string[]> {
  const all = readMigrationList().migrationDirectories.map((d) => d.path);
  let applied: { migration_name: string }[] = [];
  try {
    applied = await db.$queryRawUnsafe(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
  } catch {
    return all; // no migration table yet
  }
  const done = new Set(applied.map((r) => r.migration_name));
  return all.filter((name) => !done.has(name));
}
