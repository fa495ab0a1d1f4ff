import { notFound } from "next/navigation";
import { requireProjectPage, requireProjectPermission } from "@/lib/pages/org-page";
import { kindFromSegment } from "@/lib/inventory/labels";

/** Adding an item: 404 for an unknown kind (whoever asks), then 403 to roles that may not edit the inventory. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string; kind: string }> }) {
  const { org, project, kind } = await params;
  await requireProjectPage(org, project);
  if (!kindFromSegment(kind)) notFound();
  await requireProjectPermission(org, project, "inventory:edit");
  return children;
}
