import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { normalizeRoutePattern } from "@/lib/import/parsers/route-pattern-normalize";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport } from "@/lib/import/pipeline/preview-and-commit";
import type { OrgContext } from "@/lib/tenancy";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { ensureAccessLogFixture, type GeneratedRoute } from "./generate-access-log";
import { benchTargets, openBenchDb } from "./bench-db";
import { mb, round, type Benchmark, type Figures } from "./harness";
import { buildCliBundle } from "../scripts/cli-bundle.mjs";

const LINES = 1_000_000;
const ROUTES = 5_000;

/** Samples RSS every 20 ms while fn runs; returns the wall time and the peak growth. */
async function measure(fn: () => Promise<unknown>) {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, growth: peak - base, peak };
}

/** A project holding the fixture's routes, in canonical patterns, as an import would store them. */
async function seedRouteInventory(db: Db, routes: GeneratedRoute[]) {
  const org = await db.organization.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
  const project = await db.project.create({ data: { organizationId: org.id, name: "Bench", slug: "bench", fromStack: "PHP", toStack: "Python" } });
  const seen = new Set<string>();
  const rows = routes
    .map((r) => ({ method: r.method, path: normalizeRoutePattern(r.path) }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  await db.item.createMany({
    data: rows.map((r) => ({
      organizationId: org.id,
      projectId: project.id,
      kind: "ROUTE" as const,
      key: `${r.method} ${r.path}`,
      name: `${r.method} ${r.path}`,
      method: r.method,
      path: r.path,
    })),
  });
  return { org, project };
}

/**
 * The whole import of a 1,000,000-line access log against a 5,000-route inventory, as the CLI runs
 * it: stream the file → count per route → preview (diff with the inventory) → commit the traffic
 * of every route and its history rows in one transaction.
 */
export const accessLogImport: Benchmark = {
  name: "import: access log end to end (1,000,000 lines, 5,000 routes, parse + preview + commit)",
  async run() {
    const fixture = await ensureAccessLogFixture(LINES, ROUTES);
    const figures: Figures = {};
    for (const target of ["pglite", "postgres"] as const) {
      if (target === "postgres" && process.env.BENCH_SKIP_POSTGRES) continue;
      const opened = await openBenchDb(target).catch(() => null);
      if (!opened) continue;
      const { db, label, close } = opened;
      try {
        const { org, project } = await seedRouteInventory(db, fixture.routes);
        const ctx: OrgContext = { organizationId: org.id, organizationSlug: org.slug, role: "ADMIN", userId: null, tokenProjectId: null };
        for (const [name, file] of [
          ["plain", fixture.file],
          ["gzip", fixture.gzFile],
        ] as const) {
          let preview!: Awaited<ReturnType<typeof previewUpload>>;
          const parse = await measure(async () => {
            preview = await previewUpload(db, ctx, project.id, { format: "access-log", fileName: name, source: { stream: fs.createReadStream(file) } });
          });
          const commit = await measure(() => commitImport(db, ctx, project.id, preview.id));
          const changed = preview.summary.changed;
          figures[`[${label}] ${name}: stream + count + preview (ms)`] = round(parse.ms);
          figures[`[${label}] ${name}: commit ${changed.toLocaleString("en")} route updates + history (ms)`] = round(commit.ms);
          figures[`[${label}] ${name}: total (ms)`] = round(parse.ms + commit.ms);
          figures[`[${label}] ${name}: peak RSS growth / peak RSS`] = `${mb(Math.max(parse.growth, commit.growth))} / ${mb(Math.max(parse.peak, commit.peak))}`;
          figures[`[${label}] ${name}: requests matched`] =
            `${preview.summary.traffic?.matched.toLocaleString("en")} of ${preview.summary.traffic?.requests.toLocaleString("en")}`;
          // The second (gzip) run imports the same counts: it must find nothing to change.
          await db.item.updateMany({ where: { projectId: project.id }, data: { trafficPerDay: 0 } });
        }
      } finally {
        await close();
      }
    }
    return figures;
  },
};

const TIME = "/usr/bin/time";

/**
 * The same import as a user runs it — `npx waypoint import … --format access-log <file>` in its own
 * process — so the peak memory is the whole process's, read by the kernel (GNU time's maximum
 * resident set size), not a sample: Node, the Prisma client, the database driver and the import.
 */
export const accessLogImportCli: Benchmark = {
  name: "import: access log through the CLI, whole-process peak memory (1,000,000 lines, 5,000 routes)",
  async run() {
    if (!fs.existsSync(TIME)) return { skipped: `${TIME} (GNU time) is not installed: apt-get install time` };
    const fixture = await ensureAccessLogFixture(LINES, ROUTES);
    // What a user runs: the bundle `npm install` builds (through tsx the process is ~35 MB bigger).
    await buildCliBundle(process.cwd());
    const figures: Figures = {};
    for (const target of await benchTargets()) {
      const dataDir = target === "pglite" ? fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-bench-cli-")) : undefined;
      const opened = await openBenchDb(target, { dataDir });
      try {
        const { org } = await seedRouteInventory(opened.db, fixture.routes);
        await opened.release();
        for (const [name, file] of [
          ["plain", fixture.file],
          ["gzip", fixture.gzFile],
        ] as const) {
          const start = performance.now();
          const run = spawnSync(
            TIME,
            ["-f", "maxrss_kb=%M", process.execPath, "bin/waypoint.mjs", "import", "--project", "bench", "--org", org.slug, "--format", "access-log", file],
            {
              env: { ...process.env, ...opened.childEnv },
              encoding: "utf8",
            },
          );
          const ms = performance.now() - start;
          if (run.status !== 0) throw new Error(`waypoint import failed (${run.status}): ${run.stderr}`);
          const kb = Number(/maxrss_kb=(\d+)/.exec(run.stderr)?.[1]);
          figures[`[${opened.label}] ${name}: wall time of the command, start to exit (ms)`] = round(ms);
          figures[`[${opened.label}] ${name}: peak RSS of the process`] = mb(kb * 1024);
        }
      } finally {
        await opened.close();
      }
    }
    return figures;
  },
};
