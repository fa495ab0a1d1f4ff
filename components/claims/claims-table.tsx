import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/tenancy";
import type { ActiveClaim } from "@/lib/claims/queries";
import { formatDate } from "@/lib/format";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { StatusBadge, ReadinessBadge } from "@/components/inventory/badges";
import { MemberSelectForm } from "./member-select-form";
import { handOverClaimAction, releaseClaimAction } from "@/app/orgs/[org]/projects/[project]/claims/actions";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Active claims with their age, staleness and next step; release and hand-over where allowed. */
export function ClaimsTable({
  ctx, claims, base, project, members, showHolder,
}: {
  ctx: OrgContext;
  claims: ActiveClaim[];
  base: string;
  project: { id: string; slug: string };
  members: { id: string; name: string }[];
  showHolder: boolean;
}) {
  const mayReassign = can(ctx.role, "claims:reassign");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="claims-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 pr-4 font-medium">Item</th>
            {showHolder ? <th scope="col" className="py-2 pr-4 font-medium">Holder</th> : null}
            <th scope="col" className="py-2 pr-4 font-medium">Age</th>
            <th scope="col" className="py-2 pr-4 font-medium">Expected finish</th>
            <th scope="col" className="py-2 pr-4 font-medium">Next step</th>
            <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => {
            const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, itemId: c.item.id };
            const manage = c.holder.id === ctx.userId || mayReassign;
            return (
              <tr key={c.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="py-2 pr-4">
                  <Link href={`${base}/items/${c.item.id}`} className="font-mono text-xs break-all">{c.item.key}</Link>
                  <span className="ml-2 inline-flex items-center gap-1 text-xs text-slate-600">
                    {KIND_SINGULAR[c.item.kind]} {c.item.kind === "DEPENDENCY" ? <ReadinessBadge readiness={c.item.readiness} /> : <StatusBadge status={c.item.status} />}
                  </span>
                  {c.staleness.stale ? <p className="mt-1 text-xs font-medium text-amber-800">Stale: {c.staleness.reasons.join("; ")}</p> : null}
                </td>
                {showHolder ? <td className="py-2 pr-4">{c.holder.name}</td> : null}
                <td className="py-2 pr-4 whitespace-nowrap">{plural(c.staleness.ageDays, "day")}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{formatDate(c.expectedFinish)}</td>
                <td className="py-2 pr-4">{c.nextStep}</td>
                <td className="py-2">
                  {manage ? (
                    <div className="flex flex-col gap-2">
                      <ConfirmForm action={releaseClaimAction} hidden={hidden} label="Release…" title={`Release the claim on ${c.item.key}?`} body="It goes back to the list for someone else to pick." confirmLabel="Release" />
                      <details>
                        <summary className="cursor-pointer text-xs">Hand over…</summary>
                        <MemberSelectForm action={handOverClaimAction} hidden={hidden} members={members.filter((m) => m.id !== c.holder.id)} label="New holder" submitLabel="Hand over" />
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
