import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { getRepositorySettings } from "@/lib/repositories/settings-page";
import { foldersToText } from "@/lib/repositories/form";
import { projectPath, repositoriesPath, scanLogPath } from "@/lib/projects/paths";
import { appUrl } from "@/lib/app-url";
import { countOf } from "@/lib/format";
import { RepositoryForm } from "@/components/repositories/repository-form";
import { ScanTable } from "@/components/repositories/scan-table";
import { ActionButton } from "@/components/forms/action-button";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { RotatingLinkForm } from "@/components/forms/rotating-link-form";
import { linkRepositoryAction, rotateWebhookSecretAction, scanNowAction, unlinkRepositoryAction, updateRepositoryAction } from "./actions";

export const metadata = { title: "Repositories" };
export const dynamic = "force-dynamic";

const TITLES = { LEGACY: "Legacy repository", NEW: "New repository" } as const;
const STATUS = {
  new: { text: "Not scanned yet", className: "bg-slate-100 text-slate-800" },
  ok: { text: "Scanned", className: "bg-emerald-100 text-emerald-900" },
  error: { text: "Error", className: "bg-red-100 text-red-900" },
} as const;

export default async function RepositoriesSettingsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const slots = await getRepositorySettings(db, ctx, project.id);
  const origin = await appUrl();
  const manage = can(ctx.role, "repositories:manage");
  const scan = can(ctx.role, "repositories:scan");
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm text-slate-700">
        The legacy and the new code, read on every push: routes found, added and removed, and the patterns that must disappear. Link each with its location,
        branch and the folders to scan. <Link href={`${base}/settings`}>← Settings</Link>
      </p>
      {slots.map(({ role, repository: r, scans }) => (
        <section key={role} className="card space-y-4" aria-labelledby={`${role}-heading`}>
          <h2 id={`${role}-heading`} className="text-lg font-semibold">
            {TITLES[role]}
          </h2>
          {!r ? (
            manage ? (
              <RepositoryForm
                action={linkRepositoryAction}
                hidden={{ ...hidden, role }}
                submitLabel="Link repository"
                doneHref={repositoriesPath(ctx.organizationSlug, project.slug)}
              />
            ) : (
              <p className="text-sm text-slate-600">Not linked. Managers and admins link repositories.</p>
            )
          ) : (
            <>
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="text-slate-500">Location</dt>
                <dd className="break-all font-mono text-xs">{r.url}</dd>
                <dt className="text-slate-500">Branch</dt>
                <dd className="font-mono text-xs">{r.branch}</dd>
                <dt className="text-slate-500">Folders</dt>
                <dd className="whitespace-pre-line font-mono text-xs">{r.folders.length ? foldersToText(r.folders) : "the whole repository"}</dd>
                <dt className="text-slate-500">Credential</dt>
                <dd>{r.credential.set ? (r.credential.kind === "token" ? "HTTPS token (stored)" : "SSH deploy key (stored)") : "none"}</dd>
                <dt className="text-slate-500">Status</dt>
                <dd>
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS[r.status].className}`}>{STATUS[r.status].text}</span>
                  {r.statusMessage ? (
                    <span role={r.status === "error" ? "alert" : undefined} className="ml-2 text-sm">
                      {r.statusMessage}
                    </span>
                  ) : null}
                </dd>
                <dt className="text-slate-500">Last scan</dt>
                <dd>
                  {r.lastScannedAt ? (
                    <>
                      commit <span className="font-mono text-xs">{r.lastCommit?.slice(0, 12)}</span>, {countOf(r.routes, "route")} found
                    </>
                  ) : (
                    "never"
                  )}
                </dd>
                <dt className="text-slate-500">Push webhook URL</dt>
                <dd className="break-all font-mono text-xs" data-testid={`${role}-webhook-url`}>
                  {origin}
                  {r.webhook.path}
                </dd>
              </dl>
              {scan ? (
                <div className="flex flex-wrap gap-2">
                  <ActionButton action={scanNowAction} hidden={{ ...hidden, repositoryId: r.id }} label="Scan now" pendingText="Queueing…" />
                  <ActionButton
                    action={scanNowAction}
                    hidden={{ ...hidden, repositoryId: r.id, full: "true" }}
                    label="Full scan"
                    className="btn-secondary"
                    pendingText="Queueing…"
                  />
                </div>
              ) : null}
              <div>
                <h3 className="mb-2 font-semibold">Recent scans</h3>
                <ScanTable scans={scans} logHref={(scanId) => scanLogPath(ctx.organizationSlug, project.slug, r.id, scanId)} />
              </div>
              {manage ? (
                <>
                  <details>
                    <summary className="cursor-pointer font-semibold">Change this repository</summary>
                    <div className="mt-3">
                      <RepositoryForm
                        action={updateRepositoryAction}
                        hidden={{ ...hidden, repositoryId: r.id }}
                        values={{
                          url: r.url,
                          branch: r.branch,
                          folders: foldersToText(r.folders),
                          webhookProvider: r.webhook.provider,
                          credentialKind: "keep",
                        }}
                        credentialSet={r.credential.set}
                        submitLabel="Save"
                      />
                    </div>
                  </details>
                  <RotatingLinkForm
                    action={rotateWebhookSecretAction}
                    hidden={{ ...hidden, repositoryId: r.id }}
                    hasLink={r.webhook.secretSet}
                    id={`${role}-webhook`}
                    text={{
                      rotate: "Replace the webhook secret",
                      title: "Replace the push webhook's secret?",
                      body: "The old secret stops working at once: pushes are ignored until the repository's host has the new one.",
                      create: "Make a webhook secret",
                      revealLabel: "Push webhook secret",
                    }}
                  >
                    Copy it now: it is not shown again. Put it in the repository host&apos;s push webhook ({origin}
                    {r.webhook.path}).
                  </RotatingLinkForm>
                  <ConfirmForm
                    action={unlinkRepositoryAction}
                    hidden={{ ...hidden, repositoryId: r.id }}
                    label="Unlink repository"
                    title={`Unlink the ${role === "LEGACY" ? "legacy" : "new"} repository?`}
                    body="Its scans and the routes found in it are deleted, and its clone is removed from the server. Items and their history stay."
                    confirmLabel="Unlink"
                  />
                </>
              ) : null}
            </>
          )}
        </section>
      ))}
    </div>
  );
}
