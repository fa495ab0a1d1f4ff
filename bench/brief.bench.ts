import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { buildBrief, briefMarkdown } from "@/lib/agents/brief";
import { listItems } from "@/lib/inventory/list";
import type { OrgContext } from "@/lib/tenancy";
import { benchTargets, openBenchDb } from "./bench-db";
import { round, timeMany, timeOnce, type Benchmark, type Figures } from "./harness";

const SIZE = { routes: 50_000, modules: 10_000, dependencies: 2_000 };

/**
 * `get_brief` (issue 23) at 50,000 routes: buildBrief (JSON) and briefMarkdown for 60 different
 * routes in turn, on a project that also has what a brief reads — 20 logged requests for each of
 * 4,060 routes (81,200 rows, what a 1,000,000-line log leaves for 5,000 routes), 300 decisions
 * (each benched route has one, and one on its module), a 20 KB porting guide with 10 versions,
 * 2,000 sent-back submissions. Target: p95 ≤ 100 ms on both databases.
 */
export const getBrief: Benchmark = {
  name: "get_brief: the porting brief at 50,000 routes",
  async run() {
    const figures: Figures = {};
    for (const target of await benchTargets()) {
      const { db, label, close } = await openBenchDb(target);
      try {
        const seedMs = await timeOnce(() => seedSyntheticProject(db, { ...SIZE, seed: 7 }));
        figures[`[${label}] generate (ms)`] = round(seedMs);
        const project = await db.project.findFirstOrThrow({ where: { organization: { slug: "synthetic" } }, orderBy: { createdAt: "desc" } });
        const scope = { organizationId: project.organizationId, projectId: project.id };
        const ctx: OrgContext = { organizationId: project.organizationId, organizationSlug: "synthetic", role: "VIEWER", userId: null, tokenProjectId: null };
        // Routes that use a module (the usual case, and the costlier one: modules, dependencies,
        // examples by module), each given every section: decisions on it and its modules, 20
        // logged requests, a sent-back attempt.
        const routes = await db.item.findMany({
          where: { ...scope, kind: "ROUTE", deletedAt: null, uses: { some: {} } },
          orderBy: { key: "asc" },
          take: 60,
          skip: 1000,
          select: { id: true, uses: { select: { toId: true }, take: 1 } },
        });
        const extrasMs = await timeOnce(() => seedBriefExtras(db, scope, routes));
        figures[`[${label}] brief extras (ms)`] = round(extrasMs);
        const json = await timeMany(60, (i) => buildBrief(db, ctx, project.id, routes[i % routes.length].id), 10);
        figures[`[${label}] get_brief JSON p50 / p95 (ms)`] = `${json.p50} / ${json.p95}`;
        const md = await timeMany(60, async (i) => briefMarkdown(await buildBrief(db, ctx, project.id, routes[(i + 7) % routes.length].id)), 10);
        figures[`[${label}] get_brief Markdown p50 / p95 (ms)`] = `${md.p50} / ${md.p95}`;
        // The same run's reference: the inventory's first page (its figures on a quiet machine are in docs/BENCHMARKS.md).
        const page = await timeMany(30, () => listItems(db, ctx, project.id, "ROUTE", {}), 5);
        figures[`[${label}] same run: inventory first page p50 / p95 (ms)`] = `${page.p50} / ${page.p95}`;
        const sample = await buildBrief(db, ctx, project.id, routes[0].id);
        figures[`[${label}] one brief`] =
          `${sample.uses.length} used, ${sample.decisions.length} decisions, ${sample.requests.samples.length} requests, ${sample.examples.length} examples, ${sample.sentBack.length} sent back, ${JSON.stringify(sample).length.toLocaleString("en")} bytes`;
      } finally {
        await close();
      }
    }
    return figures;
  },
};

async function seedBriefExtras(
  db: Awaited<ReturnType<typeof openBenchDb>>["db"],
  scope: { organizationId: string; projectId: string },
  benched: { id: string; uses: { toId: string }[] }[],
) {
  const others = await db.item.findMany({ where: { ...scope, kind: "ROUTE" }, select: { id: true }, orderBy: { key: "asc" }, take: 4_000, skip: 2000 });
  const routes = [...benched, ...others];
  const samples = routes.map((r, n) => ({
    ...scope,
    itemId: r.id,
    samples: Array.from({ length: 20 }, (_, i) => [`/x/${n}/${i}?page=${i}&q=term${i}`, 1000 - i * 7]),
  }));
  for (let i = 0; i < samples.length; i += 1_000) await db.itemRequestSample.createMany({ data: samples.slice(i, i + 1_000) });
  const modules = await db.item.findMany({ where: { ...scope, kind: "MODULE" }, select: { id: true }, take: 300 });
  const decisions = await db.decision.createManyAndReturn({
    data: Array.from({ length: 300 }, (_, n) => ({
      ...scope,
      number: n + 1,
      title: `Decision ${n}`,
      context: "Context ".repeat(40),
      decision: "We decided ".repeat(40),
      status: n % 5 === 0 ? ("PROPOSED" as const) : ("ACCEPTED" as const),
    })),
    select: { id: true },
  });
  const links = new Set<string>();
  for (const [n, d] of decisions.entries()) {
    links.add(`${d.id} ${modules[n].id}`);
    const route = benched[n % benched.length];
    // The first 120 decisions: one on each benched route, one on its module.
    if (n < benched.length * 2) links.add(`${d.id} ${n < benched.length ? route.id : (route.uses[0]?.toId ?? route.id)}`);
  }
  await db.decisionItem.createMany({
    data: [...links].map((l) => {
      const [decisionId, itemId] = l.split(" ");
      return { decisionId, itemId };
    }),
  });
  for (let v = 1; v <= 10; v++)
    await db.portingGuideVersion.create({ data: { ...scope, version: v, body: `# Guide v${v}\n\n${"Use the shared helpers. ".repeat(850)}` } });
  const holder = await db.user.create({ data: { email: `bench-${scope.projectId}@example.test`, name: "Bench Holder" } });
  await db.agentSubmission.createMany({
    data: routes.slice(0, 2000).map((r, i) => ({
      ...scope,
      itemId: r.id,
      holderId: holder.id,
      agentName: "bench-agent",
      agentVersion: "1",
      claimedAt: new Date(Date.UTC(2026, 5, 1)),
      submittedAt: new Date(Date.UTC(2026, 5, 2, 0, i % 60)),
      prUrl: `https://github.com/acme/new/pull/${i}`,
      notes: "notes",
      outcome: "SENT_BACK" as const,
      decidedAt: new Date(Date.UTC(2026, 5, 3)),
      decidedById: holder.id,
      reviewNote: "Keep the error pages.",
    })),
  });
  await db.$executeRawUnsafe(`ANALYZE`);
}
