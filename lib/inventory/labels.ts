import type { ItemKind, PortStatus, Readiness, ServedBy } from "@/lib/generated/prisma/enums";

export const KINDS: ItemKind[] = ["ROUTE", "MODULE", "DEPENDENCY"];
export const STATUS_ORDER: PortStatus[] = ["NOT_STARTED", "IN_PROGRESS", "PORTED", "VERIFIED", "RETIRED", "WONT_PORT"];
export const READINESS_ORDER: Readiness[] = ["UNKNOWN", "UPGRADE_NEEDED", "REPLACE", "REMOVE", "COMPATIBLE", "DONE"];
export const SERVED_BY_ORDER: ServedBy[] = ["LEGACY", "SHADOW", "NEW"];

export const STATUS_LABELS: Record<PortStatus, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  PORTED: "Ported",
  VERIFIED: "Verified",
  RETIRED: "Retired",
  WONT_PORT: "Won't port",
};
export const READINESS_LABELS: Record<Readiness, string> = {
  UNKNOWN: "Unknown",
  COMPATIBLE: "Compatible",
  UPGRADE_NEEDED: "Upgrade needed",
  REPLACE: "Replace",
  REMOVE: "Remove",
  DONE: "Done",
};
export const SERVED_BY_LABELS: Record<ServedBy, string> = { LEGACY: "Legacy", NEW: "New", SHADOW: "Shadow" };
export const KIND_LABELS: Record<ItemKind, string> = { ROUTE: "Routes", MODULE: "Modules", DEPENDENCY: "Dependencies" };
export const KIND_SINGULAR: Record<ItemKind, string> = { ROUTE: "route", MODULE: "module", DEPENDENCY: "dependency" };
/** URL segment of each kind: /inventory/routes, /api/v1/projects/{id}/routes. */
export const KIND_SEGMENTS: Record<ItemKind, string> = { ROUTE: "routes", MODULE: "modules", DEPENDENCY: "dependencies" };
export const kindFromSegment = (segment: string): ItemKind | null =>
  (Object.entries(KIND_SEGMENTS).find(([, s]) => s === segment)?.[0] as ItemKind | undefined) ?? null;

/** Statuses in which a route or module no longer holds anything back. */
export const DONE_STATUSES: PortStatus[] = ["PORTED", "VERIFIED", "RETIRED"];
/** Readiness values in which a dependency no longer holds anything back. */
export const READY_READINESS: Readiness[] = ["COMPATIBLE", "DONE"];

/** Test coverage words map to percentages; shown back as the word for the band. */
export const COVERAGE_WORDS = { none: 0, some: 40, good: 80 } as const;
export function coverageBand(percent: number | null): "unknown" | "none" | "some" | "good" {
  if (percent === null) return "unknown";
  return percent >= 70 ? "good" : percent > 0 ? "some" : "none";
}

/**
 * Whether an item no longer holds anything back: a route or module ported, verified or retired;
 * a dependency compatible or done. The SQL twin is NOT_READY in blockers.ts.
 */
export function isReady(item: { kind: ItemKind; status: PortStatus; readiness: Readiness | null }): boolean {
  return item.kind === "DEPENDENCY" ? READY_READINESS.includes(item.readiness ?? "UNKNOWN") : DONE_STATUSES.includes(item.status);
}
