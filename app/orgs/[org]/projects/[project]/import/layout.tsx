import { requireProjectPermission } from "@/lib/pages/org-page";

/** Importing is refused (403) to roles that may not import. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  await requireProjectPermission(org, project, "inventory:import");
  return children;
}
