import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { isFinished } from "@/lib/inventory/item-state";

export type StepItem = { kind: ItemKind; status: PortStatus; readiness: Readiness | null; replacement: string | null; targetVersion: string | null };
export type StepBlocker = { kind: ItemKind; key: string };

/** What the holder of a claim should do next, in a sentence. */
export function nextStep(item: StepItem, blockers: StepBlocker[]): string {
  if (isFinished(item)) return "Nothing left: it is done.";
  if (blockers.length) {
    const [first] = blockers;
    const more = blockers.length > 1 ? ` and ${blockers.length - 1} more` : "";
    return `Unblock it first: ${first.kind === "DEPENDENCY" ? "dependency" : "module"} ${first.key}${more} is not ready.`;
  }
  if (item.kind === "DEPENDENCY") {
    switch (item.readiness ?? "UNKNOWN") {
      case "UNKNOWN":
        return "Find out whether it works on the new stack, and record its readiness.";
      case "UPGRADE_NEEDED":
        return item.targetVersion ? `Upgrade it to ${item.targetVersion}.` : "Upgrade it, and record the target version.";
      case "REPLACE":
        return item.replacement ? `Replace it with ${item.replacement}.` : "Choose its replacement and swap it in.";
      case "REMOVE":
        return "Remove its last uses, then mark it ported.";
      case "COMPATIBLE":
        return "It works on the new stack as it is: mark it ported.";
    }
  }
  switch (item.status) {
    case "NOT_STARTED":
      return "Start: set the status to in progress.";
    case "IN_PROGRESS":
      return item.kind === "ROUTE" ? "Finish the port, switch traffic, and mark it ported." : "Finish the port and mark it ported.";
    default:
      return "Nothing left: it is done.";
  }
}
