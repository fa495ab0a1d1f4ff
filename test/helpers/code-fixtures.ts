import path from "node:path";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { GitClone, type RepositorySource } from "@/lib/repositories/git";
import { DEFAULT_SETTINGS } from "@/lib/repositories/git-process";
import { checkRemote, type RemotePolicy } from "@/lib/repositories/remote-policy";
import { listRoutes, scanRepository, type ScanFolder, type ScanResult, type ScanState } from "@/lib/repositories/scan";
import { prepareReconcile, reconcileScan, type ReconcileSummary } from "@/lib/repositories/reconcile";
import * as clock from "@/lib/time/clock";
import { TestRepo } from "./git-repo";

/**
 * A linked repository for the reconcile's tests, standing in for the scan runner (repo-scans):
 * a real git repository in a temporary folder, cloned, scanned with `scanRepository`, its
 * CodeRoute rows rewritten and its Repository row updated, then `prepareReconcile` before and
 * `reconcileScan` inside one transaction — the order run-scan.ts follows.
 */
export class LinkedRepo {
  private constructor(
    readonly db: Db,
    readonly scope: { organizationId: string; projectId: string },
    readonly id: string,
    readonly role: "LEGACY" | "NEW",
    readonly repo: TestRepo,
    private readonly clone: GitClone,
    private readonly source: RepositorySource,
    private readonly folders: ScanFolder[],
  ) {}

  static async link(
    db: Db,
    scope: { organizationId: string; projectId: string },
    role: "LEGACY" | "NEW",
    files: Record<string, string>,
    options: { root: string; folders?: ScanFolder[]; url?: string },
  ): Promise<LinkedRepo> {
    const policy: RemotePolicy = { repositoryRoot: path.join(options.root, "remotes"), allowPrivate: false };
    const repo = TestRepo.create(policy.repositoryRoot!, `${role.toLowerCase()}-${scope.projectId}`);
    repo.write(files);
    repo.commit(`the ${role.toLowerCase()} app`);
    const source: RepositorySource = { remote: await checkRemote(repo.url, policy), branch: "main" };
    const { clone } = await GitClone.sync(path.join(options.root, "clones", `${role}-${scope.projectId}`), source, { ...DEFAULT_SETTINGS, timeoutMs: 30_000 });
    const row = await db.repository.create({
      data: { ...scope, role, url: options.url ?? repo.url, branch: "main", folders: (options.folders ?? []) as Prisma.InputJsonValue },
    });
    return new LinkedRepo(db, scope, row.id, role, repo, clone, source, options.folders ?? [{ path: "" }]);
  }

  /** Writes (or deletes, with null) files and commits them. */
  commit(files: Record<string, string | null>, message = "a change"): string {
    this.repo.write(files);
    return this.repo.commit(message);
  }

  /** Fetches, scans from the stored state, stores routes and state, and reconciles in one transaction. */
  async scan(): Promise<{ result: ScanResult; summary: ReconcileSummary }> {
    const head = await this.clone.fetch(this.source);
    const row = await this.db.repository.findUniqueOrThrow({ where: { id: this.id } });
    const previous = (row.scanState as ScanState | null) ?? null;
    const result = await scanRepository({ reader: this.clone, commit: head, previous, target: { folders: this.folders, patterns: [] } });
    const repository = { id: this.id, role: this.role };
    const code = await prepareReconcile({ reader: this.clone, commit: head, state: result.state, repository });
    const at = clock.now();
    const summary = await this.db.$transaction(async (tx) => {
      await writeCodeRoutes(tx, this.scope, this.id, result.state, head, at);
      await tx.repository.update({
        where: { id: this.id },
        data: { scanState: result.state as unknown as Prisma.InputJsonValue, lastCommit: head, lastScannedAt: at, status: "ok" },
      });
      return reconcileScan(tx, { scope: this.scope, repository, commit: head, at, changes: result.changes, firstScan: previous === null, code });
    });
    return { result, summary };
  }
}

/** Rewrites a repository's CodeRoute rows to the scan's routes, keeping when and where each was first seen. */
export async function writeCodeRoutes(
  tx: Prisma.TransactionClient,
  scope: { organizationId: string; projectId: string },
  repositoryId: string,
  state: ScanState,
  commit: string,
  at: Date,
) {
  const before = new Map(
    (await tx.codeRoute.findMany({ where: { repositoryId, organizationId: scope.organizationId } })).map((r) => [`${r.method} ${r.path}`, r]),
  );
  await tx.codeRoute.deleteMany({ where: { repositoryId, organizationId: scope.organizationId } });
  const routes = listRoutes(state);
  if (routes.length === 0) return;
  await tx.codeRoute.createMany({
    data: routes.map((r) => {
      const was = before.get(`${r.method} ${r.path}`);
      return {
        ...scope,
        repositoryId,
        method: r.method,
        path: r.path,
        file: r.file,
        line: r.line,
        handler: r.handler ?? null,
        framework: r.framework,
        firstSeenAt: was?.firstSeenAt ?? at,
        firstCommit: was?.firstCommit ?? commit,
      };
    }),
  });
}
