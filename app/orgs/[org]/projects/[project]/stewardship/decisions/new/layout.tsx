import { requireProjectPermission } from "@/lib/pages/org-page";

/** Recording a decision is refused (403) to roles that may not run the stewardship. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  await requireProjectPermission(org, project, "stewardship:run");
  return children;
}
