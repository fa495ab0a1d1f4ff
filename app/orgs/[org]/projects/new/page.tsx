import { requireOrgPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { ProjectForm } from "@/components/projects/project-form";
import { createProjectAction } from "../actions";

export const metadata = { title: "New project" };

export default async function NewProjectPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await requireOrgPage(org);
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold">New migration project</h1>
      <p className="mt-1 text-sm text-slate-600">One project per migration: what moves, from which stack to which.</p>
      <div className="card mt-6">
        {can(ctx.role, "project:create") ? (
          <ProjectForm action={createProjectAction} org={ctx.organizationSlug} submitLabel="Create project" />
        ) : (
          <p role="alert">Only managers and admins can create projects.</p>
        )}
      </div>
    </section>
  );
}
