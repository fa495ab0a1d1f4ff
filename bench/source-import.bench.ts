import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { parseUpload, type UploadedFile } from "@/lib/import/pipeline/parse-upload";
import { benchTargets, openBenchDb } from "./bench-db";
import { generateRepository } from "./generate-repository";
import { round, timeMany, type Benchmark, type Figures } from "./harness";
import { buildCliBundle } from "../scripts/cli-bundle.mjs";

/** Every file of a folder, as the CLI reads it (paths relative to the folder). */
function readFolder(dir: string): UploadedFile[] {
  const out: UploadedFile[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push({ name: path.relative(dir, full).split(path.sep).join("/"), bytes: fs.readFileSync(full) });
    }
  };
  walk(dir);
  return out;
}

/**
 * A whole repository of ~3,000 files (Django + DRF backend, React frontend, Express server, tests,
 * docs, static files) imported as source code: the parse alone in this process, and the dry run a
 * user types — `npx waypoint import --format source --dry-run <folder>` — from start to exit.
 */
export const sourceImport: Benchmark = {
  name: "import: routes from a 3,000-file repository (source, dry run)",
  async run() {
    const repo = generateRepository({ apps: 200, components: 1500 });
    const figures: Figures = { "files in the repository": repo.files, "size of the repository (MB)": round(repo.bytes / 1024 / 1024) };
    try {
      const uploads = readFolder(repo.dir);
      const plan = await parseUpload("source", uploads, { fileName: "repo" });
      figures["routes found"] = plan.upserts.filter((u) => u.kind === "ROUTE").length;
      figures["frameworks"] = (plan.frameworks ?? []).map((f) => `${f.framework} in ${f.folder} (${f.routes})`).join(", ");
      const parse = await timeMany(5, () => parseUpload("source", uploads, { fileName: "repo" }), 1);
      figures["parse in process: p50 (ms)"] = parse.p50;

      await buildCliBundle(process.cwd());
      for (const target of await benchTargets()) {
        const dataDir = target === "pglite" ? fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-bench-src-")) : undefined;
        const opened = await openBenchDb(target, { dataDir });
        try {
          const org = await opened.db.organization.create({ data: { name: "Bench", slug: `bench-src-${process.pid}` } });
          await opened.db.project.create({ data: { organizationId: org.id, name: "Bench", slug: "bench", fromStack: "Django", toStack: "Django 5" } });
          await opened.release();
          const runs: number[] = [];
          for (let i = 0; i < 3; i++) {
            const start = performance.now();
            const run = spawnSync(
              process.execPath,
              ["bin/waypoint.mjs", "import", "--project", "bench", "--org", org.slug, "--format", "source", "--dry-run", repo.dir],
              {
                env: { ...process.env, ...opened.childEnv },
                encoding: "utf8",
              },
            );
            runs.push(performance.now() - start);
            if (run.status !== 0) throw new Error(`waypoint import failed (${run.status}): ${run.stderr}`);
          }
          runs.sort((a, b) => a - b);
          figures[`[${opened.label}] CLI dry run, start to exit: median of 3 (ms)`] = round(runs[1]);
        } finally {
          await opened.close();
        }
      }
    } finally {
      fs.rmSync(repo.dir, { recursive: true, force: true });
    }
    return figures;
  },
};
