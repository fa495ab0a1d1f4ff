import { describe, expect, test } from "vitest";
import {
  differences,
  generalise,
  IgnoreRuleError,
  isCoveredBy,
  normalise,
  NO_RULES,
  parseIgnoreRegex,
  parseJsonPath,
  type IgnoreRules,
} from "@/lib/evidence/compare";
import { LatencyHistogram } from "@/lib/evidence/latency";

const json = (value: unknown, contentType = "application/json") => ({ body: Buffer.from(JSON.stringify(value)), contentType });
const text = (value: string, contentType = "text/html; charset=utf-8") => ({ body: Buffer.from(value), contentType });
const rules = (jsonPaths: string[] = [], regexes: string[] = []): IgnoreRules => ({
  jsonPaths: jsonPaths.map(parseJsonPath),
  regexes: regexes.map(parseIgnoreRegex),
});
const diffPaths = (a: ReturnType<typeof json>, b: ReturnType<typeof json>, r: IgnoreRules = NO_RULES) =>
  differences(normalise(a, r), normalise(b, r)).map((d) => d.path);

describe("normalised comparison", () => {
  test.each<[string, ReturnType<typeof json>, ReturnType<typeof json>, IgnoreRules, string[]]>([
    [
      "key order and whitespace never count",
      json({ a: 1, b: [1, 2] }),
      { body: Buffer.from('{ "b": [1,2],\n "a": 1 }'), contentType: "application/json" },
      NO_RULES,
      [],
    ],
    ["a changed value, by path", json({ user: { name: "Ann", id: 1 } }), json({ user: { name: "ann", id: 1 } }), NO_RULES, ["$.user.name"]],
    ["an array element", json({ items: [{ p: 1 }, { p: 2 }] }), json({ items: [{ p: 1 }, { p: 3 }] }), NO_RULES, ["$.items[1].p"]],
    ["a missing key and a longer array", json({ a: 1, l: [1] }), json({ l: [1, 2] }), NO_RULES, ["$.a", "$.l.length"]],
    ["an odd key is quoted", json({ "x-y": 1 }), json({ "x-y": 2 }), NO_RULES, ['$["x-y"]']],
    ["a type change", json({ a: 1 }), json({ a: "1" }), NO_RULES, ["$.a"]],
    ["ignored by path", json({ csrf: "a", v: 1 }), json({ csrf: "b", v: 1 }), rules(["$.csrf"]), []],
    [
      "ignored in every element",
      json({
        items: [
          { id: 1, v: 1 },
          { id: 2, v: 1 },
        ],
      }),
      json({
        items: [
          { id: 7, v: 1 },
          { id: 8, v: 2 },
        ],
      }),
      rules(["$.items[*].id"]),
      ["$.items[1].v"],
    ],
    ["ignored at any depth", json({ a: { b: { token: 1 } }, token: 2 }), json({ a: { b: { token: 3 } }, token: 4 }), rules(["$..token"]), []],
    [
      "a regex blanks timestamps inside JSON strings",
      json({ msg: "saved at 2026-06-10T12:00:00.123Z" }),
      json({ msg: "saved at 2026-06-11T08:00:00Z" }),
      rules([], ["\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z"]),
      [],
    ],
    ["HTML line by line", text("<p>a</p>\n<p>b</p>"), text("<p>a</p>\n<p>c</p>"), NO_RULES, ["line 2"]],
    ["a regex on HTML", text("<p>at 2026-06-10T12:00:00Z</p>"), text("<p>at 2026-06-10T12:00:01Z</p>"), rules([], ["\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z"]), []],
    ["JSON against HTML", json({ a: 1 }), text("<p>error</p>"), NO_RULES, ["body"]],
    [
      "bytes by hash",
      { body: Buffer.from([0x89, 0x50, 0, 1]), contentType: "image/png" },
      { body: Buffer.from([0x89, 0x50, 0, 2]), contentType: "image/png" },
      NO_RULES,
      ["body"],
    ],
    ["declared JSON that is not: compared as text", text("not json", "application/json"), text("not json either", "application/json"), NO_RULES, ["line 1"]],
  ])("%s", (_what, a, b, r, expected) => {
    expect(diffPaths(a, b, r)).toEqual(expected);
  });

  test("a difference shows both values, cut short", () => {
    const [d] = differences(normalise(json({ s: "x".repeat(500) }), NO_RULES), normalise(json({ s: "y" }), NO_RULES));
    expect(d.legacy).toHaveLength(120);
    expect(d.legacy.endsWith("…")).toBe(true);
    expect(d.new).toBe('"y"');
  });

  test("at most `limit` differences", () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(differences(normalise(json(many), NO_RULES), normalise(json({}), NO_RULES), 20)).toHaveLength(20);
  });
});

describe("noise", () => {
  test("array indexes fold, and a field covers what it holds", () => {
    expect(generalise("$.items[3].when[0]")).toBe("$.items[*].when[*]");
    const noise = new Set(["$.meta", "$.items[*].ts", "line 1"]);
    expect(isCoveredBy("$.meta.requestId", noise)).toBe(true);
    expect(isCoveredBy("$.metadata", noise)).toBe(false);
    expect(isCoveredBy("$.items[*].ts", noise)).toBe(true);
    expect(isCoveredBy("$.items[*].price", noise)).toBe(false);
    expect(isCoveredBy("line 12", noise)).toBe(false);
  });
});

describe("ignore rules", () => {
  test.each([
    ["csrf", /starts with \$/],
    ["$", /the whole body cannot be ignored/],
    ["$.a[?(@.x)]", /expected \[n\], \[\*\] or \['name'\] at character 4/],
    ["$.", /expected a field name/],
  ])("%s is refused", (path, message) => {
    expect(() => parseJsonPath(path)).toThrow(IgnoreRuleError);
    expect(() => parseJsonPath(path)).toThrow(message);
  });

  test("a bad regex names itself", () => {
    expect(() => parseIgnoreRegex("(")).toThrow(/^--ignore-regex "\(": /);
  });

  test("bracketed names and indexes", () => {
    const r = rules(["$['odd key'][0]"]);
    expect(diffPaths(json({ "odd key": [1, 2] }), json({ "odd key": [9, 2] }), r)).toEqual([]);
  });
});

describe("the latency histogram", () => {
  test("quantiles within 2 % of the exact ones, in bounded memory", () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i / 10); // 0.1 … 1000 ms
    const p50 = h.quantile(0.5)!;
    const p95 = h.quantile(0.95)!;
    expect(Math.abs(p50 - 500) / 500).toBeLessThan(0.02);
    expect(Math.abs(p95 - 950) / 950).toBeLessThan(0.02);
    expect((h as unknown as { counts: Map<number, number> }).counts.size).toBeLessThan(600);
    expect(new LatencyHistogram().quantile(0.5)).toBeNull();
  });
});
