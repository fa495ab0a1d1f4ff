import { requireProjectPermission } from "@/lib/pages/org-page";

/** API tokens are refused (403) to roles that may not see them; members who claim see their coding agents' tokens. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  await requireProjectPermission(org, project, "tokens:view", "claims:claim");
  return children;
}
