import { requireOrgPermission } from "@/lib/pages/org-page";

/** Creating a project is refused (403) to roles that may not. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrgPermission(org, "project:create");
  return children;
}
