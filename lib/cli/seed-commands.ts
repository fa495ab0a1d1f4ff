import { getDb } from "@/lib/db/client";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed-demo";

/** `waypoint seed-demo`: the demo organisation, user and project (idempotent). */
export async function seedDemoCommand(): Promise<number> {
  const { created } = await seedDemo(await getDb());
  console.log(created ? "Created the demo organisation and project." : "The demo organisation already exists: nothing changed.");
  console.log(`Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  return 0;
}
