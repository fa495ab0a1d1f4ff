/**
 * pg-boss talks to the database through Prisma — not through a pool of its own — so that it works
 * the same on the embedded database (one PGlite connection, serialised by Prisma's adapter) and on
 * PostgreSQL, and so that a job can be enqueued in the transaction of the change that causes it.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PGlite } from "@electric-sql/pglite";

export type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

export function prismaExecutor(db: Db | Prisma.TransactionClient): Executor {
  return {
    async executeSql(text, values = []) {
      const rows = await db.$queryRawUnsafe<unknown[]>(text, ...values);
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

/** The embedded database: PGlite's own query/exec wait for any open transaction (one session). */
export function pgliteExecutor(pglite: PGlite): Executor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
      const results = await pglite.exec(text);
      return { rows: results.length ? results[results.length - 1].rows : [] };
    },
  };
}
