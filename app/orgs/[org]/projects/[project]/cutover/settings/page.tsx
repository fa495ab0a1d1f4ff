import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { loadCutoverPage } from "@/lib/cutover/page-data";
import { projectPath } from "@/lib/projects/paths";
import { formatDateTime } from "@/lib/format";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { CutoverSettingsForm } from "@/components/cutover/cutover-settings-form";
import { FreezeWindowForm } from "@/components/cutover/freeze-window-form";
import { createFreezeWindowAction, cutoverSettingsAction, deleteFreezeWindowAction } from "../actions";

export const metadata = { title: "Cutover settings" };

export default async function CutoverSettingsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const d = await loadCutoverPage(db, ctx, project.id);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`${base}/cutover`}>← Cutover</Link>
      </p>
      <section className="card" aria-labelledby="upstreams-heading">
        <h2 id="upstreams-heading" className="mb-3 text-lg font-semibold">
          Upstreams
        </h2>
        <CutoverSettingsForm action={cutoverSettingsAction} hidden={hidden} settings={d.settings} />
      </section>
      <section className="card space-y-4" aria-labelledby="freeze-heading">
        <h2 id="freeze-heading" className="text-lg font-semibold">
          Freeze windows
        </h2>
        {d.windows.windows.length === 0 ? (
          <p className="text-sm text-slate-600">No freeze window: switches are allowed at any time.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="freeze-windows">
            {d.windows.windows.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <strong>{w.reason}</strong> —{" "}
                  {w.cron
                    ? `every "${w.cron}" in ${w.timeZone}, for ${w.durationMinutes} min`
                    : `${formatDateTime(w.startsAt!)} – ${formatDateTime(w.endsAt!)}`}
                  {w.scope === "organization" ? " (whole organisation)" : ""}
                </span>
                {w.scope === "project" || d.may.organization ? (
                  <ConfirmForm
                    action={deleteFreezeWindowAction}
                    hidden={{ ...hidden, windowId: w.id }}
                    label="Remove"
                    title={`Remove "${w.reason}"?`}
                    body="Switches will no longer be frozen during it."
                    confirmLabel="Remove"
                    variant="inline"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <FreezeWindowForm action={createFreezeWindowAction} hidden={hidden} timeZone={project.timeZone} mayOrganization={d.may.organization} />
      </section>
    </div>
  );
}
