import type { PGlite } from "@electric-sql/pglite";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { acquireDataDirLock } from "./data-dir-lock";
import { dbTargetFromEnv, type DbTarget } from "./config";
import { applyMigrations } from "./migrations";


/**
 * The embedded database is shared through globalThis: the CLI process that starts the server
 * opens it, and the Next.js bundle (which has its own copy of this module) must reuse that
 * same PGlite rather than open the folder a second time.
 */
type EmbeddedHandle = { dataDir: string; pglite: PGlite; release: () => void; ready: Promise<void> };
const shared = globalThis as unknown as { __waypointEmbedded?: EmbeddedHandle };

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]["adapter"]>;

/** Builds a client. Secrets never leave the database layer by accident: they must be selected explicitly. */
export function makeClient(adapter: AdapterFactory) {
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof makeClient>;

let client: Promise<Db> | null = null;

/** Opens (once per process) the embedded PGlite in dataDir, taking the folder's lock and migrating it. */
export function openEmbedded(dataDir: string): EmbeddedHandle {
  const existing = shared.__waypointEmbedded;
  if (existing) {
    if (existing.dataDir !== dataDir) {
      throw new Error(`This process already has the embedded database in ${existing.dataDir} open, not ${dataDir}.`);
    }
    return existing;
  }
  const release = acquireDataDirLock(dataDir);
  const pglite = createPglite(dataDir);
  const handle: EmbeddedHandle = {
    dataDir,
    pglite,
    release,
    ready: pglite.waitReady.then(async () => {
      await applyMigrations(new PrismaPGlite(pglite));
      // PGlite has no autovacuum: give the planner fresh statistics once per start.
      await pglite.exec(`ANALYZE`);
    }),
  };
  handle.ready.catch(() => release());
  shared.__waypointEmbedded = handle;
  process.once("exit", release);
  return handle;
}

async function connect(target: DbTarget): Promise<Db> {
  switch (target.kind) {
    case "postgres":
      // Migrations are never applied implicitly to a real server: `npx waypoint migrate` does it.
      return makeClient(new PrismaPg({ connectionString: target.url, max: Number(process.env.WAYPOINT_DB_POOL ?? 10) }));
    case "embedded": {
      const handle = openEmbedded(target.dataDir);
      await handle.ready;
      return makeClient(new PrismaPGlite(handle.pglite));
    }
  }
}

/** The process's database client, connected on first use. */
export function getDb(): Promise<Db> {
  client ??= connect(dbTargetFromEnv()).catch((error) => {
    client = null;
    throw error;
  });
  return client;
}

/** Tests install their own per-worker database here. */
export function useDatabase(db: Db) {
  client = Promise.resolve(db);
}

/** Closes the client and, if this process owns it, the embedded database and its lock. */
export async function closeDb() {
  const current = client;
  client = null;
  if (current) await (await current.catch(() => null))?.$disconnect();
  const embedded = shared.__waypointEmbedded;
  if (embedded) {
    shared.__waypointEmbedded = undefined;
    await embedded.pglite.close().catch(() => undefined);
    embedded.release();
  }
}
