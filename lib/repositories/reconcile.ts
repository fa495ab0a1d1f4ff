/**
 * What a scan means for the inventory (issue 22), run in the transaction that stores the scan:
 * proposed additions and retirements from the legacy code, the match of each legacy route to the
 * new code (ItemCode), the suggested statuses and owners (CodeProposal), drift.
 *
 * CONTRACT (run-scan.ts calls these two; the reconcile work fills them in):
 *   1. `prepareReconcile` runs outside the transaction and reads what it needs from the clone
 *      (CODEOWNERS, handler files and test files for the risk read from code).
 *   2. `reconcileScan` runs inside the scan's transaction, after the repository's CodeRoute rows
 *      were rewritten to the scan's routes; it reads both repositories' CodeRoute rows from `tx`.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RepositoryReader } from "./git";
import type { RouteChanges, ScanState } from "./scan";

type Tx = Prisma.TransactionClient;

export type RepositoryRef = { id: string; role: "LEGACY" | "NEW" };

/** What the reconcile reads from the clone before the transaction. */
export type CodeContext = { files: Record<string, string> };

export type ReconcileInput = {
  scope: { organizationId: string; projectId: string };
  repository: RepositoryRef;
  commit: string;
  at: Date;
  /** Routes this scan added, removed or moved since the repository's previous scan. */
  changes: RouteChanges;
  /** The repository had never been scanned: its routes are the baseline. */
  firstScan: boolean;
  code: CodeContext;
};

export type ReconcileSummary = { proposals: number; matches: number; drift: number };

export async function prepareReconcile(_input: {
  reader: RepositoryReader;
  commit: string;
  state: ScanState;
  repository: RepositoryRef;
}): Promise<CodeContext> {
  return { files: {} };
}

export async function reconcileScan(_tx: Tx, _input: ReconcileInput): Promise<ReconcileSummary> {
  return { proposals: 0, matches: 0, drift: 0 };
}
