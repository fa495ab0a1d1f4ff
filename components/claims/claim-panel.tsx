import { can } from "@/lib/auth/permissions";
import { mayActOnClaim } from "@/lib/auth/resource-rules";
import type { OrgContext } from "@/lib/tenancy";
import type { Staleness } from "@/lib/claims/stale";
import { formatDate } from "@/lib/format";
import { ActionButton } from "@/components/forms/action-button";
import type { ActionState } from "@/lib/actions/action-state";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { MemberSelectForm } from "./member-select-form";

type Claim = { startedAt: Date; expectedFinish: Date; holder: { id: string; name: string } };
type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Handover = { by: { id: string; name: string } | null; at: Date | null; note: string | null } | null;

/** Who is working on an item, and what the viewer may do about it: claim, release, hand over, assign. */
export function ClaimPanel({
  ctx,
  claim,
  staleness,
  finished,
  hidden,
  members,
  itemKey,
  handover = null,
  actions,
}: {
  ctx: OrgContext;
  claim: Claim | null;
  staleness: Staleness | null;
  finished: boolean;
  hidden: { org: string; projectId: string; projectSlug: string; itemId: string };
  members: { id: string; name: string }[];
  itemKey: string;
  /** A pending request from someone else to take the claim over. */
  handover?: Handover;
  /** The page's server actions (components do not import from app/). */
  actions: { claim: Action; release: Action; handOver: Action; requestHandover: Action; declineHandover: Action };
}) {
  const { claim: claimAction, release: releaseClaimAction, handOver: handOverClaimAction } = actions;
  const mayClaim = can(ctx.role, "claims:claim");
  const mayReassign = can(ctx.role, "claims:reassign");
  if (!claim) {
    return (
      <section className="card space-y-3" aria-labelledby="claim-heading">
        <h3 id="claim-heading" className="text-lg font-semibold">
          Claim
        </h3>
        <p className="text-sm text-slate-600">{finished ? "Done: nothing to claim." : "Nobody is working on it."}</p>
        {!finished && mayClaim ? (
          <ActionButton action={claimAction} hidden={hidden} label="Claim it" pendingText="Claiming…" accessibleName={`Claim ${itemKey}`} />
        ) : null}
        {!finished && mayReassign ? (
          <MemberSelectForm action={claimAction} hidden={hidden} members={members} label="Or assign it to" submitLabel="Assign" />
        ) : null}
      </section>
    );
  }
  const mine = claim.holder.id === ctx.userId;
  const manage = mayActOnClaim(ctx, { holderId: claim.holder.id });
  return (
    <section className="card space-y-3" aria-labelledby="claim-heading">
      <h3 id="claim-heading" className="text-lg font-semibold">
        Claim
      </h3>
      <p className="text-sm" data-testid="claim-holder">
        Claimed by <strong>{mine ? "you" : claim.holder.name}</strong> since {formatDate(claim.startedAt)}; expected to finish by{" "}
        {formatDate(claim.expectedFinish)}.
      </p>
      {staleness?.stale ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          Stale: {staleness.reasons.join("; ")}.
        </p>
      ) : null}
      {handover?.by ? (
        <div className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm" role="note" data-testid="handover-request">
          <p>
            <strong>{handover.by.id === ctx.userId ? "You" : handover.by.name}</strong> asked for a handover
            {handover.at ? ` on ${formatDate(handover.at)}` : ""}
            {handover.note ? <>: “{handover.note}”</> : "."}
          </p>
          {manage && handover.by.id !== ctx.userId ? (
            <div className="mt-2 flex flex-wrap gap-2">
              <ActionButton
                action={handOverClaimAction}
                hidden={{ ...hidden, holderId: handover.by.id }}
                label={`Hand over to ${handover.by.name}`}
                pendingText="Handing over…"
                className="btn-primary px-3 py-1 text-sm"
              />
              <ActionButton action={actions.declineHandover} hidden={hidden} label="Keep it" pendingText="…" className="btn-secondary px-3 py-1 text-sm" />
            </div>
          ) : null}
        </div>
      ) : null}
      {!mine && mayClaim && handover?.by?.id !== ctx.userId ? (
        <ActionButton
          action={actions.requestHandover}
          hidden={hidden}
          label="Ask for a handover"
          pendingText="Asking…"
          className="btn-secondary"
          accessibleName={`Ask ${claim.holder.name} to hand over ${itemKey}`}
        />
      ) : null}
      {manage ? (
        <>
          <ConfirmForm
            action={releaseClaimAction}
            hidden={hidden}
            label={mine ? "Release my claim…" : "Release the claim…"}
            title={`Release the claim on ${itemKey}?`}
            body={mine ? "It goes back to the list for someone else to pick." : `${claim.holder.name} will no longer hold it.`}
            confirmLabel="Release"
          />
          <MemberSelectForm
            action={handOverClaimAction}
            hidden={hidden}
            members={members.filter((m) => m.id !== claim.holder.id)}
            label="Hand over to"
            submitLabel="Hand over"
          />
        </>
      ) : null}
    </section>
  );
}
