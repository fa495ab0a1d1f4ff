import { requireProjectPermission } from "@/lib/pages/org-page";
import { PROJECT_SETTINGS_ACTIONS } from "@/lib/auth/permissions";

/** Project settings: for those who may change something there (details, ranking weights, meetings and calendar); 403 for the others. */
export default async function Layout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  await requireProjectPermission(org, project, ...PROJECT_SETTINGS_ACTIONS);
  return children;
}
