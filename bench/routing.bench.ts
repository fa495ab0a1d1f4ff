import { prng } from "@/lib/demo/synthetic";
import { exportRouting } from "@/lib/cutover/routing/export";
import { resolveRoutes } from "@/lib/cutover/routing/matchers";
import { parseLedger } from "@/lib/cutover/routing/schema";
import { ROUTING_FORMATS, type RouteState } from "@/lib/cutover/routing/types";
import { round, timeOnce, type Benchmark, type Figures } from "./harness";

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
    routes: Array.from({ length: routes }, (_, i) => ({ id: `r${i.toString(36)}`, method: rand() < 0.8 ? "GET" : rand() < 0.5 ? "POST" : "ANY", pattern: pattern(i), state: state() })),
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
