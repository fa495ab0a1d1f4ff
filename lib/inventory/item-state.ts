import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";

/**
 * The one answer to "where is this item, and is it finished?" for every kind. An item's status
 * says where it is; a dependency's readiness says only *how* it moves (upgrade, replace, remove, or
 * nothing to do). Screens, the ranking, claims, blockers, progress, the API and imports all ask here.
 * Pure (client components import it too); the SQL twin is item-state-sql.ts.
 */

/** The statuses in order of progress (also the enum's order). */
export const STATUS_ORDER: PortStatus[] = ["NOT_STARTED", "IN_PROGRESS", "PORTED", "VERIFIED", "RETIRED", "WONT_PORT"];
/** Work still to do: what the ranking proposes and claims hold. */
export const OPEN_STATUSES: PortStatus[] = ["NOT_STARTED", "IN_PROGRESS"];
/** Counted as done by progress: on the new stack, or no longer needed. */
export const DONE_STATUSES: PortStatus[] = ["PORTED", "VERIFIED", "RETIRED"];
/** Done and checked (progress's "verified" line). */
export const VERIFIED_STATUSES: PortStatus[] = ["VERIFIED", "RETIRED"];
/** Nothing left to do: done, or decided never to move. A finished item holds no claim, is no target and blocks nothing. */
export const FINISHED_STATUSES: PortStatus[] = [...DONE_STATUSES, "WONT_PORT"];

/**
 * What an item of each kind uses, one kind down: a route uses modules, a module needs
 * dependencies, a dependency nothing. Every relation points this way (forms, imports), which the
 * progress queries rely on: only routes and modules block, only modules and dependencies are blockers.
 */
export const USES_KIND: Partial<Record<ItemKind, ItemKind>> = { ROUTE: "MODULE", MODULE: "DEPENDENCY" };

/** How a dependency moves to the new stack (its plan; where it is, is its status). */
export const READINESS_ORDER: Readiness[] = ["UNKNOWN", "UPGRADE_NEEDED", "REPLACE", "REMOVE", "COMPATIBLE"];

export function isFinished(item: { status: PortStatus }): boolean {
  return FINISHED_STATUSES.includes(item.status);
}

export function isDone(status: PortStatus): boolean {
  return DONE_STATUSES.includes(status);
}

/**
 * The status a change leaves an item in, so that status and readiness never disagree: a dependency
 * found compatible with the new stack has nothing to port, so it is ported — unless the change
 * sets the status itself, or the item is already finished. Pure.
 */
export function settledStatus(
  kind: ItemKind,
  current: { status: PortStatus } | null,
  change: { status?: PortStatus; readiness?: Readiness | null },
): PortStatus | undefined {
  if (change.status !== undefined) return change.status;
  if (kind === "DEPENDENCY" && change.readiness === "COMPATIBLE" && !(current && isFinished(current))) return "PORTED";
  return undefined;
}
