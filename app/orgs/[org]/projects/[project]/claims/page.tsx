import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { claimableMembers, listActiveClaims } from "@/lib/claims/queries";
import { ClaimsTable } from "@/components/claims/claims-table";
import { claimActions } from "./claim-actions";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Claims" };

/** The steward view: who is working on what, stale claims first. */
export default async function ClaimsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ stale?: string }>;
}) {
  const { org, project: slug } = await params;
  const { stale: staleOnly } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const [all, members] = await Promise.all([listActiveClaims(db, ctx, project.id), claimableMembers(db, ctx)]);
  const stale = all.filter((c) => c.staleness.stale);
  const shown = staleOnly ? stale : [...stale, ...all.filter((c) => !c.staleness.stale)];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm text-slate-700">
          {all.length} active claim{all.length === 1 ? "" : "s"}, {stale.length} stale (past the expected finish, or no change for the project&apos;s number of
          days).
        </p>
        <nav aria-label="Filter claims" className="flex gap-3 text-sm">
          {staleOnly ? <Link href={`${base}/claims`}>Show all</Link> : <Link href={`${base}/claims?stale=1`}>Only stale</Link>}
        </nav>
      </div>
      {shown.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">{staleOnly ? "No stale claims." : "Nobody has claimed anything yet."}</p>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`${base}/next`}>The next targets</Link> are where engineers pick work.
          </p>
        </div>
      ) : (
        <section className="card cards-on-phone" aria-label="Active claims">
          <ClaimsTable ctx={ctx} claims={shown} base={base} project={project} members={members} showHolder actions={claimActions(ctx)} />
        </section>
      )}
    </div>
  );
}
