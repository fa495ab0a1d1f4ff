import { describe, expect, test } from "vitest";
import fs from "node:fs";
import { createPglite, pgliteMigrationAdapter } from "@/lib/db/pglite";
import { diffHistoryToSchema, pendingMigrationNames, readMigrationList } from "@/lib/db/migrations";
import { testDb } from "../helpers/db";

describe("migrations", () => {
  test("the migration history produces exactly prisma/schema.prisma (run `npm run db:migration -- <name>` if not)", async () => {
    const shadow = createPglite();
    try {
      expect(await diffHistoryToSchema(pgliteMigrationAdapter(shadow))).toBe("");
    } finally {
      await shadow.close();
    }
  }, 120_000); // replays every migration in a new PGlite: seconds alone, more on a busy machine

  test("the test database has every migration applied, recorded as prisma migrate deploy would", async () => {
    const db = await testDb();
    expect(await pendingMigrationNames(db)).toEqual([]);
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const list = readMigrationList();
    expect(rows.map((r) => r.migration_name)).toEqual(list.migrationDirectories.map((d) => d.path));
    // prisma migrate deploy compares this checksum (SHA-256 of the file) to detect edited migrations.
    const { createHash } = await import("node:crypto");
    for (const dir of list.migrationDirectories) {
      const sql = fs.readFileSync(`${list.baseDir}/${dir.path}/migration.sql`);
      expect(rows.find((r) => r.migration_name === dir.path)?.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    }
  });
});
