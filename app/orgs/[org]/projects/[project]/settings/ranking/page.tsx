import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { storedWeights } from "@/lib/ranking/project-ranking";
import { DEFAULT_WEIGHTS, mergeWeights } from "@/lib/ranking/weights";
import { WeightsEditor } from "@/components/ranking/weights-editor";
import { previewRankingCall, saveRankingWeightsCall } from "../actions";
import { getProjectSettings } from "@/lib/projects/project-settings";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Ranking weights" };

export default async function RankingSettingsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  if (!can(ctx.role, "ranking:tune"))
    return (
      <p className="card">
        Stewards, managers and admins tune the ranking. <Link href={`${base}/next`}>See the next targets</Link>.
      </p>
    );
  const row = await getProjectSettings(db, ctx, project.id);
  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm text-slate-700">
        The <Link href={`${base}/next`}>next targets</Link> put a pilot first while no route is ported, then weigh each item&apos;s traffic share against its
        risk (complexity, weak tests, unported needs, size), then the long tail, with blocked items held back. Change a weight and the preview shows how the top
        of the list moves; nothing changes until you save.
      </p>
      <WeightsEditor
        initial={mergeWeights(storedWeights(row.rankingWeights))}
        defaults={{ ...DEFAULT_WEIGHTS }}
        preview={previewRankingCall.bind(null, ctx.organizationSlug, project.id)}
        save={saveRankingWeightsCall.bind(null, ctx.organizationSlug, project.id, project.slug)}
      />
    </div>
  );
}
