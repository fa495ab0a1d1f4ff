import { redirect } from "next/navigation";

export default async function InventoryIndex({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  redirect(`/orgs/${org}/projects/${project}/inventory/routes`);
}
