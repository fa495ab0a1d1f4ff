/**
 * The read side of issue 22: what the code says about one item (both repositories' file, line and
 * commit, how it matched, suggestions read from the code, drift) and, for Progress, how the
 * declared statuses compare with what the new code holds. Every query is scoped by the
 * organisation and project inside its `where`; another tenant's item is not found.
 */
import type { Db } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import { projectInScope } from "@/lib/projects/project-in-scope";
import type { OrgContext } from "@/lib/tenancy";
import { DRIFT_KINDS, isDriftKind, type DriftKind } from "./drift";
import { fileUrl } from "./file-links";

/** Statuses that say "the new code has it": what the new code is compared with. */
export const DECLARED_PORTED: PortStatus[] = ["PORTED", "VERIFIED"];

export type LinkedRepository = {
  id: string;
  role: "LEGACY" | "NEW";
  url: string;
  branch: string;
  lastCommit: string | null;
  lastScannedAt: Date | null;
  status: string;
};

export type CodeLocation = { file: string; line: number | null; commit: string | null; href: string | null };

export type ItemCodeView = {
  repositories: { legacy: LinkedRepository | null; new: LinkedRepository | null };
  /** null: no scan has said anything about this item yet. */
  code: {
    legacy: CodeLocation | null;
    new: (CodeLocation & { method: string | null; path: string | null; since: Date | null; via: string | null }) | null;
    suggestions: {
      ownerTeam: { id: string; name: string } | null;
      codeOwners: string[];
      complexity: number | null;
      testCoverage: number | null;
    };
    drift: { kind: DriftKind; since: Date | null } | null;
    updatedAt: Date;
  } | null;
};

async function linkedRepositories(db: Db, scope: { organizationId: string; projectId: string }) {
  const rows = await db.repository.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId },
    select: { id: true, role: true, url: true, branch: true, lastCommit: true, lastScannedAt: true, status: true },
  });
  return {
    legacy: rows.find((r) => r.role === "LEGACY") ?? null,
    new: rows.find((r) => r.role === "NEW") ?? null,
  };
}

function location(repo: LinkedRepository | null, file: string | null, line: number | null, commit: string | null): CodeLocation | null {
  if (!file) return null;
  const href = repo && commit ? fileUrl(repo.url, commit, file, line) : null;
  return { file, line, commit, href };
}

/** What the code says about one item, for its page. */
export async function getItemCode(db: Db, ctx: OrgContext, projectId: string, itemId: string): Promise<ItemCodeView> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const item = await db.item.findFirst({ where: { ...scope, id: itemId, deletedAt: null }, select: { id: true } });
  if (!item) throw notFound("No such item.");
  const [repositories, row] = await Promise.all([linkedRepositories(db, scope), db.itemCode.findFirst({ where: { ...scope, itemId: item.id } })]);
  if (!row) return { repositories, code: null };
  const team = row.suggestedOwnerTeamId
    ? await db.team.findFirst({ where: { organizationId: scope.organizationId, id: row.suggestedOwnerTeamId }, select: { id: true, name: true } })
    : null;
  const legacy = location(repositories.legacy, row.legacyFile, row.legacyLine, row.legacyCommit);
  const found = location(repositories.new, row.newFile, row.newLine, row.newCommit);
  return {
    repositories,
    code: {
      legacy,
      new: found ? { ...found, method: row.newMethod, path: row.newPath, since: row.newSince, via: row.matchVia } : null,
      suggestions: { ownerTeam: team, codeOwners: row.codeOwners, complexity: row.codeComplexity, testCoverage: row.codeTestCoverage },
      drift: isDriftKind(row.drift) ? { kind: row.drift, since: row.driftSince } : null,
      updatedAt: row.updatedAt,
    },
  };
}

export type Tally = { count: number; trafficPerDay: number };

export type CodeAgreement = {
  /** Which repositories are linked; with none, there is nothing to compare. */
  linked: { legacy: boolean; new: boolean };
  /** Routes in scope: every route but won't port. */
  scope: Tally;
  /** Routes marked ported or verified. */
  declared: Tally;
  /** Routes with a counterpart in the new code. */
  found: Tally;
  /** Both: declared and found. */
  agree: Tally;
  /** Items flagged per kind of drift. */
  drift: Record<DriftKind, number>;
};

type Sums = Record<"scopeN" | "scopeT" | "declaredN" | "declaredT" | "foundN" | "foundT" | "agreeN" | "agreeT", number>;

/**
 * "Declared vs found in code" for Progress: routes in scope (all but won't port), how many people
 * marked ported or verified, how many the new code holds, by count and by traffic, and the drift
 * per kind. One pass over the routes and one grouped count of drift, whatever the number of routes.
 */
export async function getCodeAgreement(db: Db, ctx: OrgContext, projectId: string): Promise<CodeAgreement> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const [repositories, [sums], drift] = await Promise.all([
    linkedRepositories(db, scope),
    // One pass over the project's routes with their ItemCode row (its primary key is the item's id).
    db.$queryRaw<Sums[]>`
      SELECT count(*)::int AS "scopeN", coalesce(sum(i."trafficPerDay"), 0)::float8 AS "scopeT",
        count(*) FILTER (WHERE i.status IN ('PORTED', 'VERIFIED'))::int AS "declaredN",
        coalesce(sum(i."trafficPerDay") FILTER (WHERE i.status IN ('PORTED', 'VERIFIED')), 0)::float8 AS "declaredT",
        count(*) FILTER (WHERE c."newFile" IS NOT NULL)::int AS "foundN",
        coalesce(sum(i."trafficPerDay") FILTER (WHERE c."newFile" IS NOT NULL), 0)::float8 AS "foundT",
        count(*) FILTER (WHERE c."newFile" IS NOT NULL AND i.status IN ('PORTED', 'VERIFIED'))::int AS "agreeN",
        coalesce(sum(i."trafficPerDay") FILTER (WHERE c."newFile" IS NOT NULL AND i.status IN ('PORTED', 'VERIFIED')), 0)::float8 AS "agreeT"
      FROM "Item" i
      LEFT JOIN "ItemCode" c ON c."itemId" = i.id AND c."organizationId" = ${scope.organizationId} AND c."projectId" = ${scope.projectId}
      WHERE i."organizationId" = ${scope.organizationId} AND i."projectId" = ${scope.projectId}
        AND i.kind = 'ROUTE' AND i."deletedAt" IS NULL AND i.status <> 'WONT_PORT'`,
    db.itemCode.groupBy({
      by: ["drift"],
      where: { ...scope, drift: { in: [...DRIFT_KINDS] }, item: { is: { ...scope, deletedAt: null } } },
      _count: { _all: true },
    }),
  ]);
  const t = (count: number, trafficPerDay: number): Tally => ({ count, trafficPerDay });
  return {
    linked: { legacy: repositories.legacy !== null, new: repositories.new !== null },
    scope: t(sums.scopeN, sums.scopeT),
    declared: t(sums.declaredN, sums.declaredT),
    found: t(sums.foundN, sums.foundT),
    agree: t(sums.agreeN, sums.agreeT),
    drift: Object.fromEntries(DRIFT_KINDS.map((k) => [k, drift.find((d) => d.drift === k)?._count._all ?? 0])) as Record<DriftKind, number>,
  };
}

export type CodeCell = { drift: DriftKind | null; inNewCode: boolean };

/** The inventory's code column for the rows of one page: one query, the list's own query unchanged. */
export async function codeCells(db: Db, ctx: OrgContext, projectId: string, itemIds: readonly string[]): Promise<Map<string, CodeCell>> {
  assertCan(ctx.role, "project:view");
  const cells = new Map<string, CodeCell>();
  if (itemIds.length === 0) return cells;
  const project = await projectInScope(db, ctx, projectId);
  const rows = await db.itemCode.findMany({
    where: { organizationId: project.organizationId, projectId: project.id, itemId: { in: [...new Set(itemIds)] } },
    select: { itemId: true, drift: true, newFile: true },
  });
  for (const r of rows) cells.set(r.itemId, { drift: isDriftKind(r.drift) ? r.drift : null, inNewCode: r.newFile !== null });
  return cells;
}

/** Whether the project links any repository (the screens' empty states). */
export async function hasLinkedRepository(db: Db, ctx: OrgContext, projectId: string): Promise<boolean> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  return (await db.repository.count({ where: { organizationId: project.organizationId, projectId: project.id } })) > 0;
}
