import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { claimableMembers, listActiveClaims } from "@/lib/claims/queries";
import { ClaimsTable } from "@/components/claims/claims-table";
import { claimActions } from "../claims/claim-actions";
import { getProjectSettings } from "@/lib/projects/project-settings";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "My work" };

export default async function MyWorkPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  if (!can(ctx.role, "claims:claim")) {
    return (
      <p className="card">
        Viewers do not hold claims. <Link href={`${base}/claims`}>See who is working on what</Link>.
      </p>
    );
  }
  const [claims, members, settings] = await Promise.all([
    listActiveClaims(db, ctx, project.id, { holderId: ctx.userId ?? undefined }),
    claimableMembers(db, ctx),
    getProjectSettings(db, ctx, project.id),
  ]);
  const stale = claims.filter((c) => c.staleness.stale).length;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        You hold {claims.length} of the {settings.claimLimit} claims one person may hold in this project
        {stale ? (
          <>
            ; <strong className="text-amber-800">{stale} stale</strong> — move them on, or release them
          </>
        ) : null}
        .
      </p>
      {claims.length === 0 ? (
        <div className="card text-center">
          <p className="font-medium">You have no claims in this project.</p>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`${base}/next`}>Pick one from the next targets</Link>.
          </p>
        </div>
      ) : (
        <section className="card cards-on-phone" aria-label="My claims">
          <ClaimsTable ctx={ctx} claims={claims} base={base} project={project} members={members} showHolder={false} actions={claimActions(ctx)} />
        </section>
      )}
    </div>
  );
}
