import { projectPath } from "@/lib/projects/paths";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { AppError } from "@/lib/errors";
import { getImport } from "@/lib/import/pipeline/preview-and-commit";
import { formatDateTime } from "@/lib/format";
import { IssueTable, SourceFindings, type Issue, type Summary } from "@/components/import/import-wizard";
import { UnmatchedPaths } from "@/components/import/unmatched-paths";

export const metadata = { title: "Import" };

const number = new Intl.NumberFormat("en");
const STATUS_TEXT = { PREVIEW: "Preview, not committed", COMMITTED: "Committed", DISCARDED: "Discarded" } as const;

/**
 * One import: what it found and did, its warnings, and — for a committed access log — the paths it
 * matched to no route, which can be added to the inventory here at any later time.
 */
export default async function ImportDetailPage({ params }: { params: Promise<{ org: string; project: string; importId: string }> }) {
  const { org, project: slug, importId } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const batch = await getImport(db, ctx, project.id, importId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const s = batch.summary as unknown as Summary;
  const base = projectPath(ctx.organizationSlug, project.slug);
  const status = batch.expired ? "Preview expired (older than 24 hours)" : (STATUS_TEXT[batch.status as keyof typeof STATUS_TEXT] ?? batch.status);
  const unmatched = batch.status === "COMMITTED" ? (s.traffic?.unmatched ?? []) : [];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`${base}/import`}>← Import</Link>
        </p>
        <h2 className="mt-1 text-xl font-semibold break-all">{batch.fileName}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {batch.formatLabel} · {formatDateTime(batch.createdAt)} · <span data-testid="import-status">{status}</span>
          {batch.committedAt ? ` · committed ${formatDateTime(batch.committedAt)}` : null}
        </p>
      </div>
      <section className="card space-y-4" aria-labelledby="result-heading">
        <h3 id="result-heading" className="text-lg font-semibold">
          {batch.status === "COMMITTED" ? "What it did" : "What it would do"}
        </h3>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(["new", "changed", "unchanged", "restored"] as const).map((k) => (
            <div key={k} className="rounded-md bg-slate-50 p-3">
              <dt className="text-xs text-slate-600 capitalize">{k}</dt>
              <dd className="text-xl font-semibold tabular-nums">{number.format(s[k] ?? 0)}</dd>
            </div>
          ))}
        </dl>
        <SourceFindings summary={s} />
        {s.traffic ? (
          <p className="text-sm">
            {number.format(s.traffic.requests)} requests over {s.traffic.days} day(s); {number.format(s.traffic.matched)} matched a route.
          </p>
        ) : null}
        {batch.status === "PREVIEW" ? (
          <p className="text-sm text-slate-600">
            {batch.expired
              ? "This preview can no longer be committed: upload the file again on the "
              : "A preview is committed from the page it was uploaded on, or with the API; after 24 hours it expires. Upload it again on the "}
            <Link href={`${base}/import`}>import page</Link>.
          </p>
        ) : null}
      </section>
      {unmatched.length ? (
        <section className="card" aria-labelledby="unmatched-heading" data-testid="import-unmatched">
          <h3 id="unmatched-heading" className="mb-2 text-lg font-semibold">
            Paths that matched no route
          </h3>
          <p className="mb-3 text-sm text-slate-600">Choose paths to add as routes with their traffic; a path added already counts as unchanged.</p>
          <UnmatchedPaths importUrl={`/api/v1/projects/${project.id}/imports/${batch.id}`} unmatched={unmatched} days={s.traffic!.days} />
        </section>
      ) : null}
      {batch.issues.length ? (
        <section className="card" aria-labelledby="issues-heading">
          <h3 id="issues-heading" className="text-lg font-semibold">
            {batch.issues.length} warning(s)
          </h3>
          <IssueTable issues={batch.issues as Issue[]} />
        </section>
      ) : null}
    </div>
  );
}
