"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { createProject, setProjectArchived, updateProject } from "@/lib/projects/projects";

export async function createProjectAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const project = await createProject(db, ctx, input);
    target = `/orgs/${ctx.organizationSlug}/projects/${project.slug}`;
  });
  if (target) redirect(target);
  return state;
}

export async function updateProjectAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const project = await updateProject(db, ctx, input);
    target = `/orgs/${ctx.organizationSlug}/projects/${project.slug}/settings?saved=1`;
  });
  if (target) redirect(target);
  return state;
}

export async function archiveProjectAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await setProjectArchived(db, ctx, { projectId: input.projectId, archived: input.archived === "true" });
    revalidatePath(`/orgs/${ctx.organizationSlug}`, "layout");
    return { ok: true, message: input.archived === "true" ? "Project archived." : "Project restored." };
  });
}
