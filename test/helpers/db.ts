import { getDb } from "@/lib/db/client";

/** The database of this test file (installed by test/setup/database.ts). */
export const testDb = () => getDb();

/** Whether the suite runs against real PostgreSQL (TEST_DATABASE_URL) rather than PGlite. */
export const onRealPostgres = Boolean(process.env.TEST_DATABASE_URL);
