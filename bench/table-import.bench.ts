import { performance } from "node:perf_hooks";
import { parseCsvTable } from "@/lib/import/parsers/table";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import type { OrgContext } from "@/lib/tenancy";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { benchTargets, openBenchDb } from "./bench-db";
import { mb, round, type Benchmark, type Figures } from "./harness";

/**
 * Issue 21, item 11: one table upload must not hold the server. Measures the CSV reader at the
 * row limit, how fast the column and row limits refuse hostile files, and — the property that
 * matters — how long another request (`GET /api/v1/openapi.json`, served in the same process)
 * waits while a 100,000-row CSV is previewed.
 */

const COLUMNS = "method,path,handler,module,traffic_per_day,complexity,size,test_coverage,owner,status,status_reason,served_by,notes,links,modules";

function routesCsv(rows: number): string {
  const lines = [COLUMNS];
  for (let i = 0; i < rows; i++) {
    const s = i % 97;
    lines.push(
      `GET,/billing/s${s}/r${i},billing.views.r${i},app/billing/s${s},${(i * 7) % 5000},${1 + (i % 5)},${i % 900},${i % 100},Platform,in progress,,legacy,"Port it, carefully ""soon""",https://tracker.example.com/T-${i},app/billing/s${s}`,
    );
  }
  return lines.join("\n") + "\n";
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** Calls the OpenAPI handler every 20 ms while `work` runs; the other client's view of the server. */
async function whileServing(work: () => Promise<unknown>) {
  const latencies: number[] = [];
  let running = true;
  // A client's wait counts from when its request is due, so a block between two calls is seen too.
  const loop = (async () => {
    while (running) {
      const due = performance.now() + 20;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await openApi().text();
      latencies.push(performance.now() - due);
    }
  })();
  // The longest the event loop went without running a 5 ms timer: how long anything else waited.
  let loopMax = 0;
  let tick = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    loopMax = Math.max(loopMax, now - tick - 5);
    tick = now;
  }, 5);
  const start = performance.now();
  const outcome = await work().then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "error",
  );
  const ms = performance.now() - start;
  clearInterval(timer);
  running = false;
  await loop;
  latencies.sort((a, b) => a - b);
  return {
    ms,
    outcome,
    requests: latencies.length,
    p50: latencies[Math.floor(latencies.length / 2)] ?? 0,
    max: latencies.at(-1) ?? 0,
    loopMax,
  };
}

export const tableImport: Benchmark = {
  name: "table import: limits and a responsive server (issue 21)",
  async run() {
    const figures: Figures = {};
    const big = routesCsv(100_000);
    global.gc?.();
    const heap = process.memoryUsage().heapUsed;
    let start = performance.now();
    const parsed = await parseCsvTable({ path: "routes.csv", text: big }, "ROUTE");
    figures[`parse 100,000-row CSV (${mb(big.length)}), csv-parse in 64 KB slices (ms)`] = round(performance.now() - start);
    figures["  its records / heap growth"] = `${parsed.records.length.toLocaleString("en")} / ${mb(process.memoryUsage().heapUsed - heap)}`;

    const wide = `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",")}\n${"x,".repeat(99_999)}x\n`;
    start = performance.now();
    const refused = await parseCsvTable({ path: "wide.csv", text: wide }, "ROUTE");
    figures[`100,000-column CSV (${mb(wide.length)}) refused (ms)`] = round(performance.now() - start);
    figures["  its message"] = refused.issues[0]?.message ?? "(none)";

    for (const target of await benchTargets()) {
      if (target === "postgres" && process.env.BENCH_SKIP_POSTGRES) continue;
      const { db, label, close } = await openBenchDb(target);
      try {
        const org = await db.organization.create({ data: { name: "Bench", slug: `bench-${Math.round(performance.now())}` } });
        const project = await db.project.create({ data: { organizationId: org.id, name: "Bench", slug: "bench", fromStack: "PHP", toStack: "Python" } });
        const ctx: OrgContext = { organizationId: org.id, organizationSlug: org.slug, role: "ADMIN", userId: null, tokenProjectId: null };
        const preview = (name: string, text: string) => () =>
          previewUpload(db, ctx, project.id, { format: "csv", kind: "ROUTE", fileName: name, source: { files: [{ name, bytes: bytes(text) }] } });

        await openApi().text(); // the document is built once per process
        const idle = await whileServing(() => new Promise((resolve) => setTimeout(resolve, 500)));
        figures[`[${label}] openapi.json alone: p50 / max (ms)`] = `${round(idle.p50)} / ${round(idle.max)}`;
        for (const [name, text] of [
          ["100,000-row CSV preview", big],
          ["200,000-row CSV preview", routesCsv(200_000)],
          ["100,000-column CSV preview", wide],
        ] as const) {
          const r = await whileServing(preview(name, text));
          figures[`[${label}] ${name}: ${r.outcome} in (ms)`] = round(r.ms);
          figures[`[${label}] ${name}: openapi.json meanwhile, ${r.requests} calls, p50 / max (ms)`] = `${round(r.p50)} / ${round(r.max)}`;
          figures[`[${label}] ${name}: longest event-loop block (ms)`] = round(r.loopMax);
        }
      } finally {
        await close();
      }
    }
    return figures;
  },
};
