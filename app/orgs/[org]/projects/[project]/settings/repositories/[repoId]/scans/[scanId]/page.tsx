import Link from "next/link";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { AppError } from "@/lib/errors";
import { getScan } from "@/lib/repositories/scan-queries";
import { repositoriesPath } from "@/lib/projects/paths";
import { ScanStatus } from "@/components/repositories/scan-table";

export const metadata = { title: "Scan log" };
export const dynamic = "force-dynamic";

export default async function ScanLogPage({ params }: { params: Promise<{ org: string; project: string; repoId: string; scanId: string }> }) {
  const { org, project: slug, repoId, scanId } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const scan = await getScan(db, ctx, project.id, repoId, scanId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const log = scan.log;
  const rows: [string, React.ReactNode][] = log
    ? [
        [
          "Commit",
          <span key="c" className="font-mono text-xs">
            {log.commit}
          </span>,
        ],
        [
          "Previous commit",
          <span key="p" className="font-mono text-xs">
            {log.previousCommit ?? "—"}
          </span>,
        ],
        ["Mode", `${log.mode}: ${log.reason}`],
        ["Files", `${log.changedFiles} changed, ${log.filesRead} read, ${log.contextFilesRead} read for context`],
        [
          "Routes per framework",
          Object.entries(log.routesByFramework)
            .map(([f, n]) => `${f} ${n}`)
            .join(", ") || "none",
        ],
        ["Routes added / removed", `${log.routesAdded} / ${log.routesRemoved}`],
        [
          "Pattern totals",
          Object.entries(log.patternTotals)
            .map(([p, n]) => `${p} ${n}`)
            .join(", ") || "none",
        ],
        ["Reconcile", `${log.reconcile.proposals} proposals, ${log.reconcile.matches} matches, ${log.reconcile.drift} drift`],
        ["Time", `${log.elapsedMs} ms`],
      ]
    : [];
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={repositoriesPath(ctx.organizationSlug, project.slug)}>← Repositories</Link>
      </p>
      <section className="card space-y-3" aria-labelledby="scan-heading">
        <h2 id="scan-heading" className="text-lg font-semibold">
          Scan {scan.id} <ScanStatus status={scan.status} />
        </h2>
        <p className="text-sm text-slate-600">
          {scan.trigger}
          {scan.full ? ", full" : ""}; queued {scan.queuedAt.replace("T", " ").slice(0, 19)} UTC
          {scan.finishedAt ? `, finished ${scan.finishedAt.replace("T", " ").slice(0, 19)} UTC` : ""}
        </p>
        {scan.error ? (
          <p role="alert" className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-900">
            {scan.error}
          </p>
        ) : null}
        {!log && !scan.error ? <p className="text-sm text-slate-600">No log yet: the scan has not finished.</p> : null}
        {log ? (
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
            {rows.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </section>
      {log?.readPaths.length ? (
        <section className="card" aria-labelledby="read-heading">
          <h3 id="read-heading" className="mb-2 font-semibold">
            Files read{log.filesRead > log.readPaths.length ? ` (first ${log.readPaths.length} of ${log.filesRead})` : ""}
          </h3>
          <ul className="font-mono text-xs">
            {log.readPaths.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {log ? (
        <section className="card" aria-labelledby="warnings-heading">
          <h3 id="warnings-heading" className="mb-2 font-semibold">
            Warnings ({log.warnings.length})
          </h3>
          {log.warnings.length === 0 ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {log.warnings.map((w, i) => (
                <li key={i}>
                  <span className="font-mono text-xs">
                    {w.file}
                    {w.line ? `:${w.line}` : ""}
                  </span>{" "}
                  {w.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
