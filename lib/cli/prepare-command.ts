import { getDb } from "@/lib/db/client";
import { dbTargetFromEnv, describeTarget } from "@/lib/db/config";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed-demo";

/**
 * `waypoint prepare` (run by `npm install`): migrates the embedded database and seeds the demo
 * into an empty one. A real PostgreSQL is never touched implicitly.
 */
export async function prepareCommand(): Promise<number> {
  const target = dbTargetFromEnv();
  if (target.kind !== "embedded") {
    console.log(`DATABASE_URL is set: not preparing ${describeTarget(target)}. Run \`npx waypoint migrate\` to migrate it.`);
    return 0;
  }
  const db = await getDb();
  if ((await db.user.count()) === 0 && process.env.WAYPOINT_SEED_DEMO !== "0") {
    await seedDemo(db);
    console.log(`Prepared ${describeTarget(target)} with the demo project. Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  } else {
    console.log(`${describeTarget(target)} is up to date.`);
  }
  return 0;
}
