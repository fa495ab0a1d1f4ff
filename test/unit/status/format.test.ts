import { describe, expect, test } from "vitest";
import { XMLValidator } from "fast-xml-parser";
import { changeSentence, dayText, isRollback, momentText, percentText, placeOf, placesText } from "@/lib/status/format";
import { xmlEscape, statusFeed } from "@/lib/status/feed";
import type { StatusPage } from "@/lib/status/page-data";

describe("status page wording", () => {
  test.each([
    [null, "GET /checkout", "/checkout"],
    ["/users/<int:id>", "GET /users/<int:id>", "/users/…"],
    ["/files/<path:rest>", "GET /files/<path:rest>", "/files/…"],
    ["/a/{id}/<x>", "GET /a/{id}/<x>", "/a/…/…"],
    ["/<a><b>", "GET /<a><b>", "/…"],
    ["", "GET /", "/"],
  ])("placeOf(%j, %j) = %j", (path, key, expected) => {
    expect(placeOf(path, key)).toBe(expected);
  });

  test.each([
    [[], "no pages"],
    [["/a"], "/a"],
    [["/b", "/a"], "/a and /b"],
    [["/a", "/a", "/b"], "/a and /b"],
    [["/c", "/b", "/a"], "/a, /b and /c"],
    [["/a", "/b", "/c", "/d"], "/a, /b, /c and 1 more page"],
    [["/a", "/b", "/c", "/d", "/e"], "/a, /b, /c and 2 more pages"],
  ])("placesText(%j) = %j", (places, expected) => {
    expect(placesText(places)).toBe(expected);
  });

  test.each([
    [0, "0 %"],
    [-1, "0 %"],
    [Number.NaN, "0 %"],
    [0.001, "less than 1 %"],
    [0.0049, "less than 1 %"],
    [0.01, "1 %"],
    [0.625, "63 %"],
    [0.995, "more than 99 %"],
    [0.9999, "more than 99 %"],
    [1, "100 %"],
  ])("percentText(%s) = %j", (share, expected) => {
    expect(percentText(share)).toBe(expected);
  });

  test.each([
    ["2026-06-10T22:30:00Z", "Europe/Berlin", "Thursday 11 June 2026", "Thursday 11 June 2026 at 00:30 (Europe/Berlin time)"],
    ["2026-06-10T22:30:00Z", "UTC", "Wednesday 10 June 2026", "Wednesday 10 June 2026 at 22:30 (UTC time)"],
    ["2026-03-01T04:00:00Z", "America/New_York", "Saturday 28 February 2026", "Saturday 28 February 2026 at 23:00 (America/New_York time)"],
    ["2028-02-29T12:00:00Z", "Asia/Tokyo", "Tuesday 29 February 2028", "Tuesday 29 February 2028 at 21:00 (Asia/Tokyo time)"],
  ])("%s in %s: %j, %j", (at, tz, day, moment) => {
    expect(dayText(new Date(at), tz)).toBe(day);
    expect(momentText(new Date(at), tz)).toBe(moment);
  });

  const L = { servedBy: "LEGACY", canaryPercent: null } as const;
  const N = { servedBy: "NEW", canaryPercent: null } as const;
  const S = { servedBy: "SHADOW", canaryPercent: null } as const;
  const C = { servedBy: "CANARY", canaryPercent: 25 } as const;
  test.each([
    [L, N, "past", "/x moved to the new system."],
    [null, N, "ahead", "/x moves to the new system."],
    [L, C, "past", "/x: 25 % of visitors now use the new system (a trial; the others stay on the old one)."],
    [null, C, "ahead", "/x: from then, 25 % of visitors will use the new system (a trial; the others stay on the old one)."],
    [L, S, "past", "/x: the new system started being tested with a copy of the real traffic; visitors still use the old system."],
    [N, L, "past", "/x went back to the old system."],
    [null, L, "ahead", "/x goes back to the old system."],
  ] as const)("from %j to %j (%s)", (from, to, tense, expected) => {
    expect(changeSentence("/x", from, to, tense)).toBe(expected);
  });

  test.each([
    ["switch", N, L, true],
    ["switch", S, L, true],
    ["kill-switch", L, L, true],
    ["switch", L, N, false],
    ["switch", N, C, false],
  ] as const)("isRollback(%s, %j → %j) = %s", (kind, from, to, expected) => {
    expect(isRollback(kind, from, to)).toBe(expected);
  });
});

describe("the Atom feed", () => {
  test.each([
    ["plain", "plain"],
    ["a & b", "a &amp; b"],
    ["<script>", "&lt;script&gt;"],
    [`"quoted" 'single'`, "&quot;quoted&quot; &apos;single&apos;"],
    ["bell\u0007 nul\u0000 ok\ttab", "bell nul ok\ttab"],
    ["lone \uD800 surrogate", "lone  surrogate"],
    ["emoji 🚀", "emoji 🚀"],
  ])("xmlEscape(%j) = %j", (text, expected) => {
    expect(xmlEscape(text)).toBe(expected);
  });

  const page: StatusPage = {
    project: { id: "p1", name: "Shop & <Co>", timeZone: "UTC", archived: false },
    summary: "Moving </feed> things",
    share: { percent: "50 %", share: 0.5, routes: 2, routesOnNew: 1 },
    recent: [{ id: "s1", at: new Date("2026-06-01T10:00:00Z"), day: "Monday 1 June 2026", sentence: "/a moved to the new system.", reason: "]]> <x>" }],
    incidents: [{ id: "s2", at: new Date("2026-06-02T10:00:00Z"), day: "Tuesday 2 June 2026", sentence: "/b went back to the old system.", reason: "errors" }],
    upcoming: [],
    notes: [],
    freezes: [],
    announcements: [],
    generatedAt: new Date("2026-06-10T12:00:00Z"),
  };

  test("is well-formed, latest entry first, with every text escaped", () => {
    const xml = statusFeed(page, { selfUrl: "https://w.example/status/t?a=1&b=2/feed.xml", pageUrl: "https://w.example/status/t" });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<updated>2026-06-02T10:00:00.000Z</updated>\n  <link");
    expect(xml).toContain('href="https://w.example/status/t?a=1&amp;b=2/feed.xml"');
    expect(xml).toContain("<subtitle>Moving &lt;/feed&gt; things</subtitle>");
    expect(xml.indexOf("Incident: /b")).toBeLessThan(xml.indexOf("/a moved"));
    expect(xml).toContain("Why: ]]&gt; &lt;x&gt;");
  });

  test("an empty page is a valid feed updated at the time it was read", () => {
    const xml = statusFeed({ ...page, recent: [], incidents: [], summary: "" }, { selfUrl: "s", pageUrl: "p" });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("<updated>2026-06-10T12:00:00.000Z</updated>");
    expect(xml).not.toContain("<entry>");
  });
});
