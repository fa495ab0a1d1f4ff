/** A scan's log in words, one fact per line: what `waypoint scan` prints. */
import type { StoredScanLog } from "./run-scan";
import type { ScanOutput } from "./schemas";

export function scanLogLines(scan: ScanOutput, log: StoredScanLog | null): string[] {
  const lines = [`Scan ${scan.id}: ${scan.status}${scan.full ? " (full)" : ""}, ${scan.trigger}`];
  if (scan.error) lines.push(`Error: ${scan.error}`);
  if (!log) return lines;
  const frameworks = Object.entries(log.routesByFramework)
    .map(([f, n]) => `${f} ${n}`)
    .join(", ");
  const patterns = Object.entries(log.patternTotals)
    .map(([p, n]) => `${p} ${n}`)
    .join(", ");
  lines.push(
    `Commit: ${log.commit}${log.previousCommit ? ` (previous ${log.previousCommit.slice(0, 12)})` : ""}`,
    `Mode: ${log.mode}: ${log.reason}`,
    `Files: ${log.changedFiles} changed, ${log.filesRead} read, ${log.contextFilesRead} read for context`,
    `Routes: ${frameworks || "none"}; ${log.routesAdded} added, ${log.routesRemoved} removed`,
    `Patterns: ${patterns || "none"}`,
    `Reconcile: ${log.reconcile.proposals} proposals, ${log.reconcile.matches} matches, ${log.reconcile.drift} drift`,
    `Time: ${log.elapsedMs} ms`,
  );
  if (log.warnings.length) {
    lines.push(`Warnings (${log.warnings.length}):`);
    for (const w of log.warnings) lines.push(`  ${w.file}${w.line ? `:${w.line}` : ""}: ${w.message}`);
  }
  return lines;
}
