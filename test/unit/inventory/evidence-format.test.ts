import { describe, expect, test } from "vitest";
import { conclusionBadge, isExpired, measuredText, refusalHeadline, tallyLatest, tallySentence, tallyText } from "@/lib/inventory/evidence-format";

const NOW = new Date("2026-06-10T12:00:00Z");

describe("measuredText", () => {
  test.each([
    ["replay", { value: 0.4, unit: "%", threshold: 1, comparison: "<=" as const }, "mismatch 0.4 % ≤ 1 %"],
    ["replay", { value: 0.4, unit: "%", threshold: 1, comparison: "<=" as const, sampleSize: 12000 }, "mismatch 0.4 % ≤ 1 % over 12,000 requests"],
    ["custom", { value: 180, unit: "ms", threshold: 250 }, "180 ms ≤ 250 ms"],
    ["custom", { value: 0.97, threshold: 0.95, comparison: ">=" as const }, "0.97 ≥ 0.95"],
    ["tests", { value: 120, unit: "tests", sampleSize: 120 }, "120 tests"],
    ["tests", { value: 3, unit: "failures", sampleSize: 120 }, "3 failures over 120 tests"],
    ["visual", { value: 1.23456 }, "1.235"],
    ["smoke", { value: 2, comparison: "==" as const, threshold: 2 }, "2 = 2"],
  ])("%s %j → %s", (kind, measured, expected) => {
    expect(measuredText(kind, measured)).toBe(expected);
  });
  test("no measurement → null", () => {
    expect(measuredText("smoke", null)).toBeNull();
    expect(measuredText("smoke", undefined)).toBeNull();
  });
});

test.each([
  ["completed", "success", { label: "success", tone: "pass" }],
  ["completed", "failure", { label: "failure", tone: "fail" }],
  ["completed", "neutral", { label: "neutral", tone: "neutral" }],
  ["completed", "inconclusive", { label: "inconclusive", tone: "neutral" }],
  ["completed", null, { label: "inconclusive", tone: "neutral" }],
  ["queued", null, { label: "queued", tone: "pending" }],
  ["in_progress", null, { label: "running", tone: "pending" }],
])("conclusionBadge(%s, %s)", (status, conclusion, expected) => {
  expect(conclusionBadge(status, conclusion)).toEqual(expected);
});

test.each([
  [null, false],
  ["2026-06-10T12:00:00Z", true],
  ["2026-06-10T11:59:59Z", true],
  ["2026-06-10T12:00:01Z", false],
  [new Date("2026-06-09T00:00:00Z"), true],
])("isExpired(%s) at %s", (expiresAt, expected) => {
  expect(isExpired(expiresAt, NOW)).toBe(expected);
});

describe("tallies", () => {
  const r = (conclusion: string | null, expiresAt: string | null = null, status = "completed") => ({ status, conclusion, expiresAt });
  test.each([
    [[], { pass: 0, fail: 0, other: 0 }, "none", "No evidence yet"],
    [[r("success"), r("success"), r("success"), r("failure")], { pass: 3, fail: 1, other: 0 }, "3 ✓ / 1 ✗", "Latest per check: 3 passing, 1 failing"],
    [[r("success", "2026-06-01T00:00:00Z")], { pass: 0, fail: 0, other: 1 }, "1 ?", "Latest per check: 1 expired, neutral or inconclusive"],
    [
      [r("success", "2026-07-01T00:00:00Z"), r("neutral")],
      { pass: 1, fail: 0, other: 1 },
      "1 ✓ / 1 ?",
      "Latest per check: 1 passing, 1 expired, neutral or inconclusive",
    ],
    [[r("failure", "2026-06-01T00:00:00Z")], { pass: 0, fail: 1, other: 0 }, "1 ✗", "Latest per check: 1 failing"],
    [[r(null, null, "queued")], { pass: 0, fail: 0, other: 1 }, "1 ?", "Latest per check: 1 expired, neutral or inconclusive"],
  ])("%j", (latest, tally, text, sentence) => {
    const t = tallyLatest(latest, NOW);
    expect(t).toEqual(tally);
    expect(tallyText(t)).toBe(text);
    expect(tallySentence(t)).toBe(sentence);
  });
});

test.each([
  ["verified" as const, [{ key: "GET /a", missing: [1] }], 1, "The Verified gate is not met for GET /a: 1 thing missing."],
  ["verified" as const, [{ key: "GET /a", missing: [1, 2] }], 1, "The Verified gate is not met for GET /a: 2 things missing."],
  [
    "switchToNew" as const,
    [
      { key: "GET /a", missing: [1] },
      { key: "GET /b", missing: [1] },
    ],
    2,
    "The Switch-to-new gate is not met for 2 items.",
  ],
  ["switchToNew" as const, [{ key: "GET /a", missing: [1] }], 1200, "The Switch-to-new gate is not met for 1,200 items."],
])("refusalHeadline(%s, …, %i)", (gate, unmet, count, expected) => {
  expect(refusalHeadline(gate, unmet, count)).toBe(expected);
});
