import { describe, expect, test } from "vitest";
import { samplePoints } from "@/lib/progress/sample";

const days = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("samplePoints", () => {
  test.each([
    { name: "short series untouched", n: 84, max: 160, length: 84, step: 1 },
    { name: "exactly the limit untouched", n: 160, max: 160, length: 160, step: 1 },
    { name: "a year: weekly points", n: 365, max: 160, length: 53, step: 7 },
    { name: "two years: weekly points", n: 730, max: 160, length: 105, step: 7 },
    { name: "ten years: coarser than weekly", n: 3650, max: 160, length: 159, step: 23 },
  ])("$name", ({ n, max, length, step }) => {
    const kept = samplePoints(days(n), max);
    expect(kept).toHaveLength(length);
    expect(kept.at(-1)).toBe(n - 1);
    if (kept.length > 1) expect(kept[1] - kept[0]).toBe(step);
  });
});
