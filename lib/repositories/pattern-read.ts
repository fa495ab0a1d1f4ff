/**
 * What people read about the patterns (issue 22): the list with each one's count and state, a
 * pattern's burn-down (its total over time, both repositories summed), the remaining occurrences
 * with links to their lines, and a module's remaining count.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { idSchema } from "@/lib/validation/common";
import { fileUrl } from "./file-links";
import { countsByModule } from "./module-counts";
import { flatDefinition, patternInProject } from "./pattern-manage";
import { currentTotals, patternState, type PatternState } from "./pattern-totals";
import { occurrencesOf } from "./patterns";
import type { ScanState } from "./scan";

export type PatternSummary = {
  id: string;
  slug: string;
  name: string;
  definition: ReturnType<typeof flatDefinition>;
  target: number;
  reachedAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  /** The sum of each repository's latest count; null before any scan counted it. */
  current: number | null;
  state: PatternState;
};

/** The project's patterns, live first then archived, each with its current count and state. */
export async function listPatterns(db: Db, ctx: OrgContext, projectId: string): Promise<PatternSummary[]> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  const rows = await db.codePattern.findMany({
    where: { organizationId: ctx.organizationId, projectId: project.id },
    select: { id: true, slug: true, name: true, definition: true, target: true, reachedAt: true, archivedAt: true, createdAt: true },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { slug: "asc" }],
  });
  const totals = await currentTotals(
    db,
    { organizationId: ctx.organizationId, projectId: project.id },
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, definition: flatDefinition(r.definition), current: totals.get(r.id) ?? null, state: patternState(r, totals.get(r.id)) }));
}

export type BurnDownPoint = { at: Date; total: number; commit: string; repository: "LEGACY" | "NEW" | null };

/**
 * A pattern's burn-down: after each point, the sum of every linked repository's latest point
 * then. Points of repositories no longer linked are left out.
 */
export async function patternBurnDown(db: Db, ctx: OrgContext, projectId: string, patternId: string) {
  assertCan(ctx.role, "project:view");
  const { project, pattern } = await patternInProject(db, ctx, projectId, patternId);
  return {
    pattern: { id: pattern.id, slug: pattern.slug, name: pattern.name, target: pattern.target },
    points: await burnDownPoints(db, ctx.organizationId, project.id, pattern.id),
  };
}

async function burnDownPoints(db: Db, organizationId: string, projectId: string, patternId: string): Promise<BurnDownPoint[]> {
  const repositories = await db.repository.findMany({ where: { organizationId, projectId }, select: { id: true, role: true } });
  const roles = new Map(repositories.map((r) => [r.id, r.role]));
  const rows = await db.patternCount.findMany({
    where: { organizationId, projectId, patternId, repositoryId: { in: [...roles.keys()] } },
    select: { repositoryId: true, commit: true, total: true, at: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: 5000,
  });
  const latest = new Map<string, number>();
  return rows.map((r) => {
    latest.set(r.repositoryId, r.total);
    return { at: r.at, total: [...latest.values()].reduce((a, b) => a + b, 0), commit: r.commit, repository: roles.get(r.repositoryId) ?? null };
  });
}

export const occurrencesQuerySchema = z.strictObject({
  offset: z.coerce.number({ error: "A whole number." }).int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number({ error: "A whole number." }).int().min(1).max(200).default(50),
});

export type Occurrence = { repository: "LEGACY" | "NEW"; file: string; line: number; commit: string; url: string | null };

/** A page of a pattern's remaining occurrences, per the repositories' last scans: legacy first, then by file and line. */
export async function patternOccurrences(db: Db, ctx: OrgContext, projectId: string, patternId: string, raw: unknown = {}) {
  assertCan(ctx.role, "project:view");
  const { offset, limit } = parseInput(occurrencesQuerySchema, raw);
  const { project, pattern } = await patternInProject(db, ctx, projectId, patternId);
  const repositories = await db.repository.findMany({
    where: { organizationId: ctx.organizationId, projectId: project.id },
    select: { role: true, url: true, scanState: true },
    orderBy: { role: "asc" },
  });
  const all: Occurrence[] = [];
  for (const r of repositories) {
    const state = r.scanState as ScanState | null;
    if (!state) continue;
    for (const o of occurrencesOf(state.patternCountsByFile, pattern.slug))
      all.push({ repository: r.role, file: o.file, line: o.line, commit: state.commit, url: fileUrl(r.url, state.commit, o.file, o.line) });
  }
  return {
    pattern: { id: pattern.id, slug: pattern.slug, name: pattern.name },
    total: all.length,
    offset,
    limit,
    occurrences: all.slice(offset, offset + limit),
  };
}

/** A module item's remaining occurrences per live pattern, from both repositories' last scans (empty without patterns). */
export async function modulePatternCounts(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  assertCan(ctx.role, "project:view");
  const id = parseInput(z.object({ itemId: idSchema }).strict(), { itemId }).itemId;
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: ctx.organizationId, projectId: project.id };
  const item = await db.item.findFirst({ where: { ...scope, id, deletedAt: null }, select: { id: true, kind: true } });
  if (!item) throw notFound("No such item.");
  if (item.kind !== "MODULE") return [];
  const patterns = await db.codePattern.findMany({
    where: { ...scope, archivedAt: null },
    select: { id: true, slug: true, name: true, target: true },
    orderBy: { slug: "asc" },
  });
  if (patterns.length === 0) return [];
  const modules = await db.item.findMany({ where: { ...scope, kind: "MODULE", deletedAt: null }, select: { id: true, key: true } });
  const repositories = await db.repository.findMany({ where: scope, select: { scanState: true } });
  const counted = repositories.some((r) => r.scanState !== null);
  const remaining = new Map<string, number>();
  for (const r of repositories) {
    const row = countsByModule((r.scanState as ScanState | null)?.patternCountsByFile ?? {}, modules)[item.id] ?? {};
    for (const [slug, n] of Object.entries(row)) remaining.set(slug, (remaining.get(slug) ?? 0) + n);
  }
  return patterns.map((p) => ({ id: p.id, slug: p.slug, name: p.name, remaining: counted ? (remaining.get(p.slug) ?? 0) : null }));
}

/** Progress's "Patterns" section: each live pattern with its burn-down. */
export async function progressPatterns(db: Db, ctx: OrgContext, projectId: string) {
  const patterns = (await listPatterns(db, ctx, projectId)).filter((p) => !p.archivedAt);
  return Promise.all(patterns.map(async (p) => ({ ...p, points: await burnDownPoints(db, ctx.organizationId, projectId, p.id) })));
}
