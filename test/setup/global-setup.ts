import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPglite } from "../../lib/db/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../../lib/db/migrations";
import { adminQuery, TEMPLATE_DB, withDatabase } from "./pg-admin";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}

/**
 * Migrates once, so that each test file only copies a ready database: with TEST_DATABASE_URL a
 * PostgreSQL template database, otherwise a PGlite data-folder dump (loading one takes ~0.4 s,
 * starting and migrating a new PGlite ~3 s).
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await adminQuery(url, [`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`, `CREATE DATABASE ${TEMPLATE_DB}`]);
    await applyMigrations(new PrismaPg({ connectionString: withDatabase(url, TEMPLATE_DB) }));
    // A template cannot be copied while anyone is connected to it: close the migration's connections.
    await adminQuery(url, [`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE_DB}' AND pid <> pg_backend_pid()`]);
    return;
  }
  const pglite = createPglite();
  await pglite.waitReady;
  await applyMigrations(new PrismaPGlite(pglite));
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  const file = path.join(os.tmpdir(), `waypoint-test-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDump", file);
  return () => fs.rmSync(file, { force: true });
}
