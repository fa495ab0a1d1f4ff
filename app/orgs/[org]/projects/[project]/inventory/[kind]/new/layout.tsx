import { requireProjectPermission } from "@/lib/pages/org-page";

/** Adding an item is refused (403) to roles that may not edit the inventory. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  await requireProjectPermission(org, project, "inventory:edit");
  return children;
}
