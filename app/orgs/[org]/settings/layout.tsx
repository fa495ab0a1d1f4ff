import { requireOrgPermission } from "@/lib/pages/org-page";

/** Organisation settings are for admins; 403 for the others. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  await requireOrgPermission(org, "org:manage");
  return children;
}
