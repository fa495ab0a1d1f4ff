import { randomBytes } from "node:crypto";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";
import { makeClient, type Db } from "@/lib/db/client";

/**
 * A fresh, migrated database for one benchmark: in-memory PGlite (what a new user runs), or a new
 * database on the PostgreSQL server of BENCH_DATABASE_URL (what production runs), dropped after.
 */
export async function openBenchDb(target: "pglite" | "postgres"): Promise<{ db: Db; label: string; close: () => Promise<void> }> {
  if (target === "postgres") {
    const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
    const name = `waypoint_bench_${randomBytes(4).toString("hex")}`;
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(sql);
      await c.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    await applyMigrations(new PrismaPg({ connectionString: u.toString() }));
    const db = makeClient(new PrismaPg({ connectionString: u.toString(), max: 10 }));
    return {
      db,
      label: "PostgreSQL 15 (local server)",
      close: async () => {
        await db.$disconnect();
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const pglite = createPglite();
  await pglite.waitReady;
  await applyMigrations(new PrismaPGlite(pglite));
  const db = makeClient(new PrismaPGlite(pglite));
  return { db, label: "embedded PGlite", close: async () => { await db.$disconnect(); await pglite.close(); } };
}

/** Which databases to measure: PGlite always; PostgreSQL when it answers. */
export async function benchTargets(): Promise<("pglite" | "postgres")[]> {
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  try {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    await c.connect();
    await c.end();
    return ["pglite", "postgres"];
  } catch {
    return ["pglite"];
  }
}
