import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * Every embedded database is opened here, with the extensions the migrations use (pg_trgm for
 * inventory search), so that PGlite and a real PostgreSQL run the same schema.
 */
export function createPglite(dataDir?: string, options: Omit<PGliteOptions, "extensions" | "dataDir"> = {}): PGlite {
  return new PGlite({ ...(dataDir ? { dataDir } : {}), ...options, extensions: { pg_trgm } });
}
