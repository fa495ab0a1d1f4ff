/** How the code review screen names proposals (pure; shared by the page and its components). */
import type { ProposalKind } from "./proposal-apply";

export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = {
  ADDITION: "Additions",
  RETIREMENT: "Retirements",
  STATUS: "Statuses",
  OWNER: "Owners",
};

export const PROPOSAL_KIND_HELP: Record<ProposalKind, string> = {
  ADDITION: "Routes the legacy code serves that the inventory does not list. Those found by the repository's first scan are the baseline.",
  RETIREMENT: "Inventory routes a previous scan found in the legacy code and the last one did not. Accepting marks them Retired; nothing is deleted.",
  STATUS: "Routes found in the new code while still Not started or In progress: the suggested status is Ported. Gates still apply.",
  OWNER: "Teams suggested by CODEOWNERS for routes nobody owns. A person's choice always wins.",
};

/** What accepting one proposal will do, in words. */
export function proposalAction(kind: ProposalKind, valueLabel: string | null): string {
  switch (kind) {
    case "ADDITION":
      return "Add to the inventory";
    case "RETIREMENT":
      return "Mark Retired";
    case "STATUS":
      return `Set ${valueLabel ?? "the status"}`;
    case "OWNER":
      return `Owner: ${valueLabel ?? "a team"}`;
  }
}
