import { describe, expect, test } from "vitest";
import { SOURCE_FRAMEWORKS } from "@/lib/import/parsers/source";
import { loadCorpus, scoreApp, totals } from "../../helpers/route-corpus";

/**
 * The source import on excerpts of real applications (test/fixtures/import/corpus), against the
 * routes read by hand from them. `npm run corpus` prints the table; `--verbose` names each miss.
 */
const apps = loadCorpus();
const scores = apps.map(scoreApp);
const byFramework = totals(scores);

describe("route corpus of real applications", () => {
  test.each(SOURCE_FRAMEWORKS.map((f) => [f]))("%s has at least two applications", (framework) => {
    expect(apps.filter((a) => a.framework === framework).length).toBeGreaterThanOrEqual(2);
  });

  test.each(byFramework.map((t) => [t.framework, t]))("%s: precision and recall at least 0.95", (_name, t) => {
    const misses = scores
      .filter((s) => t.framework === "all" || s.framework === t.framework)
      .flatMap((s) => [...s.missing.map((m) => `${s.app} missing ${m}`), ...s.extra.map((e) => `${s.app} extra ${e}`)]);
    expect({ precision: t.precision >= 0.95, recall: t.recall >= 0.95, misses: t.precision < 0.95 || t.recall < 0.95 ? misses : [] }).toEqual({
      precision: true,
      recall: true,
      misses: [],
    });
  });

  test.each(apps.map((a) => [a.name, a]))("%s: the framework detected is the one hand-read, and tests, docs and snippets give no route", (_name, app) => {
    const s = scoreApp(app);
    expect(s.detected).toEqual([app.framework]);
    expect(s.extra.filter((k) => /only[-/]in[-/]tests|never-served|Snippet/i.test(k))).toEqual([]);
  });
});
