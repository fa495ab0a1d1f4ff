import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { IMPORT_FORMATS, IMPORT_FORMAT_NAMES } from "@/lib/import/pipeline/formats";
import { listImports } from "@/lib/import/pipeline/preview-and-commit";
import { formatDateTime } from "@/lib/format";
import { ImportWizard } from "@/components/import/import-wizard";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  if (!can(ctx.role, "inventory:import")) return <p className="card">Viewers cannot import.</p>;
  const recent = await listImports(db, ctx, project.id);
  return (
    <div className="space-y-6">
      <div className="max-w-3xl text-sm text-slate-700">
        <p>
          Build the inventory from what you already have: routes from source code, dependencies from manifests, any kind from a CSV or JSON table, and traffic
          from web server access logs. Every import is previewed first — new, changed, unchanged, and any error with its file and line — and committed in one
          transaction. Importing the same file again changes nothing.
        </p>
      </div>
      <ImportWizard
        projectId={project.id}
        inventoryHref={`${projectPath(ctx.organizationSlug, project.slug)}/inventory`}
        formats={IMPORT_FORMAT_NAMES.map((f) => ({
          value: f,
          label: IMPORT_FORMATS[f].label,
          needsKind: IMPORT_FORMATS[f].needsKind,
          streams: f === "access-log",
          source: IMPORT_FORMATS[f].produces === "ROUTE",
        }))}
      />
      <details className="card text-sm">
        <summary className="cursor-pointer font-medium">CSV and JSON columns</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            <strong>routes</strong>: method, path, handler, module, traffic_per_day, complexity, size, test_coverage, owner, status, status_reason, served_by,
            notes, links, modules
          </li>
          <li>
            <strong>modules</strong>: path, size, complexity, test_coverage, owner, status, status_reason, notes, links, dependencies
          </li>
          <li>
            <strong>dependencies</strong>: name, current_version, target_version, readiness, replacement, owner, notes, links
          </li>
        </ul>
        <p className="mt-2">
          Lists (modules, dependencies, links) are separated by “;”; links are http(s) or mailto: URLs, at most 20. owner is a team name (created if new) or a
          member&apos;s e-mail. test_coverage is none, some, good or a percentage. Status: not started, in progress, ported, verified, retired, won&apos;t port.
        </p>
      </details>
      <section className="card overflow-x-auto" aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-3 text-lg font-semibold">
          Recent imports
        </h2>
        {recent.length === 0 ? (
          <p className="text-sm text-slate-600">None yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-600">
                <th className="py-1 pr-4 font-medium">When</th>
                <th className="pr-4 font-medium">File</th>
                <th className="pr-4 font-medium">Format</th>
                <th className="pr-4 font-medium">Result</th>
                <th className="font-medium">State</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="py-1 pr-4 whitespace-nowrap">{formatDateTime(r.createdAt)}</td>
                  <td className="pr-4 font-mono text-xs break-all">
                    <Link href={`${projectPath(ctx.organizationSlug, project.slug)}/import/${r.id}`}>{r.fileName}</Link>
                  </td>
                  <td className="pr-4">{r.formatLabel}</td>
                  <td className="pr-4">
                    {r.summary.new} new, {r.summary.changed} changed, {r.summary.unchanged} unchanged
                  </td>
                  <td>{r.expired ? "expired" : r.status.toLowerCase()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
