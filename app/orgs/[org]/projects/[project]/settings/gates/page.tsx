import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { getGateConfig } from "@/lib/evidence/enforce";
import { describeRequirement } from "@/lib/evidence/gates";
import { GATE_NAMES, gateConfigToForm } from "@/lib/projects/gate-form";
import { GATE_TITLES } from "@/lib/inventory/evidence-format";
import { GatesEditor } from "@/components/evidence/gates-editor";
import { projectPath } from "@/lib/projects/paths";
import { saveGatesCall } from "../actions";

export const metadata = { title: "Evidence gates" };

export default async function GatesSettingsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const config = await getGateConfig(db, ctx, project.id);
  const intro = (
    <p className="max-w-3xl text-sm text-slate-700">
      A gate lists the evidence an item needs — tests, smoke checks, a replay against legacy, or any check CI posts — before it may be marked Verified or
      switched to new. Only the latest result of each check counts, and an expired one counts for nothing. A manager or an admin may override a gate with a
      reason, which is recorded. <Link href={`${base}/settings`}>← Settings</Link>
    </p>
  );
  if (!can(ctx.role, "evidence:gates"))
    return (
      <div className="space-y-4">
        {intro}
        <p className="text-sm text-slate-600">Stewards, managers and admins edit the gates.</p>
        {GATE_NAMES.map((gate) => (
          <section key={gate} className="card" aria-labelledby={`${gate}-heading`}>
            <h2 id={`${gate}-heading`} className="mb-2 text-lg font-semibold">
              {GATE_TITLES[gate]}
            </h2>
            {config[gate].length === 0 ? (
              <p className="text-sm text-slate-600">No requirement: nothing is asked.</p>
            ) : (
              <ul className="list-disc pl-5 text-sm">
                {config[gate].map((r, i) => (
                  <li key={i}>{describeRequirement(r, config)}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
        {config.profiles?.length ? <p className="text-sm">Profiles: {config.profiles.join(", ")}.</p> : null}
      </div>
    );
  return (
    <div className="space-y-4">
      {intro}
      <div className="card">
        <GatesEditor initial={gateConfigToForm(config)} save={saveGatesCall.bind(null, ctx.organizationSlug, project.id, project.slug)} />
      </div>
    </div>
  );
}
