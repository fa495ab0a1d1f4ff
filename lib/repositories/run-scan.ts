/**
 * Running one scan of a repository (issue 22): a RepositoryScan row goes queued → running →
 * done | failed. The clone under the data folder is fetched, `scanRepository` reads what changed
 * since the stored ScanState, the reconcile reads what it needs from the clone, then ONE
 * transaction stores everything: the new state and commit on the Repository, its CodeRoute rows
 * (a route that stays keeps when and in which commit it was first seen), the reconcile, the
 * pattern counts and the scan's log. Any failure (unreachable, refused credentials, too large, a
 * time limit) fails the scan with the reason in words and marks the repository "error"; nothing is
 * half-applied. A force-push is not a failure: the scan reads everything again and says so.
 *
 * Two scans of one repository never run at once: a scan is started only while the repository's
 * row is locked and no other of its scans is running (a running one older than the job's expiry
 * is a dead worker's, failed as such); a scan that finds another running asks to be retried.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { enqueue } from "@/lib/jobs/enqueue";
import { QUEUES } from "@/lib/jobs/queues";
import * as clock from "@/lib/time/clock";
import { GitClone } from "./git";
import { gitSettingsFromEnv, type GitCredentials, type GitSettings } from "./git-process";
import { checkRemote, remotePolicyFromEnv, type HostResolver } from "./remote-policy";
import { secretBoxFromEnv } from "./secret-box";
import { listRoutes, scanRepository, type ScanFolder, type ScanLog, type ScanState, type ScannedRoute } from "./scan";
import { prepareReconcile, reconcileScan, type ReconcileSummary } from "./reconcile";
import { compiledPatternsFor, recordPatternCounts } from "./pattern-store";
import { cloneDirFor } from "./clone-dir";
import { credentialContext } from "./manage";
import { requestScanSchema, type ScanOutput } from "./schemas";

type Tx = Prisma.TransactionClient;
export type ScanTrigger = "manual" | "cli" | "schedule" | "push";

/** The scan's stored log: the scan's own, and what the reconcile and the pattern counts did. */
export type StoredScanLog = ScanLog & {
  reconcile: ReconcileSummary;
  patterns: number;
  /** Where the time went, in ms: the fetch, the scan, the reconcile's reading, the one transaction. */
  phases?: { fetchMs: number; scanMs: number; prepareMs: number; storeMs: number };
};

/** Another scan of the repository is running: the job is retried later (not a failure of this scan). */
export class ScanBusyError extends Error {
  constructor(readonly repositoryId: string) {
    super(`Another scan of repository ${repositoryId} is running: this one waits for it.`);
    this.name = "ScanBusyError";
  }
}

const STORE_TIMEOUT_MS = 120_000;

export function scanOutput(s: {
  id: string;
  repositoryId: string;
  trigger: string;
  status: string;
  full: boolean;
  commit: string | null;
  error: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}): ScanOutput {
  return {
    id: s.id,
    repositoryId: s.repositoryId,
    trigger: s.trigger as ScanOutput["trigger"],
    status: s.status as ScanOutput["status"],
    full: s.full,
    commit: s.commit,
    error: s.error,
    queuedAt: s.queuedAt.toISOString(),
    startedAt: s.startedAt?.toISOString() ?? null,
    finishedAt: s.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Creates a queued scan and its job in one transaction. A scan of the repository already waiting
 * (not yet started) is returned instead of a second one: it will read the branch's head when it
 * runs, so it covers this request too (unless this one asks for a full scan and it does not).
 */
export async function queueScan(
  tx: Tx,
  repository: { id: string; organizationId: string; projectId: string },
  input: { trigger: ScanTrigger; full: boolean; requestedById: string | null },
): Promise<{ scan: ScanOutput; created: boolean }> {
  const waiting = await tx.repositoryScan.findFirst({
    where: { repositoryId: repository.id, organizationId: repository.organizationId, status: "queued", ...(input.full ? { full: true } : {}) },
    orderBy: { queuedAt: "asc" },
  });
  if (waiting) return { scan: scanOutput(waiting), created: false };
  const scan = await tx.repositoryScan.create({
    data: {
      organizationId: repository.organizationId,
      projectId: repository.projectId,
      repositoryId: repository.id,
      trigger: input.trigger,
      full: input.full,
      requestedById: input.requestedById,
      queuedAt: clock.now(),
    },
  });
  await enqueue(tx, "repositoryScan", { organizationId: repository.organizationId, scanId: scan.id }, { singletonKey: scan.id });
  return { scan: scanOutput(scan), created: true };
}

/** "Scan now": `POST …/repositories/{repoId}/scan` and the button. */
export async function requestScan(db: Db, ctx: OrgContext, projectId: string, repositoryId: string, raw: unknown): Promise<ScanOutput> {
  assertCan(ctx.role, "repositories:scan");
  const input = parseInput(requestScanSchema, raw ?? {});
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const repository = await tx.repository.findFirst({
      where: { id: repositoryId, projectId: project.id, organizationId: ctx.organizationId },
      select: { id: true, organizationId: true, projectId: true },
    });
    if (!repository) throw notFound("No such repository.");
    return (await queueScan(tx, repository, { trigger: "manual", full: input.full, requestedById: ctx.userId })).scan;
  });
}

/** The nightly schedule: a full scan of every repository of every organisation (one job each). */
export async function queueScheduledScans(db: Db): Promise<{ queued: number }> {
  const repositories = await db.repository.findMany({ select: { id: true, organizationId: true, projectId: true }, orderBy: { id: "asc" } });
  let queued = 0;
  for (const repository of repositories) {
    const { created } = await db.$transaction((tx) => queueScan(tx, repository, { trigger: "schedule", full: true, requestedById: null }));
    if (created) queued++;
  }
  return { queued };
}

// ---------------------------------------------------------------------------------------------

export type RunOptions = {
  /** Test seam: the resolver the remote check uses. */
  resolve?: HostResolver;
  settings?: GitSettings;
  env?: Record<string, string | undefined>;
};

/**
 * Runs a queued scan (the job's handler, and the CLI). Idempotent: a scan that is no longer
 * queued (a retried job whose scan finished) is left as it is. Throws ScanBusyError while another
 * scan of the repository runs; every other failure is recorded on the scan and the repository.
 */
export async function runScan(db: Db, scope: { organizationId: string }, scanId: string, options: RunOptions = {}): Promise<ScanOutput> {
  const env = options.env ?? process.env;
  const started = await claimScan(db, scope, scanId);
  if (started.kind === "not-queued") return started.scan;
  const { scan, repository } = started;
  const mark = performance.now();
  const since = (t: number) => Math.round(performance.now() - t);
  try {
    const settings = options.settings ?? gitSettingsFromEnv(env);
    const remote = await checkRemote(repository.url, remotePolicyFromEnv(env), options.resolve);
    const credentials = openCredentials(repository, env);
    const { clone, head } = await GitClone.sync(
      cloneDirFor(repository, env),
      { remote, branch: repository.branch, ...(credentials ? { credentials } : {}) },
      settings,
    );
    const fetchMs = since(mark);
    const scanStart = performance.now();
    const orgScope = { organizationId: repository.organizationId, projectId: repository.projectId };
    const patterns = await compiledPatternsFor(db, orgScope);
    const previous = (repository.scanState as ScanState | null) ?? null;
    const result = await scanRepository({
      reader: clone,
      commit: head,
      previous,
      target: { folders: (repository.folders as ScanFolder[]) ?? [], patterns },
      full: scan.full,
    });
    const scanMs = since(scanStart);
    const prepareStart = performance.now();
    const ref = { id: repository.id, role: repository.role };
    const previousCommit = result.log.mode === "full" ? null : result.log.previousCommit;
    const unread = previousCommit
      ? await db.itemCode.findMany({
          where: { organizationId: repository.organizationId, projectId: repository.projectId, legacyFile: { not: null }, codeComplexity: null },
          select: { legacyFile: true },
          distinct: ["legacyFile"],
          take: 2000,
        })
      : [];
    const alsoRead = unread.flatMap((c) => (c.legacyFile ? [c.legacyFile] : []));
    const code = await prepareReconcile({ reader: clone, commit: head, state: result.state, repository: ref, since: previousCommit, alsoRead });
    const prepareMs = since(prepareStart);
    const storeStart = performance.now();
    const at = clock.now();
    const done = await db.$transaction(
      async (tx) => {
        await tx.repository.update({
          where: { id: repository.id },
          data: {
            scanState: result.state as unknown as Prisma.InputJsonValue,
            lastCommit: head,
            lastScannedAt: at,
            status: "ok",
            statusMessage: result.log.warnings.length
              ? `${result.log.warnings.length} warning${result.log.warnings.length === 1 ? "" : "s"} in the last scan`
              : null,
          },
        });
        await rewriteCodeRoutes(tx, repository, listRoutes(result.state), head, at);
        const reconcile = await reconcileScan(tx, {
          scope: orgScope,
          repository: ref,
          commit: head,
          at,
          changes: result.changes,
          firstScan: previous === null,
          code,
        });
        const { patterns: patternCount } = await recordPatternCounts(tx, {
          scope: orgScope,
          repositoryId: repository.id,
          commit: head,
          at,
          state: result.state,
        });
        const log: StoredScanLog = { ...result.log, reconcile, patterns: patternCount, phases: { fetchMs, scanMs, prepareMs, storeMs: since(storeStart) } };
        return tx.repositoryScan.update({
          where: { id: scan.id },
          data: { status: "done", commit: head, log: log as unknown as Prisma.InputJsonValue, finishedAt: clock.now(), error: null },
        });
      },
      { timeout: STORE_TIMEOUT_MS, maxWait: 30_000 },
    );
    return scanOutput(done);
  } catch (error) {
    const message = failureMessage(error);
    const failed = await db.$transaction(async (tx) => {
      await tx.repository.updateMany({
        where: { id: repository.id, organizationId: repository.organizationId },
        data: { status: "error", statusMessage: message },
      });
      return tx.repositoryScan.update({ where: { id: scan.id }, data: { status: "failed", error: message, finishedAt: clock.now() } });
    });
    if (!(error instanceof AppError)) console.error(`[repositories] scan ${scan.id} failed:`, error);
    return scanOutput(failed);
  }
}

/** What a failed scan says: the RepositoryError's words (never a credential), or a generic line. */
function failureMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return "The scan failed for an unexpected reason (the server's log has the details).";
}

type Claimed = Awaited<ReturnType<typeof loadForScan>>;

async function loadForScan(tx: Tx, repositoryId: string, organizationId: string) {
  return tx.repository.findFirstOrThrow({
    where: { id: repositoryId, organizationId },
    select: {
      id: true,
      organizationId: true,
      projectId: true,
      role: true,
      url: true,
      branch: true,
      folders: true,
      credentialKind: true,
      credentialSealed: true,
      scanState: true,
    },
  });
}

async function claimScan(
  db: Db,
  scope: { organizationId: string },
  scanId: string,
): Promise<{ kind: "not-queued"; scan: ScanOutput } | { kind: "started"; scan: ScanOutput; repository: Claimed }> {
  return db.$transaction(async (tx) => {
    const scan = await tx.repositoryScan.findFirst({ where: { id: scanId, organizationId: scope.organizationId } });
    if (!scan) throw notFound("No such scan.");
    // The repository's row is the lock: claims of its scans happen one at a time.
    await tx.$queryRaw`SELECT id FROM "Repository" WHERE id = ${scan.repositoryId} FOR UPDATE`;
    const now = clock.now();
    const current = await tx.repositoryScan.findUniqueOrThrow({ where: { id: scan.id } });
    if (current.status !== "queued") return { kind: "not-queued" as const, scan: scanOutput(current) };
    const stale = new Date(now.getTime() - QUEUES.repositoryScan.options.expireInSeconds * 1000);
    await tx.repositoryScan.updateMany({
      where: { repositoryId: scan.repositoryId, status: "running", startedAt: { lt: stale } },
      data: { status: "failed", error: "The worker running this scan stopped before it finished.", finishedAt: now },
    });
    const running = await tx.repositoryScan.count({ where: { repositoryId: scan.repositoryId, status: "running" } });
    if (running > 0) throw new ScanBusyError(scan.repositoryId);
    const updated = await tx.repositoryScan.update({ where: { id: scan.id }, data: { status: "running", startedAt: now } });
    return { kind: "started" as const, scan: scanOutput(updated), repository: await loadForScan(tx, scan.repositoryId, scope.organizationId) };
  });
}

function openCredentials(repository: Claimed, env: Record<string, string | undefined>): GitCredentials | undefined {
  if (!repository.credentialSealed || repository.credentialKind === "none") return undefined;
  const plain = JSON.parse(secretBoxFromEnv(env).open(repository.credentialSealed, credentialContext(repository.id))) as {
    token?: string;
    username?: string;
    privateKey?: string;
  };
  if (repository.credentialKind === "token" && plain.token)
    return { kind: "https-token", token: plain.token, ...(plain.username ? { username: plain.username } : {}) };
  if (repository.credentialKind === "ssh-key" && plain.privateKey) return { kind: "ssh-key", privateKey: plain.privateKey };
  return undefined;
}

/**
 * The repository's CodeRoute rows made equal to the scan's routes (by method + path): new ones
 * created with this commit as their first, gone ones deleted, moved ones updated; a route that
 * stays keeps its firstSeenAt and firstCommit. The same routes again write nothing.
 */
async function rewriteCodeRoutes(
  tx: Tx,
  repository: { id: string; organizationId: string; projectId: string },
  routes: ScannedRoute[],
  commit: string,
  at: Date,
) {
  const existing = await tx.codeRoute.findMany({
    where: { repositoryId: repository.id, organizationId: repository.organizationId },
    select: { id: true, method: true, path: true, file: true, line: true, handler: true, framework: true },
  });
  const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
  const wanted = new Map(routes.map((r) => [key(r), r]));
  const gone = existing.filter((r) => !wanted.has(key(r))).map((r) => r.id);
  if (gone.length) await tx.codeRoute.deleteMany({ where: { id: { in: gone }, organizationId: repository.organizationId } });
  const have = new Map(existing.map((r) => [key(r), r]));
  for (const [k, r] of wanted) {
    const old = have.get(k);
    if (!old) continue;
    const handler = r.handler ?? null;
    if (old.file !== r.file || old.line !== r.line || old.handler !== handler || old.framework !== r.framework) {
      await tx.codeRoute.update({ where: { id: old.id }, data: { file: r.file, line: r.line, handler, framework: r.framework } });
    }
  }
  const fresh = routes.filter((r) => !have.has(key(r)));
  if (fresh.length) {
    await tx.codeRoute.createMany({
      data: fresh.map((r) => ({
        organizationId: repository.organizationId,
        projectId: repository.projectId,
        repositoryId: repository.id,
        method: r.method,
        path: r.path,
        file: r.file,
        line: r.line,
        handler: r.handler ?? null,
        framework: r.framework,
        firstSeenAt: at,
        firstCommit: commit,
      })),
    });
  }
}
