import { describe, expect, test } from "vitest";
import { MAX_SAMPLE_LENGTH, RequestSamples, sampleTarget } from "@/lib/import/access-log/samples";

const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5) | 0;
const request = (target: string, hashed: boolean) => ({ method: () => "GET", target: () => target, ...(hashed ? { targetHash: () => hash(target) } : {}) });

describe("request samples per route", () => {
  test.each([
    ["with the counter's hash", true],
    ["from the target's text", false],
  ])("%s: the first 20 distinct targets, every repeat counted, unmatched requests ignored", (_, hashed) => {
    const samples = new RequestSamples(2);
    for (let i = 1; i <= 25; i++) samples.visit(0, request(`/a/${i}`, hashed));
    for (let i = 0; i < 4; i++) samples.visit(0, request("/a/3", hashed));
    samples.visit(0, request("/a/25", hashed)); // not kept: the route was full when it first came
    samples.visit(-1, request("/nowhere", hashed));
    samples.visit(1, request("/b?q=1", hashed));
    const byKey = samples.byKey([{ key: "GET /a/<id>" }, { key: "GET /b" }, { key: "GET /c" }]);
    expect(byKey["GET /a/<id>"]).toHaveLength(20);
    expect(byKey["GET /a/<id>"][0]).toEqual(["/a/3", 5]);
    expect(byKey["GET /a/<id>"].map(([p]) => p)).not.toContain("/a/21");
    expect(byKey["GET /b"]).toEqual([["/b?q=1", 1]]);
    expect(Object.keys(byKey)).toEqual(["GET /a/<id>", "GET /b"]);
  });

  test.each([
    ["short", "/a?b=1", "/a?b=1"],
    ["cut at the limit", `/${"x".repeat(600)}`, `/${"x".repeat(MAX_SAMPLE_LENGTH - 1)}`],
    ["no half surrogate pair at the cut", `/${"x".repeat(MAX_SAMPLE_LENGTH - 2)}😀`, `/${"x".repeat(MAX_SAMPLE_LENGTH - 2)}`],
    ["no NUL", "/a\u0000b", "/a\ufffdb"],
  ])("a target %s", (_, raw, expected) => {
    expect(sampleTarget(raw)).toBe(expected);
  });
});
