import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { itemPath, reviewPath } from "@/lib/projects/paths";
import { listReviewQueue } from "@/lib/agents/review";
import { DecidedSubmission, PendingSubmission } from "@/components/agents/review-queue";
import { confirmSubmissionAction, sendBackSubmissionAction } from "./actions";

export const metadata = { title: "Review" };

/** Coding agents' submitted work, waiting for a person: confirm it, or send it back with a note. */
export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { org, project: slug } = await params;
  const { cursor } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const here = reviewPath(ctx.organizationSlug, project.slug);
  const queue = await listReviewQueue(db, ctx, project.id, cursor ? { cursor: cursor.slice(0, 100) } : {});
  // Your own agents' work first: you know it best.
  const pending = [...queue.pending.filter((r) => r.mine), ...queue.pending.filter((r) => !r.mine)];
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  const href = (itemId: string) => itemPath(ctx.organizationSlug, project.slug, itemId);
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-700">
        Coding agents report items as ported; a person confirms it. Until then the item shows <em>Ported — awaiting confirmation</em>, its status cannot change
        except here, and it cannot be switched to the new stack.{" "}
        {queue.reviewsAll ? "You see every agent's work in this project." : "You see your own agents' work."}
      </p>
      <section className="space-y-3" aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Awaiting confirmation <span className="tabular-nums text-slate-600">({queue.pendingCount})</span>
        </h2>
        {pending.length === 0 ? (
          <div className="card py-6 text-center" data-testid="review-empty">
            <p className="font-medium">Nothing awaits confirmation.</p>
            <p className="mt-1 text-sm text-slate-600">
              {cursor ? (
                <Link href={here}>Back to the first page</Link>
              ) : (
                "When a coding agent submits its work on an item, it appears here for its owner and the stewards."
              )}
            </p>
          </div>
        ) : (
          <ol className="space-y-3">
            {pending.map((row) => (
              <PendingSubmission
                key={row.id}
                row={row}
                itemHref={href(row.item.id)}
                hidden={hidden}
                actions={{ confirm: confirmSubmissionAction, sendBack: sendBackSubmissionAction }}
              />
            ))}
          </ol>
        )}
        {queue.next || cursor ? (
          <nav aria-label="Pages" className="flex gap-3 text-sm">
            {cursor ? <Link href={here}>First page</Link> : null}
            {queue.next ? <Link href={`${here}?cursor=${encodeURIComponent(queue.next)}`}>Next page</Link> : null}
          </nav>
        ) : null}
      </section>
      {queue.recent.length > 0 ? (
        <section className="card" aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="text-lg font-semibold">
            Recently decided
          </h2>
          <ul className="divide-y divide-slate-200">
            {queue.recent.map((row) => (
              <DecidedSubmission key={row.id} row={row} itemHref={href(row.item.id)} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
