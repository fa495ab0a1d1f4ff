import { AppHeader } from "@/components/layout/app-header";
import { requireOrgPage } from "@/lib/pages/org-page";
import { loadHeader } from "@/lib/pages/header";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { orgPath } from "@/lib/projects/paths";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { db, user, ctx } = await requireOrgPage(org);
  const header = await loadHeader(db, user.id);
  const base = orgPath(ctx.organizationSlug);
  return (
    <>
      <AppHeader
        user={user}
        current={ctx.organizationSlug}
        organizations={header.organizations}
        unread={header.unread}
        nav={[
          { href: base, label: "Projects", alsoActiveUnder: `${base}/projects` },
          { href: `${base}/teams`, label: "Teams" },
          { href: `${base}/members`, label: "Members" },
          { href: `${base}/notifications`, label: "Notifications" },
          ...(can(ctx.role, "org:manage") ? [{ href: `${base}/settings`, label: "Settings" }] : []),
        ]}
      />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <p className="sr-only">Your role here: {ROLE_LABELS[ctx.role]}</p>
        {children}
      </main>
    </>
  );
}
