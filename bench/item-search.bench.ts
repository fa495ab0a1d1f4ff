import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { searchItems } from "@/lib/inventory/item-search";
import type { OrgContext } from "@/lib/tenancy";
import { benchTargets, openBenchDb } from "./bench-db";
import { timeMany, type Benchmark, type Figures } from "./harness";

/** The item pickers' type-ahead (issue 13) in a project of 50,000 routes, 10,000 modules, 2,000 dependencies. */
export const itemSearch: Benchmark = {
  name: "item search: the pickers' type-ahead at 50,000 routes",
  async run() {
    const figures: Figures = {};
    for (const target of await benchTargets()) {
      const { db, label, close } = await openBenchDb(target);
      try {
        await seedSyntheticProject(db, { routes: 50_000, modules: 10_000, dependencies: 2_000, seed: 7 });
        const project = await db.project.findFirstOrThrow({ where: { organization: { slug: "synthetic" } }, orderBy: { createdAt: "desc" } });
        const ctx: OrgContext = { organizationId: project.organizationId, organizationSlug: "synthetic", role: "VIEWER", userId: null, tokenProjectId: null };
        const sample = await db.item.findFirstOrThrow({ where: { projectId: project.id, kind: "ROUTE" }, orderBy: { key: "desc" }, select: { key: true } });
        const cases: [string, Record<string, string>][] = [
          ["one character (q=b)", { q: "b" }],
          ["a common word (q=billing)", { q: "billing" }],
          [`a route's exact path (q=${sample.key.slice(4, 30)})`, { q: sample.key.slice(4) }],
          ["no match (q=zzzz-nothing)", { q: "zzzz-nothing" }],
          ["modules only (q=s1)", { q: "s1", kind: "MODULE" }],
        ];
        for (const [name, q] of cases) {
          const t = await timeMany(30, () => searchItems(db, ctx, project.id, q), 5);
          figures[`[${label}] ${name} p50 / p95 (ms)`] = `${t.p50} / ${t.p95}`;
        }
      } finally {
        await close();
      }
    }
    return figures;
  },
};
