import { afterAll, inject } from "vitest";
import fs from "node:fs";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
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
async function createTestDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `waypoint_test_${randomBytes(6).toString("hex")}`;
    await copyTemplate(url, name);
    const db = makeClient(new PrismaPg({ connectionString: withDatabase(url, name), max: 20 }));
    return {
      db,
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
    drop: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

const testDb = await createTestDatabase();
useDatabase(testDb.db);
export const db = testDb.db;

afterAll(async () => {
  await testDb.drop();
});
