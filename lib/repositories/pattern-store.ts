/**
 * The project's patterns as the scan needs them, and the counts each scan leaves (issue 22).
 *
 * CONTRACT (run-scan.ts calls these two; the patterns work fills them in):
 *   - `compiledPatternsFor`: the project's live patterns compiled (lib/repositories/patterns.ts),
 *     each with its slug as the id the scan state keys counts by.
 *   - `recordPatternCounts`: inside the scan's transaction, one PatternCount per live pattern for
 *     this repository and commit (the burn-down's points), and the pattern's reached/drift marks.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { CompiledPattern } from "./patterns";
import type { ScanState } from "./scan";

type Tx = Prisma.TransactionClient;

export async function compiledPatternsFor(_db: Db | Tx, _scope: { organizationId: string; projectId: string }): Promise<CompiledPattern[]> {
  return [];
}

export async function recordPatternCounts(
  _tx: Tx,
  _input: { scope: { organizationId: string; projectId: string }; repositoryId: string; commit: string; at: Date; state: ScanState },
): Promise<{ patterns: number }> {
  return { patterns: 0 };
}
