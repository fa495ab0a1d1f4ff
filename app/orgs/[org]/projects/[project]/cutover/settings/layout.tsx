import { requireProjectPermission } from "@/lib/pages/org-page";

/** Cutover settings (upstreams, freeze windows): managers and admins; 403 for the others. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  await requireProjectPermission(org, project, "cutover:configure");
  return children;
}
