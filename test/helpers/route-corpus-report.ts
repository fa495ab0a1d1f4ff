// `npm run corpus`: precision and recall of the source import on the corpus of real applications,
// per app and per framework; `--verbose` lists every missing and extra route.
import { loadCorpus, scoreApp, totals } from "./route-corpus";

const verbose = process.argv.includes("--verbose");
const scores = loadCorpus().map(scoreApp);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log("app".padEnd(34), "framework".padEnd(10), "expected", "found", "missing", "extra");
for (const s of scores) {
  console.log(
    s.app.padEnd(34),
    s.framework.padEnd(10),
    String(s.tp + s.fn).padStart(8),
    String(s.tp + s.fp).padStart(5),
    String(s.fn).padStart(7),
    String(s.fp).padStart(5),
  );
  if (verbose) for (const m of s.missing) console.log("    missing", m);
  if (verbose) for (const e of s.extra) console.log("    extra  ", e);
}
console.log();
console.log("| framework | apps | hand-read routes | precision | recall |");
console.log("| --- | --- | --- | --- | --- |");
for (const t of totals(scores)) console.log(`| ${t.framework} | ${t.apps} | ${t.expected} | ${pct(t.precision)} | ${pct(t.recall)} |`);
