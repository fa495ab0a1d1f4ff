import path from "node:path";
import type { Db } from "@/lib/db/client";
import { GitClone } from "@/lib/repositories/git";
import { DEFAULT_SETTINGS } from "@/lib/repositories/git-process";
import { checkRemote } from "@/lib/repositories/remote-policy";
import { compiledPatternsFor, recordPatternCounts } from "@/lib/repositories/pattern-store";
import { scanRepository, type ScanResult, type ScanState } from "@/lib/repositories/scan";
import type { TestRepo } from "./git-repo";

/**
 * A project's repository as the scan runner (repo-scans' run-scan.ts) keeps it, for the patterns'
 * tests: a Repository row for a real git repository (a file:// remote under the test's root), and
 * a scan that does what the runner does with patterns — compile the project's patterns, scan
 * incrementally from the stored state, then in one transaction store the state and record the counts.
 */
export async function linkTestRepository(
  db: Db,
  scope: { organizationId: string; projectId: string },
  repo: TestRepo,
  options: { root: string; role?: "LEGACY" | "NEW"; url?: string },
) {
  const policy = { repositoryRoot: options.root, allowPrivate: false };
  const remote = await checkRemote(repo.url, policy);
  const settings = { ...DEFAULT_SETTINGS, timeoutMs: 30_000 };
  const role = options.role ?? "LEGACY";
  const row = await db.repository.create({ data: { ...scope, role, url: options.url ?? repo.url, branch: "main" }, select: { id: true } });
  const cloneDir = path.join(options.root, "..", `clone-${row.id}`);

  /** Fetches and scans the branch's head; `at` is the scan's time (the burn-down's x). */
  async function scan(at: Date): Promise<ScanResult & { recorded: { patterns: number } }> {
    const { clone, head } = await GitClone.sync(cloneDir, { remote, branch: "main" }, settings);
    const stored = await db.repository.findUniqueOrThrow({ where: { id: row.id }, select: { scanState: true } });
    const patterns = await compiledPatternsFor(db, scope);
    const result = await scanRepository({
      reader: clone,
      commit: head,
      previous: (stored.scanState as ScanState | null) ?? null,
      target: { folders: [], patterns },
    });
    const recorded = await db.$transaction(async (tx) => {
      await tx.repository.update({
        where: { id: row.id },
        data: { scanState: result.state as object, lastCommit: head, lastScannedAt: at, status: "ok" },
      });
      return recordPatternCounts(tx, { scope, repositoryId: row.id, commit: head, at, state: result.state });
    });
    return { ...result, recorded };
  }
  return { id: row.id, scan };
}
