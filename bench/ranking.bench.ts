import type { PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { prng } from "@/lib/demo/synthetic";
import { prepareRanking } from "@/lib/ranking/prepare";
import { rankItems, rankPrepared } from "@/lib/ranking/rank";
import type { RankItemInput, RankRelationInput } from "@/lib/ranking/types";
import { round, timeMany, timeOnce, type Benchmark, type Figures } from "./harness";

const SIZE = { routes: 50_000, modules: 10_000, dependencies: 2_000 };
const STATUSES: PortStatus[] = ["NOT_STARTED", "NOT_STARTED", "NOT_STARTED", "IN_PROGRESS", "PORTED", "PORTED", "VERIFIED", "RETIRED", "WONT_PORT"];
const READINESS: Readiness[] = ["UNKNOWN", "COMPATIBLE", "UPGRADE_NEEDED", "REPLACE", "REMOVE"];

/**
 * The ranking's input for a project shaped like lib/demo/synthetic.ts makes it, in memory: Zipf-ish
 * traffic, the same status and readiness mix, each route using 1–3 modules and each module
 * needing 0–3 dependencies. Deterministic for a seed.
 */
export function syntheticRankingInput(size: typeof SIZE, seed: number) {
  const rand = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const teams = Array.from({ length: 12 }, (_, i) => `team-${i}`);
  const items: RankItemInput[] = [];
  const ids = { ROUTE: [] as string[], MODULE: [] as string[], DEPENDENCY: [] as string[] };
  for (let i = 0; i < size.dependencies; i++) {
    const readiness = pick(READINESS);
    const id = `d${i.toString(36)}`;
    ids.DEPENDENCY.push(id);
    items.push({
      id,
      kind: "DEPENDENCY",
      key: `dep-${i}`,
      status: readiness === "COMPATIBLE" ? "PORTED" : "NOT_STARTED",
      readiness,
      trafficPerDay: 0,
      complexity: 1 + Math.floor(rand() * 5),
      size: null,
      testCoverage: null,
      ownerTeamId: null,
      ownerUserId: null,
    });
  }
  for (let i = 0; i < size.modules; i++) {
    const id = `m${i.toString(36)}`;
    ids.MODULE.push(id);
    items.push({
      id,
      kind: "MODULE",
      key: `app/module_${i}`,
      status: pick(STATUSES),
      readiness: null,
      trafficPerDay: 0,
      complexity: 1 + Math.floor(rand() * 5),
      size: Math.floor(rand() * 20000),
      testCoverage: null,
      ownerTeamId: rand() < 0.9 ? pick(teams) : null,
      ownerUserId: null,
    });
  }
  for (let i = 0; i < size.routes; i++) {
    const id = `r${i.toString(36)}`;
    ids.ROUTE.push(id);
    const traffic = Math.floor((2_000_000 / Math.pow(i + 1, 0.9)) * (0.5 + rand()));
    items.push({
      id,
      kind: "ROUTE",
      key: `${rand() < 0.8 ? "GET" : "POST"} /${i % 15}/s${i}`,
      status: pick(STATUSES),
      readiness: null,
      trafficPerDay: traffic,
      complexity: 1 + Math.floor(rand() * 5),
      size: null,
      testCoverage: Math.floor(rand() * 101),
      ownerTeamId: rand() < 0.85 ? pick(teams) : null,
      ownerUserId: null,
      claimedBy: rand() < 0.05 ? "someone" : null,
    });
  }
  const relations: RankRelationInput[] = [];
  const seen = new Set<string>();
  const relate = (fromId: string, toId: string) => {
    const k = `${fromId}:${toId}`;
    if (!seen.has(k)) {
      seen.add(k);
      relations.push({ fromId, toId });
    }
  };
  for (const r of ids.ROUTE) for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) relate(r, pick(ids.MODULE));
  for (const m of ids.MODULE) for (let n = Math.floor(rand() * 4); n > 0; n--) relate(m, pick(ids.DEPENDENCY));
  return { items, relations };
}

/** Ranking a 50,000-route project in memory: the work of one ranking page or one settings preview. */
export const ranking: Benchmark = {
  name: "ranking: rank a 50,000-route project in memory",
  async run() {
    const figures: Figures = {};
    const { items, relations } = syntheticRankingInput(SIZE, 7);
    figures["project"] = `${items.length.toLocaleString("en")} items, ${relations.length.toLocaleString("en")} relations`;
    figures["first call, cold (ms)"] = round(await timeOnce(async () => rankItems(items, relations)));
    const full = await timeMany(30, async () => rankItems(items, relations), 5);
    figures["rankItems, every item explained p50 / p95 (ms)"] = `${full.p50} / ${full.p95}`;
    const page = await timeMany(30, async () => rankItems(items, relations, {}, { limit: 50 }), 5);
    figures["rankItems, first 50 explained p50 / p95 (ms)"] = `${page.p50} / ${page.p95}`;
    // The settings preview: the graph prepared once, re-ranked under changing weights.
    const prepare = await timeMany(30, async () => prepareRanking(items, relations), 5);
    figures["prepareRanking (graph, credit) p50 / p95 (ms)"] = `${prepare.p50} / ${prepare.p95}`;
    const prepared = prepareRanking(items, relations);
    const tuned = await timeMany(30, async (i) => rankPrepared(prepared, { traffic: 1 + (i % 5), complexity: 3 }), 5);
    figures["rankPrepared, new weights, all p50 / p95 (ms)"] = `${tuned.p50} / ${tuned.p95}`;
    const preview = await timeMany(30, async (i) => rankPrepared(prepared, { traffic: 1 + (i % 5), complexity: 3 }, { limit: 50 }), 5);
    figures["rankPrepared, new weights, first 50 p50 / p95 (ms)"] = `${preview.p50} / ${preview.p95}`;

    // Before any route is ported: the same project with a pilot to choose.
    const early = items.map((i) => (i.kind === "ROUTE" && i.status !== "WONT_PORT" ? { ...i, status: "NOT_STARTED" as const } : i));
    const pilotPhase = await timeMany(30, async () => rankItems(early, relations), 5);
    figures["rankItems, no route ported yet p50 / p95 (ms)"] = `${pilotPhase.p50} / ${pilotPhase.p95}`;
    const first = rankItems(early, relations, {}, { limit: 1 }).items[0];
    figures["  its pilot"] = `${first.key}: ${first.reasons.slice(1).join("; ")}`;

    const result = rankItems(items, relations);
    figures["ranked items"] = result.total.toLocaleString("en");
    for (const [name, count] of Object.entries(result.tierCounts)) figures[`  tier ${name}`] = count.toLocaleString("en");
    figures["has ported route"] = String(result.hasPortedRoute);
    const top = result.items[0];
    if (top) figures["first item"] = `${top.tier} ${top.key} (score ${round(top.score)})`;
    figures["process RSS"] = `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`;
    return figures;
  },
};
