import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "@/lib/db/migrations";
import { makeClient } from "@/lib/db/client";
import { seedDemo, DEMO_EMAIL, DEMO_ORG_SLUG, DEMO_PROJECT_SLUG } from "@/lib/demo/seed-demo";
import { orgContextFor } from "@/lib/orgs/membership";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { listProjectsForPrincipal, getProjectForPrincipal } from "@/lib/projects/api-queries";
import { authenticateApiToken } from "@/lib/api-tokens/tokens";
import { projectStatusCounts } from "@/lib/projects/overview";
import { mb, round, timeMany, timeOnce, type Benchmark } from "./harness";

/** What a new user waits for on first start, and what the API base costs per request. */
export const foundation: Benchmark = {
  name: "foundation: embedded database, demo seed, API base",
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-bench-"));
    let pglite = createPglite(dir);
    const createMs = await timeOnce(async () => {
      await pglite.waitReady;
      await applyMigrations(new PrismaPGlite(pglite));
    });
    let db = makeClient(new PrismaPGlite(pglite));
    const seedMs = await timeOnce(() => seedDemo(db));
    await db.$disconnect();
    await pglite.close();

    pglite = createPglite(dir);
    const reopenMs = await timeOnce(async () => {
      await pglite.waitReady;
      await applyMigrations(new PrismaPGlite(pglite));
    });
    db = makeClient(new PrismaPGlite(pglite));

    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    const ctx = await orgContextFor(db, user.id, DEMO_ORG_SLUG);
    const project = await db.project.findFirstOrThrow({ where: { organizationId: ctx.organizationId, slug: DEMO_PROJECT_SLUG } });
    const { secret } = await createApiToken(db, ctx, { projectId: project.id, name: "bench" });

    const auth = await timeMany(500, () => authenticateApiToken(db, secret));
    const principal = (await authenticateApiToken(db, secret))!;
    const list = await timeMany(500, () => listProjectsForPrincipal(db, principal, { limit: 50, archived: "exclude" }));
    const get = await timeMany(500, () => getProjectForPrincipal(db, principal, project.id));
    const counts = await timeMany(200, () => projectStatusCounts(db, ctx, project.id));
    const rss = process.memoryUsage().rss;

    await db.$disconnect();
    await pglite.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      "new data folder, create + migrate (ms)": round(createMs),
      "demo seed, 86 items + relations + history (ms)": round(seedMs),
      "reopen + check migrations (ms)": round(reopenMs),
      "token authentication p50 / p95 (ms)": `${auth.p50} / ${auth.p95}`,
      "GET /projects query p50 / p95 (ms)": `${list.p50} / ${list.p95}`,
      "GET /projects/{id} query p50 / p95 (ms)": `${get.p50} / ${get.p95}`,
      "overview status counts p50 / p95 (ms)": `${counts.p50} / ${counts.p95}`,
      "process RSS after the run": mb(rss),
    };
  },
};
