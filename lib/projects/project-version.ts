import type { Db } from "@/lib/db/client";

/**
 * A project's version: bumped by a trigger in the transaction of every history write, and every
 * change to a project's items, relations or claims writes history, so an unchanged version means
 * an unchanged inventory. Caches of derived data are keyed by it; read it before the data, so that
 * a change committed in between only makes the next call load again.
 */
export async function projectVersion(db: Db, project: { id: string; organizationId: string }): Promise<bigint> {
  const [row] = await db.$queryRaw<{ version: bigint }[]>`
    SELECT v.version FROM "ProjectVersion" v JOIN "Project" p ON p.id = v."projectId"
    WHERE v."projectId" = ${project.id} AND p."organizationId" = ${project.organizationId}`;
  return BigInt(row?.version ?? 0);
}
