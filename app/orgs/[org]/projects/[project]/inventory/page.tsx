import { redirect } from "next/navigation";
import { projectPath } from "@/lib/projects/paths";

export default async function InventoryIndex({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  redirect(`${projectPath(org, project)}/inventory/routes`);
}
