/**
 * The project's patterns as the scan needs them, and the counts each scan leaves (issue 22).
 *
 * CONTRACT (run-scan.ts calls these two):
 *   - `compiledPatternsFor`: the project's live patterns compiled (lib/repositories/patterns.ts),
 *     each with its slug as the id the scan state keys counts by.
 *   - `recordPatternCounts`: inside the scan's transaction, one PatternCount per live pattern for
 *     this repository and commit (the burn-down's points), and the pattern's reached/drift marks.
 *
 * What a scan's counts mean, all in the scan's transaction:
 *   - A point per live pattern and repository, unless the repository's latest point already says
 *     the same (same commit, same total, same modules): scanning a commit twice adds nothing.
 *   - The pattern's total is the sum of each linked repository's latest point. Reaching the target
 *     sets `reachedAt`; going above it again after that is drift: the stewards are told once, when
 *     it starts (notifyEvent "pattern.drift"), not at every scan while it lasts.
 *   - A module item whose occurrences (every live pattern, both repositories) fell to zero in this
 *     scan is proposed Ported (CodeProposal STATUS / PORTED, open key `STATUS:<itemId>`) for a
 *     person to accept; if occurrences come back while that proposal is open, it is withdrawn.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { ROLES, can } from "@/lib/auth/permissions";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { projectPath } from "@/lib/projects/paths";
import { compilePatterns, patternTotals, type CompiledPattern } from "./patterns";
import { countsByModule } from "./module-counts";
import { latestPoints } from "./pattern-totals";
import type { ScanState } from "./scan";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string; projectId: string };

/** Statuses a module may be proposed Ported from. */
const BEFORE_PORTED = ["NOT_STARTED", "IN_PROGRESS"] as const;

function livePatterns(db: Db | Tx, scope: Scope) {
  return db.codePattern.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, archivedAt: null },
    select: { id: true, slug: true, name: true, definition: true, target: true, reachedAt: true },
    orderBy: [{ slug: "asc" }],
  });
}

export async function compiledPatternsFor(db: Db | Tx, scope: Scope): Promise<CompiledPattern[]> {
  const patterns = await livePatterns(db, scope);
  return compilePatterns(patterns.map((p) => ({ ...(p.definition as object), id: p.slug })));
}

export async function recordPatternCounts(
  tx: Tx,
  input: { scope: Scope; repositoryId: string; commit: string; at: Date; state: ScanState },
): Promise<{ patterns: number }> {
  const { scope, repositoryId, commit, at, state } = input;
  const patterns = await livePatterns(tx, scope);
  if (patterns.length === 0) return { patterns: 0 };

  const modules = await tx.item.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, kind: "MODULE", deletedAt: null },
    select: { id: true, key: true, status: true },
  });
  const totals = patternTotals(state.patternCountsByFile);
  const byModule = countsByModule(state.patternCountsByFile, modules);
  const others = await tx.repository.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, id: { not: repositoryId } },
    select: { id: true, scanState: true },
  });
  const otherModules = others.map((r) => countsByModule((r.scanState as ScanState | null)?.patternCountsByFile ?? {}, modules));

  const latest = await latestPoints(
    tx,
    scope,
    patterns.map((p) => p.id),
  );
  const moduleBefore = new Map<string, number>();
  const moduleNow = new Map<string, number>();
  const add = (m: Map<string, number>, id: string, n: number) => n && m.set(id, (m.get(id) ?? 0) + n);
  const stewards = await stewardIds(tx, scope.organizationId);
  const project = await tx.project.findFirstOrThrow({
    where: { id: scope.projectId, organizationId: scope.organizationId },
    select: { slug: true, organization: { select: { slug: true } } },
  });

  for (const pattern of patterns) {
    const points = latest.filter((p) => p.patternId === pattern.id);
    const mine = points.find((p) => p.repositoryId === repositoryId);
    const total = totals[pattern.slug] ?? 0;
    const counts: Record<string, number> = {};
    for (const [itemId, row] of Object.entries(byModule)) if (row[pattern.slug]) counts[itemId] = row[pattern.slug];

    for (const [itemId, n] of Object.entries(mine?.modules ?? {})) add(moduleBefore, itemId, n);
    for (const [itemId, n] of Object.entries(counts)) add(moduleNow, itemId, n);
    for (const other of otherModules)
      for (const [itemId, row] of Object.entries(other)) {
        add(moduleBefore, itemId, row[pattern.slug] ?? 0);
        add(moduleNow, itemId, row[pattern.slug] ?? 0);
      }

    const same = mine && mine.commit === commit && mine.total === total && sameCounts(mine.modules, counts);
    if (!same) {
      await tx.patternCount.create({
        data: { organizationId: scope.organizationId, projectId: scope.projectId, patternId: pattern.id, repositoryId, commit, total, modules: counts, at },
      });
    }
    const before = points.length ? points.reduce((sum, p) => sum + p.total, 0) : undefined;
    const now = (before ?? 0) - (mine?.total ?? 0) + total;
    if (now <= pattern.target) {
      if (!pattern.reachedAt) await tx.codePattern.update({ where: { id: pattern.id }, data: { reachedAt: at } });
    } else if (pattern.reachedAt && before !== undefined && before <= pattern.target) {
      await notifyEvent(tx, {
        organizationId: scope.organizationId,
        projectId: scope.projectId,
        event: "pattern.drift",
        subjectId: pattern.id,
        state: `${repositoryId}:${commit}`,
        recipients: stewards,
        title: `"${pattern.name}" is back in the code: ${now} left, target ${pattern.target}`,
        body: `The pattern ${pattern.slug} had reached its target; commit ${commit.slice(0, 12)} brought it back above (${before} → ${now}).`,
        link: `${projectPath(project.organization.slug, project.slug)}/progress#patterns`,
      });
    }
  }

  await proposeModules(tx, scope, commit, modules, moduleBefore, moduleNow);
  return { patterns: patterns.length };
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

async function stewardIds(tx: Tx, organizationId: string): Promise<string[]> {
  const roles = ROLES.filter((r) => can(r, "patterns:manage"));
  const members = await tx.membership.findMany({ where: { organizationId, role: { in: roles } }, select: { userId: true }, orderBy: { userId: "asc" } });
  return members.map((m) => m.userId);
}

/** Modules whose last occurrence went in this scan are proposed Ported; an open proposal whose module has occurrences again is withdrawn. */
async function proposeModules(
  tx: Tx,
  scope: Scope,
  commit: string,
  modules: Array<{ id: string; status: string }>,
  before: Map<string, number>,
  now: Map<string, number>,
) {
  const cleared = modules.filter((m) => (before.get(m.id) ?? 0) > 0 && !now.get(m.id) && (BEFORE_PORTED as readonly string[]).includes(m.status));
  if (cleared.length) {
    await tx.codeProposal.createMany({
      data: cleared.map((m) => ({
        organizationId: scope.organizationId,
        projectId: scope.projectId,
        kind: "STATUS",
        itemId: m.id,
        value: "PORTED",
        commit,
        openKey: `STATUS:${m.id}`,
      })),
      skipDuplicates: true,
    });
  }
  const returned = modules.filter((m) => (now.get(m.id) ?? 0) > 0).map((m) => m.id);
  if (returned.length) {
    await tx.codeProposal.updateMany({
      where: { organizationId: scope.organizationId, projectId: scope.projectId, kind: "STATUS", value: "PORTED", state: "open", itemId: { in: returned } },
      data: { state: "withdrawn", openKey: null },
    });
  }
}
