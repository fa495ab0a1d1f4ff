import { describe, expect, test } from "vitest";
import { checkMethods, ReplayInputError, RequestSampler, waterFill } from "@/lib/evidence/replay";
import type { LoggedRequest } from "@/lib/import/access-log";

const request = (target: string, method = "GET"): LoggedRequest => ({ method: () => method, target: () => target });

/** A stream: route 0 very busy, route 1 moderate, routes 2–4 rare. */
function stream(): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 0; i < 5000; i++) out.push([0, `/a/${i}`]);
  for (let i = 0; i < 300; i++) out.splice(i * 17, 0, [1, `/b/${i}`]);
  out.splice(100, 0, [2, "/c/1"]);
  out.splice(2000, 0, [3, "/d/1"], [3, "/d/2"]);
  out.push([4, "/e/1"]);
  return out;
}

function sample(size: number, strategy: "stratified" | "reservoir", seed: number) {
  const sampler = new RequestSampler(size, strategy, seed);
  for (const [route, target] of stream()) sampler.offer(route, request(target));
  return sampler.result();
}

const perRoute = (s: { route: number }[]) => s.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.route]: (acc[r.route] ?? 0) + 1 }), {});

describe("the request sampler", () => {
  test("stratified: every route is in, rare ones whole, the rest filled up to the size", () => {
    const s = sample(100, "stratified", 1);
    expect(s).toHaveLength(100);
    const counts = perRoute(s);
    expect(counts[2]).toBe(1);
    expect(counts[3]).toBe(2);
    expect(counts[4]).toBe(1);
    expect(counts[0] + counts[1]).toBe(96);
    expect(Math.abs(counts[0] - counts[1])).toBeLessThanOrEqual(1);
    expect(new Set(s.map((r) => r.target)).size).toBe(100);
  });

  test("reservoir: uniform, so the busy route dominates", () => {
    const counts = perRoute(sample(100, "reservoir", 1));
    expect(counts[0]).toBeGreaterThan(80);
  });

  test("deterministic for a seed, different for another", () => {
    expect(sample(50, "stratified", 7)).toEqual(sample(50, "stratified", 7));
    expect(sample(50, "stratified", 7)).not.toEqual(sample(50, "stratified", 8));
    expect(sample(50, "reservoir", 7)).toEqual(sample(50, "reservoir", 7));
  });

  test("a small stream is taken whole", () => {
    const sampler = new RequestSampler(10, "stratified");
    sampler.offer(0, request("/x"));
    sampler.offer(1, request("/y", "HEAD"));
    expect(sampler.result()).toEqual([
      { route: 0, method: "GET", target: "/x" },
      { route: 1, method: "HEAD", target: "/y" },
    ]);
  });

  test("holds at most twice the size while streaming", () => {
    const sampler = new RequestSampler(20, "stratified", 3);
    let most = 0;
    for (const [route, target] of stream()) {
      sampler.offer(route, request(target));
      const held = [...(sampler as unknown as { strata: Map<number, { items: unknown[] }> }).strata.values()].reduce((n, s) => n + s.items.length, 0);
      most = Math.max(most, held);
    }
    expect(most).toBeLessThanOrEqual(40);
  });

  test("refuses a size that is not a whole number ≥ 1", () => {
    expect(() => new RequestSampler(0)).toThrow(ReplayInputError);
  });
});

describe("water-filling", () => {
  test.each([
    [[1, 5, 5], 8, [1, 4, 3]],
    [[1, 2, 3], 10, [1, 2, 3]],
    [[10, 10, 10, 1], 10, [3, 3, 3, 1]],
    [[100, 0, 7], 20, [13, 0, 7]],
    [[4, 4], 1, [1, 0]],
  ])("%j into %d → %j", (sizes, total, expected) => {
    const quota = waterFill(sizes, total);
    expect(quota).toEqual(expected);
    expect(quota.reduce((a, b) => a + b, 0)).toBe(
      Math.min(
        total,
        sizes.reduce((a, b) => a + b, 0),
      ),
    );
  });
});

describe("methods", () => {
  test.each([
    [["get", "head"], false, ["GET", "HEAD"]],
    [["GET", "OPTIONS"], false, ["GET", "OPTIONS"]],
    [["GET", "POST"], true, ["GET", "POST"]],
  ])("%j (allow unsafe: %s)", (methods, allow, expected) => {
    expect(checkMethods(methods, allow)).toEqual(expected);
  });

  test("unsafe ones are refused unless allowed", () => {
    expect(() => checkMethods(["GET", "DELETE", "PUT"], false)).toThrow("DELETE, PUT are not safe to replay");
    expect(() => checkMethods([""], false)).toThrow("--methods lists at least one method.");
  });
});
