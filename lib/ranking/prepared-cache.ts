import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { projectVersion } from "@/lib/projects/project-version";
import { loadRankingInputs } from "./project-ranking-inputs";
import { prepareRanking, type PreparedRanking } from "./prepare";

type Entry = { version: bigint; prepared: PreparedRanking };

/** Projects kept per app instance; a prepared 60,000-item project holds tens of MB. */
const MAX_PROJECTS = 4;
const cache: Map<string, Entry> = ((globalThis as { __waypointPreparedRanking?: Map<string, Entry> }).__waypointPreparedRanking ??= new Map());

/**
 * A project's prepared ranking (items, relations, blocking graph), reused while the project's
 * version is unchanged. The version is bumped by a trigger in the transaction of every history
 * write, and every change to items, relations or claims writes history; it is read before the
 * data, so a change committed in between only makes the next call load again.
 */
export async function preparedRankingFor(db: Db, ctx: OrgContext, projectId: string): Promise<PreparedRanking> {
  const project = await projectInScope(db, ctx, projectId);
  const version = await projectVersion(db, project);
  const hit = cache.get(project.id);
  if (hit && hit.version === version) {
    cache.delete(project.id);
    cache.set(project.id, hit); // most recently used last
    return hit.prepared;
  }
  const { inputs, relations } = await loadRankingInputs(db, project);
  const prepared = prepareRanking(inputs, relations);
  cache.set(project.id, { version, prepared });
  while (cache.size > MAX_PROJECTS) cache.delete(cache.keys().next().value!);
  return prepared;
}
