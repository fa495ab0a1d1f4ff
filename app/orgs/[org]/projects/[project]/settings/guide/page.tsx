import Link from "next/link";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { projectPath } from "@/lib/projects/paths";
import { getGuide, listGuideVersions, GUIDE_MAX_CHARS } from "@/lib/agents/guide";
import { formatDateTime } from "@/lib/format";
import { EmptyState } from "@/components/onboarding/empty-state";
import { GuideForm } from "@/components/agents/guide-form";
import { saveGuideAction } from "./actions";

export const metadata = { title: "Porting guide" };

export default async function GuideSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { org, project: slug } = await params;
  const { version } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = `${projectPath(ctx.organizationSlug, project.slug)}/settings/guide`;
  const [latest, versions] = await Promise.all([getGuide(db, ctx, project.id), listGuideVersions(db, ctx, project.id)]);
  const old =
    version && /^\d{1,7}$/.test(version) && Number(version) !== latest?.version
      ? await getGuide(db, ctx, project.id, { version }).catch((error) => {
          if (error instanceof AppError && error.code === "not_found") notFound();
          throw error;
        })
      : null;
  const edit = can(ctx.role, "guide:edit");
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-700">
        The porting guide: the conventions, patterns and things not to do when porting to the new stack. Every item&apos;s porting brief carries it, for people
        and coding agents alike. Each save is a new version; older ones stay readable.{" "}
        <Link href={`${projectPath(ctx.organizationSlug, project.slug)}/settings`}>← Settings</Link>
      </p>
      {old ? (
        <section className="card space-y-2" aria-labelledby="old-heading" data-testid="guide-old-version">
          <h2 id="old-heading" className="text-lg font-semibold">
            Version {old.version}
          </h2>
          <p className="text-sm text-slate-600">
            By {old.author?.name ?? "a removed member"}, {formatDateTime(old.createdAt)}. <Link href={base}>Back to the latest</Link>
          </p>
          <pre className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-sm whitespace-pre-wrap dark:border-slate-700 dark:bg-slate-900">
            {old.body}
          </pre>
        </section>
      ) : null}
      {edit ? (
        <section className="card space-y-3" aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="text-lg font-semibold">
            {latest ? `Edit (latest: version ${latest.version})` : "Write the guide"}
          </h2>
          <GuideForm action={saveGuideAction} hidden={hidden} body={latest?.body ?? ""} maxChars={GUIDE_MAX_CHARS} />
        </section>
      ) : latest ? (
        <section className="card space-y-2" aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="text-lg font-semibold">
            Version {latest.version}
          </h2>
          <pre className="max-h-[32rem] overflow-auto text-sm whitespace-pre-wrap">{latest.body}</pre>
        </section>
      ) : null}
      <section className="card space-y-2" aria-labelledby="versions-heading" data-testid="guide-versions">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Versions
        </h2>
        {versions.length === 0 ? (
          <EmptyState title="No guide yet" testId="guide-empty">
            {edit ? "Write the first version above: every brief will carry it." : "Stewards, managers and admins write the guide."}
          </EmptyState>
        ) : (
          <table className="text-sm">
            <thead>
              <tr>
                <th className="pr-4 text-left">Version</th>
                <th className="pr-4 text-left">Author</th>
                <th className="pr-4 text-left">Saved</th>
                <th className="text-right">Characters</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td className="pr-4">
                    {v.version === latest?.version ? (
                      `${v.version} (latest)`
                    ) : (
                      <Link href={`${base}?version=${v.version}`} prefetch={false}>
                        {v.version}
                      </Link>
                    )}
                  </td>
                  <td className="pr-4">{v.author?.name ?? "a removed member"}</td>
                  <td className="pr-4">{formatDateTime(v.createdAt)}</td>
                  <td className="text-right tabular-nums">{v.chars.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
