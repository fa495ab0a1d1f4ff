import Link from "next/link";
import { TabBar } from "@/components/layout/tab-bar";
import { ToastProvider } from "@/components/layout/toast";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can, canAny, PROJECT_SETTINGS_ACTIONS } from "@/lib/auth/permissions";
import { orgPath, projectPath, reviewPath } from "@/lib/projects/paths";
import { pendingReviewCount } from "@/lib/agents/review";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const reviewCount = canAny(ctx.role, ["claims:claim", "agents:review"]) ? await pendingReviewCount(db, ctx, project.id) : null;
  const base = projectPath(ctx.organizationSlug, project.slug);
  const tabs = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/progress`, label: "Progress" },
    { href: `${base}/next`, label: "Next targets" },
    ...(can(ctx.role, "claims:claim") ? [{ href: `${base}/my-work`, label: "My work" }] : []),
    { href: `${base}/claims`, label: "Claims" },
    ...(reviewCount !== null ? [{ href: reviewPath(ctx.organizationSlug, project.slug), label: reviewCount > 0 ? `Review (${reviewCount})` : "Review" }] : []),
    { href: `${base}/stewardship`, label: "Stewardship" },
    { href: `${base}/inventory`, label: "Inventory" },
    { href: `${base}/code/review`, label: "Code review" },
    { href: `${base}/cutover`, label: "Cutover" },
    { href: `${base}/status`, label: "Status page" },
    ...(can(ctx.role, "inventory:import") ? [{ href: `${base}/import`, label: "Import" }] : []),
    ...(canAny(ctx.role, ["tokens:view", "claims:claim"]) ? [{ href: `${base}/tokens`, label: "API tokens" }] : []),
    // A tab only for roles that may use its page (the page answers 403 to the others).
    ...(canAny(ctx.role, PROJECT_SETTINGS_ACTIONS) ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return (
    <div>
      <p className="text-sm">
        <Link href={orgPath(ctx.organizationSlug)}>Projects</Link> <span aria-hidden="true">/</span>
      </p>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="min-w-0 text-2xl font-semibold break-words">{project.name}</h1>
        <span className="text-sm text-slate-600">
          {project.fromStack} → {project.toStack}
        </span>
        {project.archivedAt ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Archived</span> : null}
      </div>
      <TabBar label="Project" tabs={tabs} />
      <div className="mt-6">
        <ToastProvider>{children}</ToastProvider>
      </div>
    </div>
  );
}
