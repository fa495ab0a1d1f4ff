// Why lib/import/text.ts keeps its own line-aware JSON reader (issue 19): it against jsonc-parser,
// the maintained library that reports offsets, on a 50,000-row inventory file. Run:
//   npx tsx bench/json-parser-choice.ts
import { parseTree, type Node, type ParseError } from "jsonc-parser";
import { parseJsonWithLines } from "@/lib/import/text";

const rows = Array.from({ length: 50_000 }, (_, i) => ({
  kind: "route",
  method: "GET",
  path: `/api/v1/things/${i}/<int:id>`,
  owner: `team-${i % 40}`,
  traffic_per_day: i * 3,
  complexity: (i % 5) + 1,
  notes: "ported \u00e9 ok",
}));
const text = JSON.stringify(rows, null, 2);
console.log(`input ${(text.length / 1e6).toFixed(1)} MB, 50,000 rows`);

function libWithLines(t: string) {
  const errors: ParseError[] = [];
  const root = parseTree(t, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) return { ok: false };
  // lines: offsets → line numbers via a sorted line-start table
  const starts = [0];
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (off: number) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (starts[m] <= off) lo = m;
      else hi = m - 1;
    }
    return lo + 1;
  };
  const lines = new WeakMap<object, Map<string | number, number>>();
  const build = (n: Node): unknown => {
    if (n.type === "object") {
      const o: Record<string, unknown> = {};
      const m = new Map();
      for (const p of n.children ?? []) {
        const k = p.children![0].value as string;
        o[k] = build(p.children![1]);
        m.set(k, lineOf(p.offset));
      }
      lines.set(o, m);
      return o;
    }
    if (n.type === "array") {
      const kids = n.children ?? [];
      const a = kids.map(build);
      lines.set(a, new Map(kids.map((c: Node, i: number) => [i, lineOf(c.offset)])));
      return a;
    }
    return n.value;
  };
  return { ok: true, value: root ? build(root) : undefined, lines };
}

const time = (name: string, f: () => unknown) => {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    f();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} median ${runs[3].toFixed(0)} ms (min ${runs[0].toFixed(0)})`);
};
time("JSON.parse (no lines)", () => JSON.parse(text));
time("ours: parseJsonWithLines", () => parseJsonWithLines(text));
time("jsonc-parser parseTree + lines", () => libWithLines(text));
try {
  libWithLines("[".repeat(100_000));
  console.log("jsonc-parser, 100,000 × '[': returned");
} catch (e) {
  console.log(`jsonc-parser, 100,000 × '[': ${(e as Error).constructor.name}: ${(e as Error).message}`);
}
console.log(`ours, 100,000 × '[': ${JSON.stringify(parseJsonWithLines("[".repeat(100_000)))}`);
const e: ParseError[] = [];
parseTree('{"a": 1,}', e, { disallowComments: true, allowTrailingComma: false });
console.log("jsonc-parser on a trailing comma:", JSON.stringify(e));
const e2: ParseError[] = [];
parseTree("[01]", e2, { disallowComments: true });
console.log("jsonc-parser on [01]:", JSON.stringify(e2));
