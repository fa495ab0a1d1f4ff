/** A repository's scans and a scan's log, as the API and the pages read them (any member of the project). */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { scanOutput, type StoredScanLog } from "./run-scan";
import { listScansQuerySchema, type ScanOutput } from "./schemas";

async function repositoryInScope(db: Db, ctx: OrgContext, projectId: string, repositoryId: string) {
  const project = await projectInScope(db, ctx, projectId);
  const repository = await db.repository.findFirst({
    where: { id: repositoryId, projectId: project.id, organizationId: ctx.organizationId },
    select: { id: true, role: true, url: true, branch: true },
  });
  if (!repository) throw notFound("No such repository.");
  return { project, repository };
}

export async function listScans(db: Db, ctx: OrgContext, projectId: string, repositoryId: string, raw: unknown = {}): Promise<{ data: ScanOutput[] }> {
  const query = parseInput(listScansQuerySchema, raw);
  const { repository } = await repositoryInScope(db, ctx, projectId, repositoryId);
  const rows = await db.repositoryScan.findMany({
    where: { repositoryId: repository.id, organizationId: ctx.organizationId },
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  return { data: rows.map(scanOutput) };
}

export async function getScan(
  db: Db,
  ctx: OrgContext,
  projectId: string,
  repositoryId: string,
  scanId: string,
): Promise<ScanOutput & { log: StoredScanLog | null }> {
  const { repository } = await repositoryInScope(db, ctx, projectId, repositoryId);
  const row = await db.repositoryScan.findFirst({ where: { id: scanId, repositoryId: repository.id, organizationId: ctx.organizationId } });
  if (!row) throw notFound("No such scan.");
  return { ...scanOutput(row), log: (row.log as StoredScanLog | null) ?? null };
}
