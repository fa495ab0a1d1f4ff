import { afterAll, inject } from "vitest";
import fs from "node:fs";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { makeClient, useDatabase, type Db } from "@/lib/db/client";
import { adminQuery, TEMPLATE_DB, withDatabase } from "./pg-admin";

/** PostgreSQL copies a template for one session at a time: another file copying it at that moment means wait and retry. */
async function copyTemplate(url: string, name: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await adminQuery(url, [`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`]);
    } catch (error) {
      if (attempt >= 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

/** Each test file gets a database of its own, so files never see each other's rows. */
type JobsConnection = { kind: "pglite"; pglite: PGlite } | { kind: "postgres"; url: string };

async function createTestDatabase(): Promise<{ db: Db; jobs: JobsConnection; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `waypoint_test_${randomBytes(6).toString("hex")}`;
    await copyTemplate(url, name);
    const db = makeClient(new PrismaPg({ connectionString: withDatabase(url, name), max: 20 }));
    return {
      db,
      jobs: { kind: "postgres", url: withDatabase(url, name) },
      drop: async () => {
        await db.$disconnect();
        await adminQuery(url, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
      },
    };
  }
  const pglite = createPglite(undefined, { loadDataDir: new Blob([fs.readFileSync(inject("pgliteDump"))]) });
  await pglite.waitReady;
  const db = makeClient(new PrismaPGlite(pglite));
  return {
    db,
    jobs: { kind: "pglite", pglite },
    drop: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

const testDb = await createTestDatabase();
useDatabase(testDb.db);
export const db = testDb.db;
/** What the job queue connects to in this test file: the same database as `db`. */
export const jobsConnection = () => testDb.jobs;

afterAll(async () => {
  await testDb.drop();
});
