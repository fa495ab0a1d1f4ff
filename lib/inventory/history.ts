import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Fields whose every change is written to the item's history. */
export const TRACKED_FIELDS = [
  "key", "name", "method", "path", "handler", "status", "statusReason", "servedBy", "readiness",
  "currentVersion", "targetVersion", "replacement", "trafficPerDay", "complexity", "size",
  "testCoverage", "owner", "notes", "links",
] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];
export type Snapshot = Partial<Record<TrackedField, unknown>>;

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? v.join("\n") : v instanceof Date ? v.toISOString() : String(v);

/** One history row per field that differs between two snapshots. */
export function changedFields(before: Snapshot, after: Snapshot): { field: TrackedField; fromValue: string | null; toValue: string | null }[] {
  const rows = [];
  for (const field of TRACKED_FIELDS) {
    if (!(field in after)) continue;
    const from = asText(before[field]);
    const to = asText(after[field]);
    if (from !== to) rows.push({ field, fromValue: from, toValue: to });
  }
  return rows;
}

export type HistoryScope = { organizationId: string; projectId: string; actorId: string | null; at?: Date };

/** Writes history rows; call it with the transaction of the change. */
export function writeHistory(
  tx: Tx,
  scope: HistoryScope,
  rows: { itemId: string; field: string; fromValue: string | null; toValue: string | null }[],
) {
  if (rows.length === 0) return Promise.resolve({ count: 0 });
  const { at, ...rest } = scope;
  return tx.itemChange.createMany({ data: rows.map((r) => ({ ...rest, ...r, ...(at ? { at } : {}) })) });
}
