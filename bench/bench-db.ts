import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";
import { makeClient, type Db } from "@/lib/db/client";
import type { JobsConnection } from "@/lib/jobs/worker";

/**
 * A fresh, migrated database for one benchmark: in-memory PGlite (what a new user runs), or a new
 * database on the PostgreSQL server of BENCH_DATABASE_URL (what production runs), dropped after.
 */
export type BenchDb = {
  db: Db;
  label: string;
  /** What a child process (the CLI) needs in its environment to open this same database. */
  childEnv: Record<string, string>;
  /** Closes this process's connection, so that a child may open an embedded folder. */
  release: () => Promise<void>;
  /** What the job worker polls with: this same database. */
  jobs: JobsConnection;
  /** Releases, then drops the database or removes the folder. */
  close: () => Promise<void>;
};

/** `dataDir` puts the embedded database in a folder (removed on close) instead of memory. */
export async function openBenchDb(target: "pglite" | "postgres", options: { dataDir?: string } = {}): Promise<BenchDb> {
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
    const release = once(() => db.$disconnect());
    return {
      db,
      label: "PostgreSQL 15 (local server)",
      jobs: { kind: "postgres", url: u.toString() },
      childEnv: { DATABASE_URL: u.toString() },
      release,
      close: async () => {
        await release();
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const pglite = createPglite(options.dataDir);
  await pglite.waitReady;
  await applyMigrations(new PrismaPGlite(pglite));
  const db = makeClient(new PrismaPGlite(pglite));
  const release = once(async () => {
    await db.$disconnect();
    await pglite.close();
  });
  return {
    db,
    label: "embedded PGlite",
    jobs: { kind: "pglite", pglite },
    childEnv: options.dataDir ? { DATABASE_URL: "", WAYPOINT_DATA_DIR: options.dataDir } : {},
    release,
    close: async () => {
      await release();
      if (options.dataDir) fs.rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
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
