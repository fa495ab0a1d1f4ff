/** What Project Settings → Repositories shows: both slots (legacy, new), each with its last scans. */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { listRepositories } from "./manage";
import { listScans } from "./scan-queries";
import { REPOSITORY_ROLES, type RepositoryOutput, type ScanOutput } from "./schemas";

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
