import type { ItemKind, PortStatus, Readiness, ServedBy } from "@/lib/generated/prisma/enums";

export const KINDS: ItemKind[] = ["ROUTE", "MODULE", "DEPENDENCY"];
export { STATUS_ORDER, READINESS_ORDER } from "./item-state";
import { FINISHED_STATUSES } from "./item-state";
export const SERVED_BY_ORDER: ServedBy[] = ["LEGACY", "SHADOW", "CANARY", "NEW"];

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
};
export const SERVED_BY_LABELS: Record<ServedBy, string> = { LEGACY: "Legacy", NEW: "New", SHADOW: "Shadow", CANARY: "Canary" };
export const KIND_LABELS: Record<ItemKind, string> = { ROUTE: "Routes", MODULE: "Modules", DEPENDENCY: "Dependencies" };
export const KIND_SINGULAR: Record<ItemKind, string> = { ROUTE: "route", MODULE: "module", DEPENDENCY: "dependency" };
/** URL segment of each kind: /inventory/routes, /api/v1/projects/{id}/routes. */
export const KIND_SEGMENTS: Record<ItemKind, string> = { ROUTE: "routes", MODULE: "modules", DEPENDENCY: "dependencies" };
export const kindFromSegment = (segment: string): ItemKind | null =>
  (Object.entries(KIND_SEGMENTS).find(([, s]) => s === segment)?.[0] as ItemKind | undefined) ?? null;

/** Test coverage words map to percentages; shown back as the word for the band. */
export const COVERAGE_WORDS = { none: 0, some: 40, good: 80 } as const;
export function coverageBand(percent: number | null): "unknown" | "none" | "some" | "good" {
  if (percent === null) return "unknown";
  return percent >= 70 ? "good" : percent > 0 ? "some" : "none";
}

/**
 * How a dependency moves (or moved) to the new stack, in words: its readiness, read with its
 * status — "Upgrade to 8.12.1" while open, "Upgraded to 8.12.1" once finished. Null when unknown.
 */
export function dependencyPlan(item: {
  status: PortStatus;
  readiness: Readiness | null;
  targetVersion?: string | null;
  replacement?: string | null;
}): string | null {
  const done = FINISHED_STATUSES.includes(item.status);
  switch (item.readiness ?? "UNKNOWN") {
    case "UPGRADE_NEEDED":
      return `${done ? "Upgraded" : "Upgrade"}${item.targetVersion ? ` to ${item.targetVersion}` : ""}`;
    case "REPLACE":
      return `${done ? "Replaced by" : "Replace with"} ${item.replacement || "a replacement to choose"}`;
    case "REMOVE":
      return done ? "Removed" : "Remove";
    case "COMPATIBLE":
      return "Works on the new stack as it is";
    default:
      return done ? null : "Readiness unknown";
  }
}
