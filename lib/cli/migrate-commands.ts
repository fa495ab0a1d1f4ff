import { createPglite, pgliteMigrationAdapter } from "@/lib/db/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import path from "node:path";
import { dbTargetFromEnv, describeTarget } from "@/lib/db/config";
import { openEmbedded } from "@/lib/db/embedded";
import { applyMigrations, createMigration, PROJECT_ROOT } from "@/lib/db/migrations";

/** `waypoint migrate`: applies pending migrations to the configured database. */
export async function migrateCommand(): Promise<number> {
  const target = dbTargetFromEnv();
  if (target.kind === "postgres") {
    const applied = await applyMigrations(new PrismaPg({ connectionString: target.url }));
    report(applied, describeTarget(target));
  } else if (target.kind === "embedded") {
    // Opening the embedded database migrates it (and takes the folder's lock).
    const handle = openEmbedded(target.dataDir);
    await handle.ready;
    console.log(`${describeTarget(target)} is up to date.`);
  }
  return 0;
}

function report(applied: string[], where: string) {
  if (applied.length === 0) console.log(`No pending migration: ${where} is up to date.`);
  else console.log(`Applied ${applied.length} migration(s) to ${where}:\n  ${applied.join("\n  ")}`);
}

/** `waypoint make-migration <name>`: writes a migration from the schema diff (replayed on a throwaway in-memory database). */
export async function makeMigrationCommand(args: string[]): Promise<number> {
  const name = args.filter((a) => !a.startsWith("-")).join("_");
  if (!name) {
    console.error("Usage: npm run db:migration -- <name>   (for example: npm run db:migration -- add_teams)");
    return 2;
  }
  const shadow = createPglite();
  try {
    const folder = await createMigration(pgliteMigrationAdapter(shadow), name);
    if (!folder) console.log("The schema matches the migration history: no migration written.");
    else console.log(`Wrote ${path.relative(PROJECT_ROOT, folder)}/migration.sql — review it, then run npm run db:migrate.`);
    return 0;
  } finally {
    await shadow.close();
  }
}
