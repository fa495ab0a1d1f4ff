import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { dbTargetFromEnv, type DbTarget } from "./config";
import { embeddedHandle } from "./embedded-handle";
import type { EmbeddedOptions } from "./pglite";

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]["adapter"]>;

/** Builds a client. Secrets never leave the database layer by accident: they must be selected explicitly. */
export function makeClient(adapter: AdapterFactory) {
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof makeClient>;

let client: Promise<Db> | null = null;
let embeddedOptions: EmbeddedOptions = {};

/**
 * How the embedded database is opened by this process, set before the first getDb(). The
 * command line's one-off commands take a small page cache (see lib/cli/main.ts); the server keeps
 * PGlite's default.
 */
export function configureEmbedded(options: EmbeddedOptions) {
  embeddedOptions = options;
}

async function connect(target: DbTarget): Promise<Db> {
  switch (target.kind) {
    case "postgres":
      // Migrations are never applied implicitly to a real server: `npx waypoint migrate` does it.
      return makeClient(new PrismaPg({ connectionString: target.url, max: Number(process.env.WAYPOINT_DB_POOL ?? 10) }));
    case "embedded": {
      // Loaded only here: PGlite's module alone is ~40 MB of memory, which a process on a real
      // PostgreSQL (a CLI import, a production instance) should not carry.
      const { openEmbedded, PrismaPGlite } = await import("./embedded");
      const handle = openEmbedded(target.dataDir, embeddedOptions);
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
  const embedded = embeddedHandle();
  if (embedded) await embedded.close();
}
