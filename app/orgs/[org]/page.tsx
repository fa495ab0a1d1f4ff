import { EmptyState } from "@/components/onboarding/empty-state";
import Link from "next/link";
import { requireOrgPage } from "@/lib/pages/org-page";
import { listProjects } from "@/lib/projects/projects";
import { can } from "@/lib/auth/permissions";
import { ProjectCard } from "@/components/projects/project-card";
import { orgPath } from "@/lib/projects/paths";

export const metadata = { title: "Projects" };

export default async function ProjectsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ archived?: string }> }) {
  const { org } = await params;
  const showArchived = (await searchParams).archived === "1";
  const { db, ctx } = await requireOrgPage(org);
  const projects = await listProjects(db, ctx, { archived: showArchived ? "only" : "exclude" });
  const base = orgPath(ctx.organizationSlug);
  return (
    <section aria-labelledby="projects-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="projects-heading" className="text-2xl font-semibold">
          {showArchived ? "Archived projects" : "Migration projects"}
        </h1>
        <div className="flex gap-2">
          <Link href={showArchived ? base : `${base}?archived=1`} className="btn-secondary">
            {showArchived ? "Active projects" : "Archived"}
          </Link>
          {can(ctx.role, "project:create") ? (
            <Link href={`${base}/projects/new`} className="btn-primary">
              New project
            </Link>
          ) : null}
        </div>
      </div>
      {projects.length === 0 ? (
        <div className="mt-6">
          <EmptyState
            title={showArchived ? "No archived projects." : "No migration projects yet."}
            actions={!showArchived && can(ctx.role, "project:create") ? [{ href: `${base}/projects/new`, label: "Create a project", primary: true }] : []}
          >
            {!showArchived ? (
              <>
                A project is one migration, from one stack to another: for example PHP → Python, or Flask → Django.
                {can(ctx.role, "project:create") ? " Create the first one, then import its inventory." : " Ask a manager or admin to create one."}
              </>
            ) : null}
          </EmptyState>
        </div>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((project) => (
            <ProjectCard key={project.slug} orgSlug={ctx.organizationSlug} project={project} />
          ))}
        </ul>
      )}
    </section>
  );
}
