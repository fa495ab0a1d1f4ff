import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * Every embedded database is opened here, with the extensions the migrations use (pg_trgm for
 * inventory search), so that PGlite and a real PostgreSQL run the same schema.
 */
export function createPglite(dataDir?: string, options: Omit<PGliteOptions, "extensions" | "dataDir"> = {}): PGlite {
  return new PGlite({ ...(dataDir ? { dataDir } : {}), ...options, extensions: { pg_trgm } });
}

/**
 * The driver adapter for the schema engine. Its shadow database (where `diff` replays the
 * migration history) must load the same extensions, which the stock adapter's plain PGlite does not.
 */
export function pgliteMigrationAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPGlite(pglite);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: () => new PrismaPGlite(createPglite()).connect(),
  };
}
