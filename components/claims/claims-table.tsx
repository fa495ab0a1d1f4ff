import Link from "next/link";
import { mayActOnClaim } from "@/lib/auth/resource-rules";
import type { OrgContext } from "@/lib/tenancy";
import type { ActiveClaim } from "@/lib/claims/queries";
import { formatDate, formatDateTime } from "@/lib/format";
import { dependencyPlan, KIND_SINGULAR } from "@/lib/inventory/labels";
import type { ActionState } from "@/lib/actions/action-state";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { ActionButton } from "@/components/forms/action-button";
import { StatusBadge } from "@/components/inventory/badges";
import { QuickActions, type QuickCalls } from "@/components/inventory/quick-actions";
import { MemberSelectForm } from "./member-select-form";
import { countOf } from "@/lib/format";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
export type ClaimActions = { release: Action; handOver: Action; declineHandover: Action; quick: QuickCalls | null };

const plural = (n: number, word: string) => countOf(n, word);

/** Active claims with their age, staleness and next step; release and hand-over where allowed. */
export function ClaimsTable({
  ctx,
  claims,
  base,
  project,
  members,
  showHolder,
  actions,
}: {
  ctx: OrgContext;
  claims: ActiveClaim[];
  base: string;
  project: { id: string; slug: string };
  members: { id: string; name: string }[];
  showHolder: boolean;
  actions: ClaimActions;
}) {
  return (
    <div className="overflow-x-auto max-sm:overflow-visible">
      <table className="table-cards w-full text-sm" data-testid="claims-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 pr-4 font-medium">
              Item
            </th>
            {showHolder ? (
              <th scope="col" className="py-2 pr-4 font-medium">
                Holder
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-4 font-medium">
              Age
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Expected finish
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Next step
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => {
            const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, itemId: c.item.id };
            const manage = mayActOnClaim(ctx, { holderId: c.holder.id });
            const plan = c.item.kind === "DEPENDENCY" ? dependencyPlan(c.item) : null;
            const asker = c.handoverRequestedById ? members.find((m) => m.id === c.handoverRequestedById) : undefined;
            return (
              <tr key={c.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="py-2 pr-4">
                  <Link href={`${base}/items/${c.item.id}`} className="font-mono text-xs break-all">
                    {c.item.key}
                  </Link>
                  <span className="ml-2 inline-flex items-center gap-1 text-xs text-slate-600">
                    {KIND_SINGULAR[c.item.kind]} <StatusBadge status={c.item.status} agentReview={c.item.agentReview} />
                    {plan ? <span>{plan}</span> : null}
                  </span>
                  {asker ? (
                    <p className="mt-1 text-xs font-medium text-brand-800" data-testid="handover-asked">
                      {asker.id === ctx.userId ? "You" : asker.name} asked for a handover{c.handoverNote ? `: “${c.handoverNote}”` : "."}
                    </p>
                  ) : null}
                  {c.agentName ? (
                    <p className="mt-1 text-xs text-violet-900" data-testid="agent-lease">
                      Held by {c.holder.id === ctx.userId ? "your" : `${c.holder.name}'s`} agent {c.agentName} {c.agentVersion}
                      {c.leaseExpiresAt ? `, lease until ${formatDateTime(c.leaseExpiresAt)}` : ""}
                      {c.progressNote ? ` — ${c.progressNote.slice(0, 200)}` : ""}
                    </p>
                  ) : null}
                  {c.staleness.stale ? <p className="mt-1 text-xs font-medium text-amber-800">Stale: {c.staleness.reasons.join("; ")}</p> : null}
                </td>
                {showHolder ? (
                  <td className="py-2 pr-4" data-label="Holder">
                    {c.holder.name}
                  </td>
                ) : null}
                <td className="py-2 pr-4 whitespace-nowrap" data-label="Age">
                  {plural(c.staleness.ageDays, "day")}
                </td>
                <td className="py-2 pr-4 whitespace-nowrap" data-label="Expected finish">
                  {formatDate(c.expectedFinish)}
                </td>
                <td className="py-2 pr-4" data-label="Next step">
                  {c.nextStep}
                </td>
                <td className="py-2 max-sm:pt-2">
                  {manage ? (
                    <div className="flex flex-col gap-2">
                      {actions.quick ? (
                        <QuickActions target={hidden} itemKey={c.item.key} status={c.item.status} canEdit releasable calls={actions.quick} />
                      ) : (
                        <ConfirmForm
                          action={actions.release}
                          hidden={hidden}
                          label="Release…"
                          title={`Release the claim on ${c.item.key}?`}
                          body="It goes back to the list for someone else to pick."
                          confirmLabel="Release"
                        />
                      )}
                      {asker && asker.id !== c.holder.id ? (
                        <div className="flex flex-wrap gap-2">
                          <ActionButton
                            action={actions.handOver}
                            hidden={{ ...hidden, holderId: asker.id }}
                            label={`Hand over to ${asker.name}`}
                            pendingText="…"
                            className="btn-primary px-2 py-1 text-xs"
                          />
                          <ActionButton
                            action={actions.declineHandover}
                            hidden={hidden}
                            label="Keep it"
                            pendingText="…"
                            className="btn-secondary px-2 py-1 text-xs"
                          />
                        </div>
                      ) : null}
                      <details>
                        <summary className="cursor-pointer text-xs">Hand over…</summary>
                        <MemberSelectForm
                          action={actions.handOver}
                          hidden={hidden}
                          members={members.filter((m) => m.id !== c.holder.id)}
                          label="New holder"
                          submitLabel="Hand over"
                        />
                      </details>
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
