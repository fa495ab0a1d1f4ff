import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { listItems } from "@/lib/inventory/list";
import { projectRanking } from "@/lib/ranking/project-ranking";
import type { OrgContext } from "@/lib/tenancy";
import { benchTargets, openBenchDb } from "./bench-db";
import { round, timeMany, timeOnce, type Benchmark, type Figures } from "./harness";

const SIZE = { routes: 50_000, modules: 10_000, dependencies: 2_000 };

/** Listing, filtering and sorting a 50,000-route inventory: the server work of one page. */
export const inventoryList: Benchmark = {
  name: "inventory: list and rank a 50,000-route project (page of 50)",
  async run() {
    const figures: Figures = {};
    for (const target of await benchTargets()) {
      const { db, label, close } = await openBenchDb(target);
      try {
        const seedMs = await timeOnce(async () => {
          const s = await seedSyntheticProject(db, { ...SIZE, seed: 7 });
          figures[`[${label}] project`] = `${s.items.toLocaleString("en")} items, ${s.relations.toLocaleString("en")} relations`;
        });
        figures[`[${label}] generate (ms)`] = round(seedMs);
        const project = await db.project.findFirstOrThrow({ where: { organization: { slug: "synthetic" } }, orderBy: { createdAt: "desc" } });
        const ctx: OrgContext = { organizationId: project.organizationId, organizationSlug: "synthetic", role: "VIEWER", userId: null, tokenProjectId: null };
        const team = await db.team.findFirstOrThrow({ where: { organizationId: project.organizationId } });
        const list = (q: Record<string, string>) => () => listItems(db, ctx, project.id, "ROUTE", q);
        // A cursor deep in the list: the 40,000th route by traffic.
        const deep = await db.item.findMany({
          where: { projectId: project.id, kind: "ROUTE" },
          orderBy: [{ trafficPerDay: "desc" }, { id: "asc" }],
          skip: 40_000,
          take: 1,
          select: { id: true },
        });
        const cases: [string, Record<string, string>][] = [
          ["first page, by key", {}],
          ["sorted by traffic", { sort: "traffic" }],
          ["page 800 by traffic (cursor)", { sort: "traffic", cursor: deep[0].id }],
          ["filter status + blocked", { status: "NOT_STARTED,IN_PROGRESS", blocked: "true" }],
          ["filter team (with its people) + complexity", { team: team.id, complexityMin: "4" }],
          ["search q=billing/s1", { q: "billing/s1" }],
          ["traffic range, sorted by complexity", { trafficMin: "100", trafficMax: "5000", sort: "complexity" }],
        ];
        for (const [name, q] of cases) {
          const t = await timeMany(30, list(q), 5);
          figures[`[${label}] ${name} p50 / p95 (ms)`] = `${t.p50} / ${t.p95}`;
        }
        // Issue 4: the Next targets page's server work — rank all of the project, explain the first
        // 50. Cold: right after a change (the version bumped, as any write does), so the project is
        // loaded and prepared again; warm: nothing changed since the last call.
        const bump = () => db.$executeRaw`UPDATE "ProjectVersion" SET version = version + 1 WHERE "projectId" = ${project.id}`;
        await db.$executeRaw`INSERT INTO "ProjectVersion" ("projectId", version) VALUES (${project.id}, 1) ON CONFLICT DO NOTHING`;
        const cold = await timeMany(
          10,
          async () => {
            await bump();
            return projectRanking(db, ctx, project.id, { limit: "50" });
          },
          2,
        );
        figures[`[${label}] ranking after a change: load + prepare + rank + explain 50 p50 / p95 (ms)`] = `${cold.p50} / ${cold.p95}`;
        const warm = await timeMany(20, () => projectRanking(db, ctx, project.id, { limit: "50" }), 2);
        figures[`[${label}] ranking, nothing changed since (prepared ranking cached) p50 / p95 (ms)`] = `${warm.p50} / ${warm.p95}`;
        const rankedTeam = await timeMany(20, () => projectRanking(db, ctx, project.id, { limit: "50", team: team.id }), 2);
        figures[`[${label}] ranking filtered by team, cached p50 / p95 (ms)`] = `${rankedTeam.p50} / ${rankedTeam.p95}`;
      } finally {
        await close();
      }
    }
    figures["process RSS"] = `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`;
    return figures;
  },
};
