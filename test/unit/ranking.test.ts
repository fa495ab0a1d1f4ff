import { describe, expect, it } from "vitest";
import { prng } from "@/lib/demo/synthetic";
import { sortRanked } from "@/lib/ranking/order";
import { prepareRanking } from "@/lib/ranking/prepare";
import { rankItems, rankPrepared } from "@/lib/ranking/rank";
import { formatCount, formatShare } from "@/lib/ranking/reasons";
import type { RankedItem, RankItemInput, RankRelationInput, RankingResult } from "@/lib/ranking/types";
import { DEFAULT_WEIGHTS, mergeWeights, rankingWeightsPatchSchema, rankingWeightsSchema } from "@/lib/ranking/weights";

// ---- fixtures ---------------------------------------------------------------------------------

const base = {
  status: "NOT_STARTED",
  readiness: null,
  trafficPerDay: 0,
  complexity: 3,
  size: null,
  testCoverage: null,
  ownerTeamId: "team-a",
  ownerUserId: null,
} as const;
type Over = Partial<RankItemInput>;
const route = (id: string, over: Over = {}): RankItemInput => ({ ...base, id, kind: "ROUTE", key: `GET /${id}`, ...over });
const mod = (id: string, over: Over = {}): RankItemInput => ({ ...base, id, kind: "MODULE", key: `app/${id}`, ...over });
const dep = (id: string, over: Over = {}): RankItemInput => ({ ...base, id, kind: "DEPENDENCY", key: id, readiness: "UPGRADE_NEEDED", ...over });
const uses = (fromId: string, toId: string): RankRelationInput => ({ fromId, toId });
/** A ported route: it ends the pilot phase and adds traffic to the total. */
const ported = (traffic = 0) => route("done", { status: "PORTED", trafficPerDay: traffic });

const ids = (r: RankingResult) => r.items.map((i) => i.id);
const byId = (r: RankingResult, id: string): RankedItem => {
  const found = r.items.find((i) => i.id === id);
  if (!found) throw new Error(`${id} is not ranked`);
  return found;
};
const tiers = (r: RankingResult) => Object.fromEntries(r.items.map((i) => [i.id, i.tier]));

function shuffle<T>(list: T[], seed: number): T[] {
  const rand = prng(seed);
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Background routes that set the traffic distribution for the pilot: non-zero traffic
// 50, 100, 200, 400, 800, all complexity 4 so that they never win the pilot themselves.
const background = [50, 100, 200, 400, 800].map((t, k) => route(`bg${k}`, { trafficPerDay: t, complexity: 4 }));

// ---- pilot ----------------------------------------------------------------------------------

describe("pilot", () => {
  // With the background, the non-zero traffic is [20?, 30?, 50, 100, 200, 400, 800, 100000?]:
  // the 25% quantile is 50 or 100, so 20 and 30 are "low", 100,000 is not.
  it.each([
    ["lowest complexity wins over traffic", [route("a", { complexity: 2, trafficPerDay: 20 }), route("b", { complexity: 1, trafficPerDay: 100_000 })], "b"],
    [
      "same complexity: low non-zero traffic beats zero and high traffic",
      [
        route("zero", { complexity: 1, trafficPerDay: 0 }),
        route("low", { complexity: 1, trafficPerDay: 20 }),
        route("high", { complexity: 1, trafficPerDay: 100_000 }),
      ],
      "low",
    ],
    [
      "some traffic, even high, beats none",
      [route("zero", { complexity: 1, trafficPerDay: 0, testCoverage: 100 }), route("high", { complexity: 1, trafficPerDay: 100_000 })],
      "high",
    ],
    [
      "same complexity and band: better tests",
      [route("weak", { complexity: 1, trafficPerDay: 20, testCoverage: 10 }), route("good", { complexity: 1, trafficPerDay: 30, testCoverage: 80 })],
      "good",
    ],
    [
      "unknown coverage loses to 0%",
      [route("unknown", { complexity: 1, trafficPerDay: 20, testCoverage: null }), route("none", { complexity: 1, trafficPerDay: 20, testCoverage: 0 })],
      "none",
    ],
    [
      "full tie: key, then id",
      [
        route("z", { key: "GET /b", complexity: 1, trafficPerDay: 20 }),
        route("y", { key: "GET /a", complexity: 1, trafficPerDay: 20 }),
        route("x", { key: "GET /a", complexity: 1, trafficPerDay: 20 }),
      ],
      "x",
    ],
    ["an IN_PROGRESS route can be the pilot", [route("wip", { status: "IN_PROGRESS", complexity: 1, trafficPerDay: 20 })], "wip"],
  ])("%s", (_name, candidates, expected) => {
    const result = rankItems([...background, ...candidates], []);
    expect(result.hasPortedRoute).toBe(false);
    expect(result.items[0]).toMatchObject({ id: expected, tier: "pilot", position: 1 });
    expect(result.items.filter((i) => i.tier === "pilot")).toHaveLength(1);
    expect(result.tierCounts.pilot).toBe(1);
    expect(result.items[0].reasons[0]).toMatch(/^pilot: /);
  });

  it("a blocked route is never the pilot, however simple", () => {
    const items = [...background, route("simple", { complexity: 1, trafficPerDay: 20 }), route("next", { complexity: 2, trafficPerDay: 20 }), mod("auth")];
    const result = rankItems(items, [uses("simple", "auth")]);
    expect(result.items[0]).toMatchObject({ id: "next", tier: "pilot" });
    expect(byId(result, "simple").tier).toBe("blocked");
  });

  it("no pilot when every open route is blocked", () => {
    const result = rankItems([route("a", { complexity: 1, trafficPerDay: 20 }), mod("auth")], [uses("a", "auth")]);
    expect(result.tierCounts.pilot).toBe(0);
    expect(tiers(result)).toEqual({ auth: "unblocker", a: "blocked" });
  });

  it("a zero-traffic pilot says it cannot prove the switch", () => {
    const result = rankItems([route("only", { complexity: 1 })], []);
    expect(result.items[0].tier).toBe("pilot");
    expect(result.items[0].reasons[1]).toBe("no traffic, so it cannot prove the switch with real requests; the simplest unblocked route all the same");
  });

  it.each(["PORTED", "VERIFIED", "RETIRED"] as const)("no pilot once a route is %s", (status) => {
    const result = rankItems([...background, route("about", { complexity: 1, trafficPerDay: 20 }), route("done", { status })], []);
    expect(result.hasPortedRoute).toBe(true);
    expect(result.tierCounts.pilot).toBe(0);
    expect(result.items.some((i) => i.tier === "pilot")).toBe(false);
  });

  it.each([
    ["WONT_PORT route", route("done", { status: "WONT_PORT" })],
    ["ported module", mod("done", { status: "PORTED" })],
    ["deleted ported route", route("done", { status: "PORTED", deletedAt: new Date("2026-01-01") })],
  ])("a %s does not end the pilot phase", (_name, extra) => {
    const result = rankItems([route("about", { complexity: 1, trafficPerDay: 20 }), extra], []);
    expect(result.hasPortedRoute).toBe(false);
    expect(result.items[0]).toMatchObject({ id: "about", tier: "pilot" });
  });

  it("the pilot quantile is a weight: at 0 only the lowest non-zero traffic counts as low", () => {
    const items = [
      ...background,
      route("c", { complexity: 1, trafficPerDay: 45, testCoverage: 90 }),
      route("d", { complexity: 1, trafficPerDay: 10, testCoverage: 0 }),
    ];
    // Quantile 0.25 of [10, 45, 50, 100, 200, 400, 800] is 45: both low, better tests wins.
    expect(rankItems(items, []).items[0].id).toBe("c");
    // Quantile 0: only 10 is low.
    expect(rankItems(items, [], { pilotTrafficQuantile: 0 }).items[0].id).toBe("d");
  });
});

// ---- score and order --------------------------------------------------------------------------

describe("low risk, high traffic first", () => {
  const items = [
    ported(),
    route("a", { trafficPerDay: 10_000, complexity: 1, testCoverage: 80 }),
    route("b", { trafficPerDay: 10_000, complexity: 4, testCoverage: 80 }),
    route("c", { trafficPerDay: 100, complexity: 1, testCoverage: 80 }),
    route("d", { trafficPerDay: 10_000, complexity: 1, testCoverage: 0 }),
  ];

  it("orders by the weighted score", () => {
    const result = rankItems(items, []);
    expect(ids(result)).toEqual(["a", "d", "b", "c"]);
    expect(result.items.map((i) => i.tier)).toEqual(["target", "target", "target", "target"]);
    expect(result.items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
  });

  it("explains the score: factors, raw and normalised values, weights, contributions", () => {
    const a = byId(rankItems(items, []), "a");
    // a has the most traffic of the candidates (n = 1), complexity 1 (n = 0), 80% coverage (n = 0.2).
    expect(a.factors.map((f) => [f.name, f.raw, f.weight])).toEqual([
      ["traffic", 10_000, 4],
      ["complexity", 1, 2],
      ["tests", 80, 1.5],
      ["dependencies", 0, 1],
      ["size", null, 0.5],
    ]);
    expect(a.factors.map((f) => f.normalized)).toEqual([1, 0, expect.closeTo(0.2, 12), 0, 0]);
    expect(a.factors.map((f) => f.contribution)).toEqual([4, 0, expect.closeTo(-0.3, 12), 0, 0]);
    expect(a.score).toBeCloseTo(3.7, 12);
    expect(a.trafficShare).toBeCloseTo(10_000 / 30_100, 12);
    expect(a.reasons).toEqual(["carries 33.2% of traffic", "complexity 1/5", "good tests (80% coverage)"]);
  });

  it("score is exactly the sum of the contributions, for every item", () => {
    for (const item of rankItems(items, []).items) {
      expect(item.score).toBe(item.factors.reduce((sum, f) => sum + f.contribution, 0));
      for (const f of item.factors) expect(f.contribution).toBeCloseTo((f.name === "traffic" ? 1 : -1) * f.weight * f.normalized, 12);
    }
  });

  it("traffic is log-scaled: 100 requests against a top of 10,000 is halfway", () => {
    const c = byId(rankItems(items, []), "c");
    expect(c.factors[0].normalized).toBeCloseTo(Math.log(101) / Math.log(10_001), 12);
    expect(c.factors[0].label).toBe("carries 0.3% of traffic");
  });

  it.each([
    ["unknown coverage counts as 0.75 by default", null, 0.75, "test coverage unknown"],
    ["no tests", 0, 1, "no tests"],
    ["weak tests", 40, 0.6, "weak tests (40% coverage)"],
    ["good tests", 80, 0.2, "good tests (80% coverage)"],
  ])("tests factor: %s", (_name, coverage, normalized, label) => {
    const result = rankItems([ported(), route("x", { trafficPerDay: 10, complexity: 2, testCoverage: coverage })], []);
    const tests = byId(result, "x").factors[2];
    expect(tests.normalized).toBeCloseTo(normalized, 12);
    expect(tests.label).toBe(label);
    expect(byId(result, "x").reasons).toContain(label);
  });

  it("size is a log-scaled risk against the largest candidate", () => {
    const result = rankItems([ported(), mod("big", { size: 9_999 }), mod("small", { size: 99 }), mod("unknown")], []);
    expect(byId(result, "big").factors[4]).toMatchObject({ raw: 9_999, normalized: 1, contribution: -0.5, label: "size 9,999" });
    expect(byId(result, "small").factors[4].normalized).toBeCloseTo(0.5, 12);
    expect(byId(result, "unknown").factors[4]).toMatchObject({ raw: null, normalized: 0, contribution: 0, label: "size unknown" });
  });
});

describe("weights change the order", () => {
  // x: lots of traffic but complex; y: little traffic, simple.
  const items = [
    ported(),
    route("x", { trafficPerDay: 50_000, complexity: 4, testCoverage: 50 }),
    route("y", { trafficPerDay: 10, complexity: 1, testCoverage: 50 }),
  ];

  it.each([
    ["defaults: traffic wins", {}, ["x", "y"]],
    ["traffic weight 0: complexity decides", { traffic: 0 }, ["y", "x"]],
    ["complexity weight 10: simplicity wins", { complexity: 10 }, ["y", "x"]],
    ["complexity weight 0 and traffic 0: a tie, broken by traffic", { traffic: 0, complexity: 0 }, ["x", "y"]],
  ])("%s", (_name, weights, expected) => {
    expect(ids(rankItems(items, [], weights))).toEqual(expected);
  });

  it("traffic weight 0 makes scores the negative risk only", () => {
    const y = byId(rankItems(items, [], { traffic: 0 }), "y");
    expect(y.factors[0]).toMatchObject({ weight: 0, contribution: 0 });
    expect(y.score).toBeCloseTo(-1.5 * 0.5, 12);
  });

  it("tests weight decides between equal routes", () => {
    const pair = [ported(), route("tested", { trafficPerDay: 100, testCoverage: 90 }), route("untested", { trafficPerDay: 120, testCoverage: 0 })];
    expect(ids(rankItems(pair, []))).toEqual(["tested", "untested"]);
    expect(ids(rankItems(pair, [], { tests: 0 }))).toEqual(["untested", "tested"]);
  });
});

describe("partial weights", () => {
  it("are merged over the defaults", () => {
    const result = rankItems([ported(), route("a", { trafficPerDay: 1 })], [], { traffic: 1, longTailMaxShare: 0 });
    expect(result.weights).toEqual({ ...DEFAULT_WEIGHTS, traffic: 1, longTailMaxShare: 0 });
    expect(result.items[0].factors.map((f) => f.weight)).toEqual([1, 2, 1.5, 1, 0.5]);
  });

  it.each([
    ["nothing", undefined],
    ["an empty object", {}],
    ["undefined values", { traffic: undefined }],
    ["non-finite values", { traffic: Number.NaN, tests: Number.POSITIVE_INFINITY }],
  ])("%s leaves the defaults", (_name, partial) => {
    expect(mergeWeights(partial as never)).toEqual(DEFAULT_WEIGHTS);
  });

  it("never changes DEFAULT_WEIGHTS", () => {
    rankItems([route("a")], [], { traffic: 9 });
    expect(DEFAULT_WEIGHTS.traffic).toBe(4);
    expect(Object.isFrozen(DEFAULT_WEIGHTS)).toBe(true);
  });
});

describe("weights schema", () => {
  it("accepts the defaults and values at the bounds", () => {
    expect(rankingWeightsSchema.parse(DEFAULT_WEIGHTS)).toEqual(DEFAULT_WEIGHTS);
    expect(rankingWeightsSchema.safeParse({ ...DEFAULT_WEIGHTS, traffic: 10, size: 0, longTailMaxShare: 1, longTailMinComplexity: 5 }).success).toBe(true);
  });

  it.each([
    ["a negative weight", { traffic: -1 }, "traffic"],
    ["a weight above 10", { complexity: 10.5 }, "complexity"],
    ["a share above 1", { longTailMaxShare: 1.5 }, "longTailMaxShare"],
    ["a fractional complexity threshold", { longTailMinComplexity: 3.5 }, "longTailMinComplexity"],
    ["complexity threshold 6", { longTailMinComplexity: 6 }, "longTailMinComplexity"],
    ["a quantile below 0", { pilotTrafficQuantile: -0.1 }, "pilotTrafficQuantile"],
    ["saturation 0", { dependencySaturation: 0 }, "dependencySaturation"],
    ["a string", { tests: "2" }, "tests"],
    ["NaN", { size: Number.NaN }, "size"],
  ])("rejects %s", (_name, patch, path) => {
    const full = rankingWeightsSchema.safeParse({ ...DEFAULT_WEIGHTS, ...patch });
    expect(full.success).toBe(false);
    expect(full.error!.issues.map((i) => i.path.join("."))).toEqual([path]);
    expect(rankingWeightsPatchSchema.safeParse(patch).success).toBe(false);
  });

  it("rejects an unknown key, in the full and the partial schema", () => {
    const full = rankingWeightsSchema.safeParse({ ...DEFAULT_WEIGHTS, popularity: 2 });
    expect(full.success).toBe(false);
    expect(full.error!.issues[0].code).toBe("unrecognized_keys");
    expect(rankingWeightsPatchSchema.safeParse({ popularity: 2 }).success).toBe(false);
  });

  it("the full schema requires every key; the patch schema none", () => {
    const { traffic: _t, ...rest } = DEFAULT_WEIGHTS;
    expect(rankingWeightsSchema.safeParse(rest).success).toBe(false);
    expect(rankingWeightsPatchSchema.parse({ traffic: 2 })).toEqual({ traffic: 2 });
    expect(rankingWeightsPatchSchema.parse({})).toEqual({});
  });
});

// ---- tiers ------------------------------------------------------------------------------------

describe("long tail", () => {
  // Total traffic 110,000: 5 requests is 0.005%, well under the default 0.1%.
  const items = [
    ported(10_000),
    route("top", { trafficPerDay: 100_000, complexity: 2 }),
    route("tail", { trafficPerDay: 5, complexity: 5, testCoverage: 100 }),
    route("quiet", { trafficPerDay: 5, complexity: 2 }),
    route("blocked", { trafficPerDay: 1, complexity: 5 }),
    mod("m", { status: "IN_PROGRESS" }),
  ];
  const relations = [uses("blocked", "m")];

  it("low traffic and high complexity go after every target and unblocker, before the blocked", () => {
    const result = rankItems(items, relations);
    expect(ids(result)).toEqual(["top", "quiet", "m", "tail", "blocked"]);
    expect(tiers(result)).toEqual({ top: "target", quiet: "target", m: "unblocker", tail: "long-tail", blocked: "blocked" });
    expect(byId(result, "tail").reasons[0]).toBe("long tail: less than 0.1% of traffic at complexity 5/5");
  });

  it("even when its score is higher than a regular target's", () => {
    const result = rankItems(items, relations);
    expect(byId(result, "tail").score).toBeGreaterThan(byId(result, "m").score);
    expect(byId(result, "tail").position).toBeGreaterThan(byId(result, "m").position);
  });

  it.each([
    ["share threshold 0: no long tail", { longTailMaxShare: 0 }, "target"],
    ["complexity threshold 5 still catches 5/5", { longTailMinComplexity: 5 }, "long-tail"],
    ["share threshold below its share", { longTailMaxShare: 0.00001 }, "target"],
  ])("thresholds are weights: %s", (_name, weights, tier) => {
    expect(byId(rankItems(items, relations, weights), "tail").tier).toBe(tier);
  });

  it("the share threshold is strict: exactly 0.1% is not long tail", () => {
    const result = rankItems([ported(999), route("edge", { trafficPerDay: 1, complexity: 5 }), route("under", { trafficPerDay: 0, complexity: 5 })], []);
    expect(byId(result, "edge").trafficShare).toBe(0.001);
    expect(tiers(result)).toEqual({ edge: "target", under: "long-tail" });
  });

  it("the reason names the threshold in use", () => {
    const result = rankItems([ported(1_000_000), route("t", { trafficPerDay: 1, complexity: 4 })], [], { longTailMaxShare: 0.0005 });
    expect(byId(result, "t").reasons[0]).toBe("long tail: less than 0.05% of traffic at complexity 4/5");
  });

  it("complexity 3 is not long tail by default, however quiet", () => {
    expect(byId(rankItems([ported(1000), route("q", { complexity: 3 })], []), "q").tier).toBe("target");
  });
});

describe("blocked items", () => {
  const items = [
    ported(10_000),
    route("checkout", { key: "POST /checkout", trafficPerDay: 90_000, complexity: 1, testCoverage: 80 }),
    route("home", { trafficPerDay: 10, complexity: 3 }),
    mod("billing", { key: "app/billing" }),
    mod("auth", { key: "app/auth", status: "IN_PROGRESS" }),
    mod("ported", { key: "app/ported", status: "PORTED" }),
    dep("requests", { readiness: "UPGRADE_NEEDED" }),
    dep("six", { readiness: "COMPATIBLE", status: "PORTED" }),
  ];
  const relations = [uses("checkout", "requests"), uses("checkout", "billing"), uses("checkout", "auth"), uses("checkout", "ported"), uses("checkout", "six")];

  it("are held back after the regular targets with what blocks them", () => {
    const result = rankItems(items, relations);
    const checkout = byId(result, "checkout");
    expect(checkout.tier).toBe("blocked");
    expect(result.items.at(-1)!.id).toBe("checkout");
    expect(checkout.blockedBy).toEqual([
      { id: "auth", kind: "MODULE", key: "app/auth", status: "IN_PROGRESS", readiness: null },
      { id: "billing", kind: "MODULE", key: "app/billing", status: "NOT_STARTED", readiness: null },
      { id: "requests", kind: "DEPENDENCY", key: "requests", status: "NOT_STARTED", readiness: "UPGRADE_NEEDED" },
    ]);
    expect(checkout.reasons).toEqual([
      "needs 2 unported modules and 1 unready dependency",
      "needs module app/auth, port in progress",
      "needs module app/billing, not ported",
      "needs dependency requests, upgrade needed",
      "carries 90% of traffic",
      "complexity 1/5",
      "good tests (80% coverage)",
    ]);
    expect(checkout.factors[3]).toMatchObject({ name: "dependencies", raw: 3, normalized: 1, contribution: -1 });
  });

  it("items with no blockers stay regular", () => {
    expect(byId(rankItems(items, relations), "home")).toMatchObject({ tier: "target", blockedBy: [] });
  });

  it.each([
    ["a NOT_STARTED module", mod("x", { key: "app/x" }), "needs module app/x, not ported"],
    ["an IN_PROGRESS module", mod("x", { key: "app/x", status: "IN_PROGRESS" }), "needs module app/x, port in progress"],
    ["a dependency to upgrade", dep("x"), "needs dependency x, upgrade needed"],
    ["a dependency of unknown readiness (null)", dep("x", { readiness: null }), "needs dependency x, readiness unknown"],
    ["a dependency to replace", dep("x", { readiness: "REPLACE" }), "needs dependency x, to be replaced"],
    ["a dependency to remove", dep("x", { readiness: "REMOVE" }), "needs dependency x, to be removed"],
  ])("%s blocks, with the reason %j", (_name, blocker, line) => {
    const r = byId(rankItems([ported(), route("r", { trafficPerDay: 5 }), blocker], [uses("r", "x")]), "r");
    expect(r.tier).toBe("blocked");
    expect(r.reasons[1]).toBe(line);
  });

  it.each([
    ["a PORTED module", mod("x", { status: "PORTED" })],
    ["a VERIFIED module", mod("x", { status: "VERIFIED" })],
    ["a RETIRED module", mod("x", { status: "RETIRED" })],
    ["a COMPATIBLE dependency (ported: nothing to port)", dep("x", { readiness: "COMPATIBLE", status: "PORTED" })],
    ["a dependency upgraded and marked PORTED, its plan still 'upgrade'", dep("x", { readiness: "UPGRADE_NEEDED", status: "PORTED" })],
    ["a WONT_PORT module", mod("x", { status: "WONT_PORT" })],
    ["a deleted module", mod("x", { deletedAt: "2026-01-01T00:00:00Z" })],
  ])("%s does not block", (_name, related) => {
    const r = byId(rankItems([ported(), route("r", { trafficPerDay: 5 }), related], [uses("r", "x")]), "r");
    expect(r).toMatchObject({ tier: "target", blockedBy: [] });
  });

  it("a relation to an item that is not in the input blocks nothing", () => {
    expect(byId(rankItems([ported(), route("r")], [uses("r", "gone")]), "r").tier).toBe("target");
  });

  it("blocked items are sorted by the same score: more traffic, fewer blockers first", () => {
    const result = rankItems(
      [ported(), mod("m1"), mod("m2"), route("busy", { trafficPerDay: 1000 }), route("two", { trafficPerDay: 1000 }), route("quiet", { trafficPerDay: 10 })],
      [uses("busy", "m1"), uses("two", "m1"), uses("two", "m2"), uses("quiet", "m2")],
    );
    expect(result.items.filter((i) => i.tier === "blocked").map((i) => i.id)).toEqual(["busy", "two", "quiet"]);
  });

  it("lists at most five blockers, then how many more", () => {
    const modules = Array.from({ length: 7 }, (_, k) => mod(`m${k}`));
    const r = byId(
      rankItems(
        [ported(), route("r"), ...modules],
        modules.map((m) => uses("r", m.id)),
      ),
      "r",
    );
    expect(r.blockedBy).toHaveLength(7);
    expect(r.reasons.slice(0, 7)).toEqual([
      "needs 7 unported modules",
      "needs module app/m0, not ported",
      "needs module app/m1, not ported",
      "needs module app/m2, not ported",
      "needs module app/m3, not ported",
      "needs module app/m4, not ported",
      "and 2 more blockers",
    ]);
  });
});

describe("unblocking work", () => {
  // requests ← billing ← r1, r2 ; requests ← auth ← r1, r3 ; requests ← legacy (ported) ← r6
  const items = [
    ported(),
    dep("requests"),
    mod("billing"),
    mod("auth"),
    mod("legacy", { status: "PORTED" }),
    route("r1", { trafficPerDay: 1000 }),
    route("r2", { trafficPerDay: 200 }),
    route("r3", { trafficPerDay: 30, status: "IN_PROGRESS" }),
    route("r4", { trafficPerDay: 4000, status: "VERIFIED" }),
    route("r5", { trafficPerDay: 5000, status: "WONT_PORT" }),
    route("r6", { trafficPerDay: 600 }),
  ];
  const relations = [
    uses("billing", "requests"),
    uses("auth", "requests"),
    uses("legacy", "requests"),
    uses("r1", "billing"),
    uses("r1", "auth"),
    uses("r2", "billing"),
    uses("r3", "auth"),
    uses("r4", "auth"),
    uses("r5", "billing"),
    uses("r6", "legacy"),
  ];
  const total = 1000 + 200 + 30 + 4000 + 5000 + 600;

  it("a dependency is credited with the open routes behind its modules, each once", () => {
    const requests = byId(rankItems(items, relations), "requests");
    expect(requests.unblocks).toEqual({ routes: 3, trafficPerDay: 1230, share: 1230 / total });
    expect(requests.tier).toBe("unblocker");
    expect(requests.factors[0]).toMatchObject({ name: "traffic", raw: 1230, label: "unblocks 3 routes, 11.4% of traffic" });
    expect(requests.reasons[0]).toBe("unblocks 3 routes, 11.4% of traffic");
    expect(requests.trafficShare).toBeCloseTo(1230 / total, 12);
  });

  it("a module that is itself blocked is blocked, and keeps its own count", () => {
    const result = rankItems(items, relations);
    expect(byId(result, "billing")).toMatchObject({ tier: "blocked", unblocks: { routes: 2, trafficPerDay: 1200 } });
    expect(byId(result, "auth")).toMatchObject({ tier: "blocked", unblocks: { routes: 2, trafficPerDay: 1030 } });
    expect(byId(result, "billing").reasons[1]).toBe("needs dependency requests, upgrade needed");
  });

  it("once the dependency is ready, the modules are the unblockers", () => {
    const ready = items.map((i) => (i.id === "requests" ? { ...i, readiness: "COMPATIBLE" as const, status: "PORTED" as const } : i));
    const result = rankItems(ready, relations);
    expect(result.items.some((i) => i.id === "requests")).toBe(false);
    expect(byId(result, "billing")).toMatchObject({ tier: "unblocker", unblocks: { routes: 2, trafficPerDay: 1200 } });
    expect(byId(result, "billing").reasons[0]).toBe("unblocks 2 routes, 11.1% of traffic");
  });

  it("interleaves with targets by score", () => {
    const result = rankItems([...items, route("big", { trafficPerDay: 2000 }), route("small", { trafficPerDay: 20 })], relations);
    const regular = result.items.filter((i) => i.tier === "target" || i.tier === "unblocker").map((i) => i.id);
    expect(regular).toEqual(["big", "requests", "r6", "small"]);
  });

  it("a route that needs a dependency directly credits it", () => {
    const result = rankItems([ported(), dep("lxml"), route("r", { trafficPerDay: 70 })], [uses("r", "lxml")]);
    expect(byId(result, "lxml").unblocks).toEqual({ routes: 1, trafficPerDay: 70, share: 1 });
  });

  it("a module nothing open uses unblocks no route", () => {
    const m = byId(rankItems([ported(), mod("orphan")], []), "orphan");
    expect(m.unblocks).toEqual({ routes: 0, trafficPerDay: 0, share: 0 });
    expect(m.reasons[0]).toBe("unblocks no open route");
  });

  it("cycles between modules end", () => {
    const result = rankItems([ported(), mod("a"), mod("b"), route("r", { trafficPerDay: 5 })], [uses("a", "b"), uses("b", "a"), uses("r", "a")]);
    expect(byId(result, "a").unblocks!.routes).toBe(1);
    expect(byId(result, "b").unblocks!.routes).toBe(1);
  });
});

// ---- candidates, owners, claims -------------------------------------------------------------

describe("candidates", () => {
  it.each([
    ["a NOT_STARTED route", route("x"), true],
    ["an IN_PROGRESS module", mod("x", { status: "IN_PROGRESS" }), true],
    ["a PORTED route", route("x", { status: "PORTED" }), false],
    ["a VERIFIED module", mod("x", { status: "VERIFIED" }), false],
    ["a RETIRED route", route("x", { status: "RETIRED" }), false],
    ["a WONT_PORT route", route("x", { status: "WONT_PORT" }), false],
    ["a deleted route", route("x", { deletedAt: new Date() }), false],
    ["a dependency to replace", dep("x", { readiness: "REPLACE" }), true],
    ["a dependency of null readiness", dep("x", { readiness: null }), true],
    ["a COMPATIBLE dependency (ported)", dep("x", { readiness: "COMPATIBLE", status: "PORTED" }), false],
    ["a dependency upgraded and marked PORTED, its plan still 'upgrade'", dep("x", { readiness: "UPGRADE_NEEDED", status: "PORTED" }), false],
    ["a dependency to upgrade, in progress", dep("x", { readiness: "UPGRADE_NEEDED", status: "IN_PROGRESS" }), true],
    ["a WONT_PORT dependency", dep("x", { readiness: "REMOVE", status: "WONT_PORT" }), false],
  ])("%s is ranked: %s", (_name, item, ranked) => {
    expect(ids(rankItems([ported(), item], []))).toEqual(ranked ? ["x"] : []);
  });

  it("an empty project ranks nothing", () => {
    expect(rankItems([], [])).toEqual({
      items: [],
      total: 0,
      tierCounts: { pilot: 0, target: 0, unblocker: 0, "long-tail": 0, blocked: 0 },
      totalTraffic: 0,
      hasPortedRoute: false,
      availability: { startable: 0, blocked: 0, claimed: 0 },
      weights: DEFAULT_WEIGHTS,
    });
  });

  it("total traffic counts every live route, ported or not, and no deleted one", () => {
    const result = rankItems(
      [route("a", { trafficPerDay: 10 }), route("b", { status: "VERIFIED", trafficPerDay: 30 }), route("c", { trafficPerDay: 60, deletedAt: new Date() })],
      [],
    );
    expect(result.totalTraffic).toBe(40);
    expect(byId(result, "a").trafficShare).toBe(0.25);
  });
});

describe("owners and claims", () => {
  it.each([
    ["no team and no person", null, null, true],
    ["a team", "team-a", null, false],
    ["a person", null, "user-1", false],
    ["both", "team-a", "user-1", false],
  ])("owned by %s → unowned %s", (_name, ownerTeamId, ownerUserId, unowned) => {
    const x = byId(rankItems([ported(), route("x", { ownerTeamId, ownerUserId })], []), "x");
    expect(x.unowned).toBe(unowned);
    expect(x.reasons.includes("no owner: neither a team nor a person owns it")).toBe(unowned);
  });

  it("unowned items are flagged, not excluded nor demoted", () => {
    const items = [ported(), route("a", { trafficPerDay: 100, ownerTeamId: null }), route("b", { trafficPerDay: 50 })];
    expect(ids(rankItems(items, []))).toEqual(["a", "b"]);
  });

  it("claims pass through and change nothing else", () => {
    const items = [ported(), route("a", { trafficPerDay: 100 }), route("b", { trafficPerDay: 50 })];
    const claimed = items.map((i) => (i.id === "a" ? { ...i, claimedBy: "user-7" } : i));
    const plain = rankItems(items, []);
    const withClaims = rankItems(claimed, []);
    expect(withClaims.items.map((i) => [i.id, i.claimedBy])).toEqual([
      ["a", "user-7"],
      ["b", null],
    ]);
    expect(withClaims.items.map(({ claimedBy: _c, ...rest }) => rest)).toEqual(plain.items.map(({ claimedBy: _c, ...rest }) => rest));
  });
});

// ---- determinism ----------------------------------------------------------------------------

describe("determinism", () => {
  it.each([
    ["score", [route("b", { trafficPerDay: 100 }), route("a", { trafficPerDay: 10 })], ["b", "a"]],
    ["key when scores tie", [route("2", { key: "GET /b" }), route("1", { key: "GET /c" }), route("3", { key: "GET /a" })], ["3", "2", "1"]],
    ["id when keys tie (a route and a module may share one)", [mod("m2", { key: "same" }), mod("m1", { key: "same" })], ["m1", "m2"]],
  ])("ties are broken by %s", (_name, items, expected) => {
    expect(ids(rankItems([ported(), ...items], []))).toEqual(expected);
  });

  it("traffic breaks a score tie when weights make scores equal", () => {
    const items = [ported(), route("low", { key: "GET /a", trafficPerDay: 10 }), route("high", { key: "GET /b", trafficPerDay: 1000 })];
    expect(ids(rankItems(items, [], { traffic: 0 }))).toEqual(["high", "low"]);
  });

  // A generated project with many exact ties (same traffic, complexity, coverage).
  function project(seed: number) {
    const rand = prng(seed);
    const items: RankItemInput[] = [ported(5)];
    const relations: RankRelationInput[] = [];
    for (let d = 0; d < 8; d++) items.push(dep(`d${d}`, { readiness: (["UNKNOWN", "COMPATIBLE", "UPGRADE_NEEDED", "REPLACE"] as const)[d % 4] }));
    for (let m = 0; m < 30; m++) {
      items.push(
        mod(`m${m}`, {
          status: (["NOT_STARTED", "PORTED", "IN_PROGRESS"] as const)[m % 3],
          complexity: 1 + (m % 5),
          size: m % 4 === 0 ? null : 100 * m,
          ownerTeamId: m % 7 === 0 ? null : "t",
        }),
      );
      for (let k = 0; k < m % 3; k++) relations.push(uses(`m${m}`, `d${Math.floor(rand() * 8)}`));
    }
    for (let r = 0; r < 200; r++) {
      items.push(
        route(`r${r}`, {
          key: `GET /${r % 40}`,
          trafficPerDay: [0, 10, 10, 100, 5000][r % 5],
          complexity: 1 + (r % 3),
          testCoverage: r % 2 ? null : 40,
          status: r % 11 === 0 ? "PORTED" : "NOT_STARTED",
        }),
      );
      for (let k = 0; k < 1 + (r % 2); k++) relations.push(uses(`r${r}`, `m${Math.floor(rand() * 30)}`));
    }
    return { items, relations };
  }

  it.each([1, 2, 3, 4, 5])("the same project in a shuffled order (seed %i) ranks the same", (seed) => {
    const { items, relations } = project(11);
    const expected = rankItems(items, relations);
    expect(expected.total).toBeGreaterThan(150);
    const shuffled = rankItems(shuffle(items, seed), shuffle(relations, seed + 100));
    expect(shuffled).toEqual(expected);
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(expected));
  });

  it("duplicate relations count once", () => {
    const items = [ported(), mod("m"), route("r", { trafficPerDay: 10 })];
    const once = rankItems(items, [uses("r", "m")]);
    const twice = rankItems(items, [uses("r", "m"), uses("r", "m")]);
    expect(twice).toEqual(once);
    expect(byId(twice, "r").blockedBy).toHaveLength(1);
  });

  it("an id sent twice is ranked once, as its first copy", () => {
    const result = rankItems(
      [ported(), route("x", { key: "GET /first", trafficPerDay: 5 }), route("y"), route("x", { key: "GET /second" }), route("x", { key: "GET /third" })],
      [],
    );
    expect(result.items.map((i) => i.key)).toEqual(["GET /first", "GET /y"]);
  });

  it("calling twice gives equal results and does not touch the input", () => {
    const { items, relations } = project(3);
    const copy = JSON.stringify({ items, relations });
    expect(rankItems(items, relations)).toEqual(rankItems(items, relations));
    expect(JSON.stringify({ items, relations })).toBe(copy);
  });
});

describe("the packed sort", () => {
  // Scores from a small set with sub-1e-12 perturbations: many exact and near ties, which the
  // packed key cannot tell apart and the comparator must settle.
  it.each([1, 2, 3])("orders exactly like the plain comparator (seed %i)", (seed) => {
    const rand = prng(seed);
    const n = 3000;
    const items: RankItemInput[] = Array.from({ length: n }, (_, i) => route(`id${Math.floor(rand() * 1e6)}-${i}`, { key: `GET /${Math.floor(rand() * 50)}` }));
    const group = new Uint8Array(n);
    const score = new Float64Array(n);
    const traffic = new Float64Array(n);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      group[i] = Math.floor(rand() * 4);
      score[i] = [-3, -1.5, 0, 0.25, 3.7][Math.floor(rand() * 5)] + (rand() < 0.5 ? 0 : rand() * 1e-12);
      traffic[i] = [0, 10, 10, 500][Math.floor(rand() * 4)];
      min = Math.min(min, score[i]);
      max = Math.max(max, score[i]);
    }
    const candidates = Int32Array.from(
      shuffle(
        Array.from({ length: n }, (_, i) => i),
        seed,
      ),
    );
    const expected = Array.from(candidates).sort(
      (a, b) =>
        group[a] - group[b] ||
        score[b] - score[a] ||
        traffic[b] - traffic[a] ||
        (items[a].key < items[b].key ? -1 : items[a].key > items[b].key ? 1 : items[a].id < items[b].id ? -1 : 1),
    );
    expect(Array.from(sortRanked(candidates, group, score, traffic, items, min, max))).toEqual(expected);
  });
});

// ---- API extras -----------------------------------------------------------------------------

describe("prepared ranking and limit", () => {
  const items = [...background, route("a", { complexity: 1, trafficPerDay: 20 }), mod("m"), route("b", { trafficPerDay: 300 })];
  const relations = [uses("b", "m")];

  it("rankPrepared under any weights equals rankItems", () => {
    const prepared = prepareRanking(items, relations);
    for (const weights of [{}, { traffic: 0 }, { complexity: 9, longTailMaxShare: 0.5 }]) {
      expect(rankPrepared(prepared, weights)).toEqual(rankItems(items, relations, weights));
    }
  });

  it("a limit explains only the first items but counts them all", () => {
    const full = rankItems(items, relations);
    const page = rankItems(items, relations, {}, { limit: 3 });
    expect(page.items).toEqual(full.items.slice(0, 3));
    expect(page.total).toBe(full.items.length);
    expect(page.tierCounts).toEqual(full.tierCounts);
    expect(full.tierCounts).toEqual({ pilot: 1, target: 5, unblocker: 1, "long-tail": 0, blocked: 1 });
  });
});

describe("include (a filtered view)", () => {
  const items = [
    ported(),
    route("a", { trafficPerDay: 500 }),
    mod("m"),
    route("b", { trafficPerDay: 300, ownerTeamId: null }),
    route("c", { trafficPerDay: 100, ownerTeamId: null }),
  ];
  const relations = [uses("b", "m")];

  it("keeps global positions and counts only what it keeps", () => {
    const full = rankItems(items, relations);
    expect(full.items.map((i) => [i.id, i.position])).toEqual([
      ["a", 1],
      ["m", 2],
      ["c", 3],
      ["b", 4],
    ]);
    const unowned = rankItems(items, relations, {}, { include: (i) => i.ownerTeamId === null && i.ownerUserId === null });
    expect(unowned.items.map((i) => [i.id, i.position, i.tier])).toEqual([
      ["c", 3, "target"],
      ["b", 4, "blocked"],
    ]);
    expect(unowned.total).toBe(2);
    expect(unowned.tierCounts).toEqual({ pilot: 0, target: 1, unblocker: 0, "long-tail": 0, blocked: 1 });
    // Filtering does not change how the kept items are ranked or explained.
    expect(unowned.items).toEqual([byId(full, "c"), byId(full, "b")]);
  });

  it("combines with a limit", () => {
    const page = rankItems(items, relations, {}, { include: (i) => i.kind === "ROUTE", limit: 2 });
    expect(page.items.map((i) => [i.id, i.position])).toEqual([
      ["a", 1],
      ["c", 3],
    ]);
    expect(page.total).toBe(3);
  });
});

describe("wording", () => {
  it.each([
    [0.042, "4.2%"],
    [0.12, "12%"],
    [0.0004, "under 0.1%"],
    [0.0006, "0.1%"],
    [0, "0%"],
    [1, "100%"],
  ])("share %d → %s", (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [1234567, "1,234,567"],
    [-4200, "-4,200"],
  ])("count %d → %s", (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});
