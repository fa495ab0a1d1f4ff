import { prng } from "@/lib/random";
import { exportRouting } from "@/lib/cutover/routing/export";
import { resolveRoutes } from "@/lib/cutover/routing/matchers";
import { parseLedger } from "@/lib/cutover/routing/schema";
import { ROUTING_FORMATS, type RouteState } from "@/lib/cutover/routing/types";
import { round, timeMany, timeOnce, type Benchmark, type Figures } from "./harness";
import { benchTargets, openBenchDb } from "./bench-db";
import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { routingResponse } from "@/lib/cutover/routing-response";
import type { OrgContext } from "@/lib/tenancy";

const ROUTES = 50_000;

/**
 * A 50,000-route ledger shaped like a large legacy app: most paths literal, a third with typed
 * parameters, some mixed segments and Django regexes; most routes still legacy, some new, some in
 * canary (four percentages) or shadow. Deterministic for a seed.
 */
export function syntheticLedger(routes: number, seed: number) {
  const rand = prng(seed);
  const state = (): RouteState => {
    const r = rand();
    if (r < 0.7) return { kind: "legacy" };
    if (r < 0.85) return { kind: "new" };
    if (r < 0.95) return { kind: "canary", percent: [5, 10, 25, 50][Math.floor(rand() * 4)] };
    return { kind: "shadow" };
  };
  const pattern = (i: number): string => {
    const r = rand();
    if (r < 0.6) return `/section-${i % 50}/page-${i}`;
    if (r < 0.85) return `/api/v${i % 3}/items-${i}/<int:id>`;
    if (r < 0.9) return `/reports-${i}/<int:year>.csv`;
    if (r < 0.95) return `/blog-${i}/<slug:post>/<uuid:ref>`;
    if (r < 0.99) return `/files-${i}/<path:rest>`;
    return `^/archive-${i}/(?P<year>[0-9]{4})/$`;
  };
  return {
    project: { id: "prj_bench", slug: "bench" },
    upstreams: { legacy: { url: "http://10.0.0.5:8080" }, new: { url: "http://10.0.0.6:8080" } },
    legacyRetired: false,
    stickiness: { by: "header", name: "X-Client-Id" },
    routes: Array.from({ length: routes }, (_, i) => ({
      id: `r${i.toString(36)}`,
      method: rand() < 0.8 ? "GET" : rand() < 0.5 ? "POST" : "ANY",
      pattern: pattern(i),
      state: state(),
    })),
  };
}

/**
 * Median wall time of five runs after one warm-up, and the median CPU time of the process (all
 * threads, the garbage collector's included): on a shared machine the wall time also counts the
 * other jobs' turns on the two cores.
 */
async function median(fn: () => unknown): Promise<string> {
  await timeOnce(async () => fn());
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = process.cpuUsage();
    walls.push(await timeOnce(async () => fn()));
    const used = process.cpuUsage(before);
    cpus.push((used.user + used.system) / 1000);
  }
  const mid = (list: number[]) => round([...list].sort((a, b) => a - b)[2]);
  return `${mid(walls)} / ${mid(cpus)}`;
}

export const routingExport: Benchmark = {
  name: "routing export",
  async run() {
    const ledger = syntheticLedger(ROUTES, 15);
    const figures: Figures = {};
    figures[`validate ${ROUTES} routes (zod), wall / CPU ms`] = await median(() => parseLedger(ledger));
    const parsed = parseLedger(ledger);
    figures["resolve matchers and order, wall / CPU ms"] = await median(() => resolveRoutes(parsed));
    for (const format of ROUTING_FORMATS) {
      const ms = await median(() => exportRouting(ledger, format));
      const { text, unexpressed } = exportRouting(ledger, format);
      figures[`${format}: whole export, wall / CPU ms (size, unexpressed)`] = `${ms} (${(text.length / 1024 / 1024).toFixed(1)} MB, ${unexpressed.length})`;
    }
    return figures;
  },
};

/**
 * The endpoint's server work on a 50,000-route project in the database: load the ledger and
 * export it (a proxy's first pull, or after a switch), and the 304 a proxy gets when nothing
 * changed (its poll every few seconds) — on PGlite and PostgreSQL.
 */
export const routingEndpoint: Benchmark = {
  name: "routing endpoint: 50,000 routes from the database, and the 304",
  async run() {
    const figures: Figures = {};
    for (const target of await benchTargets()) {
      const { db, label, close } = await openBenchDb(target);
      try {
        await seedSyntheticProject(db, { routes: ROUTES, modules: 1_000, dependencies: 100, seed: 3 });
        const project = await db.project.findFirstOrThrow({ where: { organization: { slug: "synthetic" } }, orderBy: { createdAt: "desc" } });
        await db.project.update({ where: { id: project.id }, data: { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "http://10.0.0.6:8080" } });
        await db.$executeRaw`INSERT INTO "ProjectVersion" ("projectId", version) VALUES (${project.id}, 1) ON CONFLICT DO NOTHING`;
        const ctx: OrgContext = { organizationId: project.organizationId, organizationSlug: "synthetic", role: "VIEWER", userId: null, tokenProjectId: null };
        for (const format of ["nginx", "haproxy", "json"] as const) {
          const full = await timeMany(5, () => routingResponse(db, ctx, project.id, { format }, null), 1);
          figures[`[${label}] ${format}: load the ledger and export, p50 / p95 (ms)`] = `${full.p50} / ${full.p95}`;
        }
        const etag = (await routingResponse(db, ctx, project.id, { format: "nginx" }, null)).headers.get("etag");
        const notModified = await timeMany(
          50,
          async () => {
            const answer = await routingResponse(db, ctx, project.id, { format: "nginx" }, etag);
            if (answer.status !== 304) throw new Error(`expected 304, got ${answer.status}`);
          },
          5,
        );
        figures[`[${label}] 304 while unchanged, p50 / p95 (ms)`] = `${notModified.p50} / ${notModified.p95}`;
      } finally {
        await close();
      }
    }
    return figures;
  },
};
