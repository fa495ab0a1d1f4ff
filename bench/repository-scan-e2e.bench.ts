/**
 * Issue 22 end to end: the 3,000-file legacy Flask repository of repository-scan.bench.ts linked to
 * a project and scanned by `runScan` — clone, scan, reconcile, then the one transaction that stores
 * the state, the CodeRoute rows, the counts and the log — on each database. Then five one-file
 * pushes (a route added to a views module), each a commit on the remote and a queued scan run by
 * `runScan` as the job would: fetch, incremental scan, store. Goal: the rescan ≤ 1 s on 2 cores.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { signUp } from "@/lib/accounts/sign-up";
import { orgContextFor } from "@/lib/orgs/membership";
import { createProject } from "@/lib/projects/projects";
import { linkRepository } from "@/lib/repositories/manage";
import { queueScan, runScan, type StoredScanLog } from "@/lib/repositories/run-scan";
import { benchTargets, openBenchDb } from "./bench-db";
import { round, type Benchmark, type Figures } from "./harness";
import { git, writeLegacyApp } from "./repository-scan.bench";

async function runOn(target: "pglite" | "postgres", root: string, remote: string): Promise<Figures> {
  const bench = await openBenchDb(target);
  try {
    const { db } = bench;
    const { user, organization } = await signUp(db, {
      name: "Bench",
      email: `bench-${randomBytes(4).toString("hex")}@example.test`,
      password: "bench-password-1",
      organizationName: "Bench",
    });
    const ctx = await orgContextFor(db, user.id, organization.slug);
    const project = await createProject(db, ctx, { name: "Bench", fromStack: "Python 2", toStack: "Python 3" });
    process.env.WAYPOINT_REPOSITORY_DIR = path.join(root, `clones-${target}`);
    const { repository } = await linkRepository(db, ctx, project.id, { role: "LEGACY", url: `file://${remote}` });
    const ref = { id: repository.id, organizationId: organization.id, projectId: project.id };
    const scanOnce = async () => {
      const { scan } = await db.$transaction((tx) => queueScan(tx, ref, { trigger: "push", full: false, requestedById: null }));
      const started = performance.now();
      const done = await runScan(db, { organizationId: organization.id }, scan.id);
      const ms = performance.now() - started;
      if (done.status !== "done") throw new Error(`The scan failed: ${done.error}`);
      const row = await db.repositoryScan.findUniqueOrThrow({ where: { id: scan.id } });
      return { ms, log: row.log as unknown as StoredScanLog };
    };
    const first = await scanOnce();
    const routes = await db.codeRoute.count({ where: { repositoryId: repository.id } });
    const pushes: Array<{ ms: number; read: number; phases: string }> = [];
    const phases = (log: StoredScanLog) =>
      log.phases ? `fetch ${log.phases.fetchMs}, scan ${log.phases.scanMs}, reconcile read ${log.phases.prepareMs}, store ${log.phases.storeMs} ms` : "";
    for (let i = 0; i < 5; i++) {
      fs.appendFileSync(path.join(remote, `app/mod${i * 11 + 1}/views.py`), `\n\n@bp.route("/added-${target}-${i}")\ndef added_${i}():\n    return {}\n`);
      git(remote, "commit", "--quiet", "--all", "-m", `push ${i}`);
      const r = await scanOnce();
      pushes.push({ ms: r.ms, read: r.log.filesRead, phases: phases(r.log) });
    }
    const same = await scanOnce();
    const sorted = pushes.map((p) => p.ms).sort((a, b) => a - b);
    return {
      [`${target}: first scan end to end (clone + scan + store ${routes} routes)`]: `${round(first.ms)} ms (${first.log.filesRead} files read)`,
      [`${target}: one-file push rescan end to end, p50 / max of 5`]: `${round(sorted[2])} / ${round(sorted[4])} ms (${pushes[0].read} file read)`,
      [`${target}: first scan phases`]: phases(first.log),
      [`${target}: last push phases`]: pushes[4].phases,
      [`${target}: same commit again`]: `${round(same.ms)} ms (${same.log.mode})`,
    };
  } finally {
    await bench.close();
  }
}

export const repositoryScanEndToEnd: Benchmark = {
  name: "repository scan end to end (3,000 files, runScan on each database)",
  async run(): Promise<Figures> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-bench-scan-e2e-")));
    const saved = { ...process.env };
    try {
      const remotes = path.join(root, "remotes");
      const remote = path.join(remotes, "legacy");
      fs.mkdirSync(remote, { recursive: true });
      const files = writeLegacyApp(remote);
      git(remote, "init", "--quiet", "--initial-branch", "main");
      git(remote, "add", "--all");
      git(remote, "commit", "--quiet", "-m", "legacy");
      Object.assign(process.env, { WAYPOINT_SECRET_KEY: randomBytes(32).toString("base64"), WAYPOINT_REPOSITORY_ROOT: remotes });
      const figures: Figures = { "files in the repository": files };
      for (const target of await benchTargets()) Object.assign(figures, await runOn(target, root, remote));
      return figures;
    } finally {
      process.env = saved;
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
};
