import { can } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/tenancy";
import type { ClaimActions } from "@/components/claims/claims-table";
import { declineHandoverAction, handOverClaimAction, releaseClaimAction } from "./actions";
import { claimCall, releaseCall, setStatusCall } from "../items/quick-actions";

/** The server actions a claims table offers, as props (components do not import from app/). */
export function claimActions(ctx: OrgContext): ClaimActions {
  return {
    release: releaseClaimAction,
    handOver: handOverClaimAction,
    declineHandover: declineHandoverAction,
    quick: can(ctx.role, "inventory:edit")
      ? { setStatus: setStatusCall, release: releaseCall, claim: claimCall, mayOverrideGate: can(ctx.role, "evidence:override-gate") }
      : null,
  };
}
