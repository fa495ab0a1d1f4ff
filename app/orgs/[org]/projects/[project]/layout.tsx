import Link from "next/link";
import { NavLink } from "@/components/layout/nav-link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { ctx, project } = await requireProjectPage(org, slug);
  const base = `/orgs/${ctx.organizationSlug}/projects/${project.slug}`;
  const tabs = [
    { href: base, label: "Overview" },
    { href: `${base}/progress`, label: "Progress" },
    { href: `${base}/next`, label: "Next targets" },
    ...(can(ctx.role, "claims:claim") ? [{ href: `${base}/my-work`, label: "My work" }] : []),
    { href: `${base}/claims`, label: "Claims" },
    { href: `${base}/stewardship`, label: "Stewardship" },
    { href: `${base}/inventory`, label: "Inventory" },
    { href: `${base}/cutover`, label: "Cutover" },
    ...(can(ctx.role, "inventory:import") ? [{ href: `${base}/import`, label: "Import" }] : []),
    ...(can(ctx.role, "tokens:view") ? [{ href: `${base}/tokens`, label: "API tokens" }] : []),
    { href: `${base}/settings`, label: "Settings" },
  ];
  return (
    <div>
      <p className="text-sm">
        <Link href={`/orgs/${ctx.organizationSlug}`}>Projects</Link> <span aria-hidden="true">/</span>
      </p>
      <div className="mt-1 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{project.name}</h1>
        <span className="text-sm text-slate-600">
          {project.fromStack} → {project.toStack}
        </span>
        {project.archivedAt ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Archived</span> : null}
      </div>
      <nav aria-label="Project" className="mt-4 flex gap-5 overflow-x-auto whitespace-nowrap border-b border-slate-200 text-sm">
        {tabs.map((tab) => (
          <NavLink
            key={tab.href}
            href={tab.href}
            exact={tab.href === base}
            className="-mb-px border-b-2 border-transparent pb-2 text-slate-700 hover:border-slate-300 hover:no-underline"
            activeClassName="!border-brand-600 font-medium !text-brand-700"
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <div className="mt-6">{children}</div>
    </div>
  );
}
