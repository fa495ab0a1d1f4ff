import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PGlite } from "@electric-sql/pglite";
import { createPglite, type EmbeddedOptions } from "./pglite";
import { acquireDataDirLock } from "./data-dir-lock";
import { applyMigrations, pendingMigrationNames } from "./migrations";
import { embeddedHandle, setEmbeddedHandle, type EmbeddedHandle } from "./embedded-handle";

export { PrismaPGlite };

const rawQueries = (pglite: PGlite) => ({
  $queryRawUnsafe: async <T>(sql: string) => (await pglite.query(sql)).rows as T,
});

/** Opens (once per process) the embedded PGlite in dataDir, taking the folder's lock and migrating it. */
export function openEmbedded(dataDir: string, options: EmbeddedOptions = {}): EmbeddedHandle {
  const existing = embeddedHandle();
  if (existing) {
    if (existing.dataDir !== dataDir) {
      throw new Error(`This process already has the embedded database in ${existing.dataDir} open, not ${dataDir}.`);
    }
    return existing;
  }
  const release = acquireDataDirLock(dataDir);
  const pglite = createPglite(dataDir, options);
  const handle: EmbeddedHandle = {
    dataDir,
    pglite,
    release,
    ready: pglite.waitReady.then(async () => {
      // The schema engine (a 5 MB WebAssembly module, ~15 MB of a one-off command's peak) is loaded
      // only when a migration is pending; `npx waypoint migrate` always runs it.
      if ((await pendingMigrationNames(rawQueries(pglite))).length > 0) await applyMigrations(new PrismaPGlite(pglite));
      // PGlite has no autovacuum: give the planner fresh statistics once per start.
      await pglite.exec(`ANALYZE`);
    }),
  };
  handle.ready.catch(() => release());
  setEmbeddedHandle(handle);
  process.once("exit", release);
  return handle;
}
