import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { loadDashboard } from "@/lib/progress/dashboard";
import { loadDailyDeltas } from "@/lib/progress/deltas-sql";
import { rollupDeltas, routeTrafficDeltas } from "@/lib/progress/rollup";
import type { OrgContext } from "@/lib/tenancy";
import { benchTargets, openBenchDb } from "./bench-db";
import { timeDashboardInBrowser } from "./dashboard-browser";
import { round, timeMany, timeOnce, type Benchmark, type Figures } from "./harness";

const SIZE = { routes: 50_000, modules: 10_000, dependencies: 2_000, history: 500_000 };

/**
 * Issue 5: the progress dashboard's server work (every chart's data, one call of loadDashboard)
 * for 50,000 routes, 10,000 modules, 2,000 dependencies and 500,000 history rows over two years.
 */
export const dashboard: Benchmark = {
  name: "dashboard: progress of a 50,000-route project with 500,000 history rows",
  async run() {
    const figures: Figures = {};
    for (const target of await benchTargets()) {
      const { db, label, close, childEnv } = await openBenchDb(target);
      try {
        const seedMs = await timeOnce(async () => {
          const s = await seedSyntheticProject(db, { ...SIZE, seed: 5, organizationSlug: "synthetic-dashboard" });
          figures[`[${label}] project`] =
            `${s.items.toLocaleString("en")} items, ${s.relations.toLocaleString("en")} relations, ${s.history.toLocaleString("en")} history rows`;
        });
        figures[`[${label}] generate (ms)`] = round(seedMs);
        const project = await db.project.findFirstOrThrow({ where: { organization: { slug: "synthetic-dashboard" } }, orderBy: { createdAt: "desc" } });
        const ctx: OrgContext = {
          organizationId: project.organizationId,
          organizationSlug: "synthetic-dashboard",
          role: "VIEWER",
          userId: null,
          tokenProjectId: null,
        };
        const team = await db.team.findFirstOrThrow({ where: { organizationId: project.organizationId } });
        const scope = { organizationId: project.organizationId, projectId: project.id, timeZone: "Europe/Berlin" };
        await db.project.update({ where: { id: project.id }, data: { timeZone: "Europe/Berlin" } });
        const cases: [string, () => Promise<unknown>][] = [
          ["rollup read: daily counts + route traffic", () => Promise.all([rollupDeltas(db, scope), routeTrafficDeltas(db, scope)])],
          ["history summed in SQL (the path of a team or owner filter)", () => loadDailyDeltas(db, scope)],
          ["whole dashboard, since the start (2 years)", () => loadDashboard(db, ctx, project.id, {})],
          [
            "whole dashboard, last 12 weeks",
            () => loadDashboard(db, ctx, project.id, { from: new Date(Date.now() - 84 * 86_400_000).toISOString().slice(0, 10) }),
          ],
          ["whole dashboard, one team", () => loadDashboard(db, ctx, project.id, { team: team.id })],
          ["whole dashboard, routes only", () => loadDashboard(db, ctx, project.id, { kind: "ROUTE" })],
        ];
        for (const [name, fn] of cases) {
          const t = await timeMany(10, fn, 2);
          figures[`[${label}] ${name} p50 / p95 (ms)`] = `${t.p50} / ${t.p95}`;
        }
        // The first view after a change: the project's version bumped (as every history write
        // does), so nothing derived from the inventory is reused.
        await db.$executeRaw`INSERT INTO "ProjectVersion" ("projectId", version) VALUES (${project.id}, 1) ON CONFLICT DO NOTHING`;
        const cold = await timeMany(
          10,
          async () => {
            await db.$executeRaw`UPDATE "ProjectVersion" SET version = version + 1 WHERE "projectId" = ${project.id}`;
            return loadDashboard(db, ctx, project.id, {});
          },
          2,
        );
        figures[`[${label}] whole dashboard, 2 years, right after a change p50 / p95 (ms)`] = `${cold.p50} / ${cold.p95}`;
        // The page in Chromium, on PostgreSQL (an embedded database allows one process, and the
        // benchmark holds it).
        if (target === "postgres") {
          const browser = await timeDashboardInBrowser(db, childEnv, "synthetic-dashboard", project.slug);
          figures[`[${label}] page in Chromium until every chart is drawn, p50 / max (ms)`] = browser
            ? `${browser.p50} / ${browser.max} (${browser.runs} loads)`
            : "skipped: run `npm run build` first";
        }
      } finally {
        await close();
      }
    }
    return figures;
  },
};
