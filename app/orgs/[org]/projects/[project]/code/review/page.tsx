import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { itemPath, projectPath } from "@/lib/projects/paths";
import { listProposals } from "@/lib/repositories/proposals";
import { PROPOSAL_KINDS, type ProposalKind } from "@/lib/repositories/proposal-apply";
import { PROPOSAL_KIND_HELP, PROPOSAL_KIND_LABELS } from "@/lib/repositories/proposal-labels";
import { ProposalReview } from "@/components/code/proposal-review";
import { decideProposalsCall } from "./actions";

export const metadata = { title: "Code review" };

/** What the scans of the linked repositories propose, one kind at a time: stewards accept or reject, one by one or in bulk. */
export default async function CodeReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ kind?: string; cursor?: string }>;
}) {
  const { org, project: slug } = await params;
  const query = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const kind: ProposalKind = PROPOSAL_KINDS.includes(query.kind as ProposalKind) ? (query.kind as ProposalKind) : "ADDITION";
  const page = await listProposals(db, ctx, project.id, { kind, state: "open", limit: 100, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const itemHref = Object.fromEntries(page.data.filter((p) => p.item).map((p) => [p.item!.id, itemPath(ctx.organizationSlug, project.slug, p.item!.id)]));
  const canDecide = can(ctx.role, "code:review");
  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm text-slate-700">
        Each scan of the linked repositories compares the code with the inventory. What it finds is proposed here; nothing changes until someone accepts it (or
        the project accepts it automatically: <Link href={`${base}/settings/code`}>code settings</Link>).
      </p>
      <nav aria-label="Kinds of proposal" className="flex flex-wrap gap-2">
        {PROPOSAL_KINDS.map((k) => (
          <Link
            key={k}
            href={`${base}/code/review?kind=${k}`}
            aria-current={k === kind ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${k === kind ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-800"}`}
          >
            {PROPOSAL_KIND_LABELS[k]} <span className="tabular-nums">({page.openCounts[k]})</span>
          </Link>
        ))}
      </nav>
      <section className="card space-y-3" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading" className="text-lg font-semibold">
          {PROPOSAL_KIND_LABELS[kind]}
        </h2>
        <p className="text-sm text-slate-600">{PROPOSAL_KIND_HELP[kind]}</p>
        {page.data.length === 0 ? (
          <div className="py-6 text-center">
            <p className="font-medium">Nothing to review.</p>
            <p className="mt-1 text-sm text-slate-600">
              {query.cursor ? (
                <Link href={`${base}/code/review?kind=${kind}`}>Back to the first page</Link>
              ) : (
                "The code and the inventory agree on this, as of the last scans."
              )}
            </p>
          </div>
        ) : (
          <ProposalReview
            proposals={page.data}
            itemHref={itemHref}
            canDecide={canDecide}
            decide={decideProposalsCall.bind(null, ctx.organizationSlug, project.id, project.slug)}
          />
        )}
        {page.nextCursor ? (
          <p className="text-sm">
            <Link href={`${base}/code/review?kind=${kind}&cursor=${encodeURIComponent(page.nextCursor)}`}>Next page →</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
