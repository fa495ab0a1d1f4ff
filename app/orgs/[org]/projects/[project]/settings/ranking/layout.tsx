import { requireProjectPermission } from "@/lib/pages/org-page";

/** Ranking weights are refused (403) to roles that may not tune them. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  await requireProjectPermission(org, project, "ranking:tune");
  return children;
}
