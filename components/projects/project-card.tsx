import Link from "next/link";
import { projectPath } from "@/lib/projects/paths";
import { dateColumnDay } from "@/lib/time/days";

type Project = { slug: string; name: string; fromStack: string; toStack: string; targetDate: Date | null; archivedAt: Date | null };

export function ProjectCard({ orgSlug, project }: { orgSlug: string; project: Project }) {
  return (
    <li className="card flex flex-col gap-1">
      <Link href={projectPath(orgSlug, project.slug)} className="text-base font-semibold">
        {project.name}
      </Link>
      <p className="text-sm text-slate-600">
        {project.fromStack} → {project.toStack}
      </p>
      <p className="text-xs text-slate-500">
        {project.archivedAt ? "Archived" : project.targetDate ? `Target: ${dateColumnDay(project.targetDate)}` : "No target date"}
      </p>
    </li>
  );
}
