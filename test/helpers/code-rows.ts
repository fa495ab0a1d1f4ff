/**
 * Rows a scan would leave behind (issue 22), written directly so the read side — the item's "In
 * the code" section, Progress's "declared vs found", the inventory's drift filters — can be tested
 * without the scan runner: a linked Repository, its CodeRoute rows, an item's ItemCode.
 */
import type { Db } from "@/lib/db/client";

type Scope = { organizationId: string; projectId: string };

export async function linkRepository(db: Db, scope: Scope, role: "LEGACY" | "NEW", url: string, lastCommit: string) {
  return db.repository.create({
    data: { ...scope, role, url, branch: "main", lastCommit, lastScannedAt: new Date(), status: "ok" },
  });
}

export async function codeRoute(
  db: Db,
  scope: Scope,
  repositoryId: string,
  route: { method: string; path: string; file: string; line: number; commit: string; handler?: string; framework?: string },
) {
  return db.codeRoute.create({
    data: {
      ...scope,
      repositoryId,
      method: route.method,
      path: route.path,
      file: route.file,
      line: route.line,
      handler: route.handler ?? null,
      framework: route.framework ?? "flask",
      firstSeenAt: new Date(),
      firstCommit: route.commit,
    },
  });
}

export type ItemCodeFields = {
  legacyFile?: string | null;
  legacyLine?: number | null;
  legacyCommit?: string | null;
  newMethod?: string | null;
  newPath?: string | null;
  newFile?: string | null;
  newLine?: number | null;
  newCommit?: string | null;
  newSince?: Date | null;
  matchVia?: string | null;
  suggestedOwnerTeamId?: string | null;
  codeOwners?: string[];
  codeComplexity?: number | null;
  codeTestCoverage?: number | null;
  drift?: string | null;
  driftSince?: Date | null;
};

export async function putItemCode(db: Db, scope: Scope, itemId: string, fields: ItemCodeFields) {
  return db.itemCode.upsert({ where: { itemId }, create: { ...scope, itemId, ...fields }, update: fields });
}
