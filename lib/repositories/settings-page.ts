/**
 * What the project's code settings pages load: Settings → Repositories (both slots, legacy and
 * new, each with its last scans) and Settings → Code (the teams CODEOWNERS owners map to).
 */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { listRepositories } from "./manage";
import { listScans } from "./scan-queries";
import { REPOSITORY_ROLES, type RepositoryOutput, type ScanOutput } from "./schemas";

export async function codeSettingsTeams(db: Db, ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  assertCan(ctx.role, "org:view");
  return db.team.findMany({ where: { organizationId: ctx.organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export type RepositorySlot = { role: (typeof REPOSITORY_ROLES)[number]; repository: RepositoryOutput | null; scans: ScanOutput[] };

export async function getRepositorySettings(db: Db, ctx: OrgContext, projectId: string): Promise<RepositorySlot[]> {
  const { data } = await listRepositories(db, ctx, projectId);
  return Promise.all(
    REPOSITORY_ROLES.map(async (role) => {
      const repository = data.find((r) => r.role === role) ?? null;
      const scans = repository ? (await listScans(db, ctx, projectId, repository.id, { limit: 10 })).data : [];
      return { role, repository, scans };
    }),
  );
}
