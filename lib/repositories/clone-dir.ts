/**
 * Where the repositories' clones live on this server: WAYPOINT_REPOSITORY_DIR, or `repositories/`
 * in the data folder (WAYPOINT_DATA_DIR, default ./data) — one bare clone per repository, named
 * by its organisation and id, never by anything a person typed.
 */
import path from "node:path";

export function repositoryDir(env: Record<string, string | undefined> = process.env): string {
  const configured = env.WAYPOINT_REPOSITORY_DIR?.trim();
  if (configured) return path.resolve(configured);
  return path.join(path.resolve(env.WAYPOINT_DATA_DIR?.trim() || "./data"), "repositories");
}

export function cloneDirFor(repository: { organizationId: string; id: string }, env: Record<string, string | undefined> = process.env): string {
  return path.join(repositoryDir(env), repository.organizationId, `${repository.id}.git`);
}
