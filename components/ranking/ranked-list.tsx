import Link from "next/link";
import type { RankedItem } from "@/lib/ranking/types";
import { TierBadge } from "./tier-badge";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import { ActionButton } from "@/components/forms/action-button";
import type { ActionState } from "@/lib/actions/action-state";
import { QuickActions, type QuickCalls } from "@/components/inventory/quick-actions";

const signed = (n: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(2)}`;

/**
 * The ranked list: position, tier, the item, why it is there (the reasons, and on demand the
 * factors with their weights and contributions), and who holds it — or a Claim button.
 */
export function RankedList({
  items,
  base,
  claim,
  project,
  claimAction,
  quick,
}: {
  items: RankedItem[];
  base: string;
  /** Present when the viewer may claim: the hidden fields of the claim form. */
  claim: { org: string; projectId: string; projectSlug: string } | null;
  project: { org: string; projectId: string; projectSlug: string };
  claimAction: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Present when the viewer may change statuses: one-click Start / Mark ported. */
  quick: QuickCalls | null;
}) {
  return (
    <ol className="space-y-3" data-testid="ranked-list">
      {items.map((item) => (
        <li key={item.id} className="card flex flex-wrap items-start gap-4" data-testid="ranked-item">
          <span className="w-10 text-right text-lg font-semibold tabular-nums text-slate-500" aria-label={`Position ${item.position}`}>
            {item.position}
          </span>
          <div className="min-w-0 flex-1 space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <TierBadge tier={item.tier} />
              <Link href={`${base}/items/${item.id}`} className="font-mono text-sm break-all">
                {item.key}
              </Link>
              <span className="text-xs text-slate-500">{KIND_SINGULAR[item.kind]}</span>
              {item.unowned ? <span className="text-xs font-medium text-amber-700">unowned</span> : null}
            </div>
            <ul className="list-disc pl-5 text-sm text-slate-700">
              {item.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <details className="text-xs">
              <summary className="cursor-pointer text-slate-600">How the score {item.score.toFixed(2)} was reached</summary>
              <table className="mt-2 text-xs">
                <thead>
                  <tr className="text-left text-slate-600">
                    <th className="pr-4 font-medium">Factor</th>
                    <th className="pr-4 font-medium">Value</th>
                    <th className="pr-4 text-right font-medium">Normalised</th>
                    <th className="pr-4 text-right font-medium">Weight</th>
                    <th className="text-right font-medium">Contribution</th>
                  </tr>
                </thead>
                <tbody>
                  {item.factors.map((f) => (
                    <tr key={f.name}>
                      <th scope="row" className="pr-4 text-left font-normal">
                        {f.name}
                      </th>
                      <td className="pr-4">{f.label}</td>
                      <td className="pr-4 text-right tabular-nums">{f.normalized.toFixed(2)}</td>
                      <td className="pr-4 text-right tabular-nums">{f.weight}</td>
                      <td className="text-right tabular-nums">{signed(f.contribution)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </div>
          <div className="flex w-full flex-col items-end gap-2 text-right text-sm sm:w-56">
            {item.claimedBy ? (
              <span className="text-slate-700" data-testid="claimed-by">
                Claimed by {item.claimedBy}
              </span>
            ) : claim && item.tier !== "blocked" ? (
              <ActionButton
                action={claimAction}
                hidden={{ ...claim, itemId: item.id }}
                label="Claim"
                pendingText="Claiming…"
                className="btn-secondary"
                accessibleName={`Claim ${item.key}`}
              />
            ) : null}
            {quick && item.tier !== "blocked" ? (
              <QuickActions target={{ ...project, itemId: item.id }} itemKey={item.key} status={item.status} canEdit releasable={false} calls={quick} />
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
