import { describe, expect, it } from "vitest";
import { prng } from "@/lib/demo/synthetic";
import { rankItems } from "@/lib/ranking/rank";
import type { RankItemInput, RankRelationInput } from "@/lib/ranking/types";

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
const uses = (fromId: string, toId: string): RankRelationInput => ({ fromId, toId });

// A busy, simple route blocked by an unported module (which, unblocking it, comes first); a
// claimed target; two free routes; a ported one.
const items = [
  route("done", { status: "PORTED", trafficPerDay: 10 }),
  route("busy", { trafficPerDay: 90_000, complexity: 1, testCoverage: 90 }),
  route("claimed", { trafficPerDay: 5_000, complexity: 2, claimedBy: "Ann" }),
  route("free", { trafficPerDay: 2_000, complexity: 2 }),
  route("tail", { trafficPerDay: 1, complexity: 5 }),
  mod("billing", { complexity: 4 }),
];
const relations = [uses("busy", "billing")];

describe("the 'can start now' view: not blocked, not claimed, not finished", () => {
  it.each([
    { view: "everything open", startableOnly: false, ids: ["billing", "claimed", "free", "tail", "busy"] },
    { view: "only what can start", startableOnly: true, ids: ["billing", "free", "tail"] },
  ])("$view", ({ startableOnly, ids }) => {
    const result = rankItems(items, relations, {}, { startableOnly });
    expect(result.items.map((i) => i.id)).toEqual(ids);
    // Counted the same way in both views, before anything is dropped.
    expect(result.availability).toEqual({ startable: 3, blocked: 1, claimed: 1 });
    expect(result.total).toBe(ids.length);
  });

  it("positions stay the places in the whole list", () => {
    const all = rankItems(items, relations);
    const now = rankItems(items, relations, {}, { startableOnly: true });
    for (const item of now.items) expect(item.position).toBe(all.items.find((i) => i.id === item.id)!.position);
    expect(now.items.map((i) => i.position)).toEqual([1, 3, 4]);
  });

  it("a filter and the view combine; the counts describe what the filter keeps", () => {
    const result = rankItems(items, relations, {}, { startableOnly: true, include: (i) => i.kind === "ROUTE" });
    expect(result.items.map((i) => i.id)).toEqual(["free", "tail"]);
    expect(result.availability).toEqual({ startable: 2, blocked: 1, claimed: 1 });
    expect(result.tierCounts).toMatchObject({ target: 1, "long-tail": 1, blocked: 0 });
  });

  it("the viewer's own claim can start (they hold it); someone else's cannot", () => {
    const mine = items.map((i) => (i.id === "claimed" ? { ...i, claimedById: "u-ann" } : i));
    expect(rankItems(mine, relations, {}, { startableOnly: true, viewerId: "u-ann" }).items.map((i) => i.id)).toEqual(["billing", "claimed", "free", "tail"]);
    expect(rankItems(mine, relations, {}, { startableOnly: true, viewerId: "u-ann" }).availability).toEqual({ startable: 4, blocked: 1, claimed: 0 });
    expect(rankItems(mine, relations, {}, { startableOnly: true, viewerId: "u-bob" }).items.map((i) => i.id)).toEqual(["billing", "free", "tail"]);
    expect(rankItems(mine, relations, {}, { startableOnly: true, viewerId: null }).items.map((i) => i.id)).toEqual(["billing", "free", "tail"]);
  });

  it("a blocked item that is also claimed counts as blocked, once", () => {
    const result = rankItems([...items.filter((i) => i.id !== "busy"), route("busy", { trafficPerDay: 90_000, complexity: 1, claimedBy: "Bo" })], relations);
    expect(result.availability).toEqual({ startable: 3, blocked: 1, claimed: 1 });
  });
});

describe("a blocked item never ranks above one that can start", () => {
  // The choice made for the Next targets page: blocked items wait at the end of the list, even
  // when their score is the highest. Checked on random projects under very different weights.
  it.each([
    { weights: {} },
    { weights: { traffic: 10, complexity: 0, tests: 0, dependencies: 0, size: 0 } },
    { weights: { traffic: 0, complexity: 10, dependencies: 0 } },
    { weights: { longTailMaxShare: 0, dependencies: 0 } },
  ])("weights $weights", ({ weights }) => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = prng(seed);
      const list: RankItemInput[] = [];
      const rels: RankRelationInput[] = [];
      for (let m = 0; m < 4; m++) list.push(mod(`m${m}`, { complexity: 1 + Math.floor(rand() * 5), status: rand() < 0.3 ? "PORTED" : "NOT_STARTED" }));
      for (let r = 0; r < 30; r++) {
        list.push(
          route(`r${r}`, {
            trafficPerDay: Math.floor(rand() ** 3 * 100_000),
            complexity: 1 + Math.floor(rand() * 5),
            testCoverage: rand() < 0.5 ? null : Math.floor(rand() * 100),
          }),
        );
        if (rand() < 0.4) rels.push(uses(`r${r}`, `m${Math.floor(rand() * 4)}`));
      }
      const ranked = rankItems(list, rels, weights).items;
      const firstBlocked = ranked.findIndex((i) => i.tier === "blocked");
      expect(firstBlocked).toBeGreaterThanOrEqual(0);
      expect(ranked.slice(firstBlocked).every((i) => i.tier === "blocked")).toBe(true);
    }
  });
});
