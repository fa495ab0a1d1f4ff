"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runOrgAction } from "@/lib/actions/org-action";
import { parseInput } from "@/lib/errors";
import { formFlagSchema } from "@/lib/validation/common";
import type { ActionState } from "@/lib/actions/action-state";
import { createProject, setProjectArchived, updateProject } from "@/lib/projects/projects";
import { orgPath, projectPath } from "@/lib/projects/paths";

export async function createProjectAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const project = await createProject(db, ctx, input);
    target = projectPath(ctx.organizationSlug, project.slug);
  });
  if (target) redirect(target);
  return state;
}

export async function updateProjectAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const project = await updateProject(db, ctx, input);
    target = `${projectPath(ctx.organizationSlug, project.slug)}/settings?saved=1`;
  });
  if (target) redirect(target);
  return state;
}

export async function archiveProjectAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { archived } = parseInput(z.object({ archived: formFlagSchema }), { archived: input.archived });
    await setProjectArchived(db, ctx, { projectId: input.projectId, archived });
    revalidatePath(orgPath(ctx.organizationSlug), "layout");
    return { ok: true, message: archived ? "Project archived." : "Project restored." };
  });
}
