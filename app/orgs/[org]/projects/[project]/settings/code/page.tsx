import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { projectPath } from "@/lib/projects/paths";
import { getCodeSettings } from "@/lib/repositories/settings";
import { codeSettingsTeams } from "@/lib/repositories/settings-page";
import { CodeSettingsForm } from "@/components/code/code-settings-form";
import { saveCodeSettingsCall } from "./actions";

export const metadata = { title: "Code settings" };

export default async function CodeSettingsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const settings = await getCodeSettings(db, ctx, project.id);
  const teams = await codeSettingsTeams(db, ctx);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm text-slate-700">
        How the scans of the legacy and new repositories are read: which new route serves each legacy route, which team each CODEOWNERS owner stands for, and
        what is decided without a person. Proposals wait on the <Link href={`${base}/code/review`}>code review</Link>.{" "}
        <Link href={`${base}/settings`}>← Settings</Link>
      </p>
      {can(ctx.role, "code:review") ? (
        <div className="card">
          <CodeSettingsForm initial={settings} teams={teams} save={saveCodeSettingsCall.bind(null, ctx.organizationSlug, project.id, project.slug)} />
        </div>
      ) : (
        <div className="card space-y-2 text-sm">
          <p className="text-slate-600">Stewards, managers and admins change the code settings.</p>
          <p>
            Prefix map: {settings.prefixMap.length ? settings.prefixMap.map((p) => `${p.legacy} → ${p.new}`).join(", ") : "none"}. Manual links:{" "}
            {settings.manualLinks.length}. Owners: {settings.ownerTeams.map((o) => `${o.owner} → ${teamName.get(o.teamId) ?? "?"}`).join(", ") || "none"}.
          </p>
        </div>
      )}
    </div>
  );
}
