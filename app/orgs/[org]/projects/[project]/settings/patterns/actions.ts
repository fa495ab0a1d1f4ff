"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { archivePattern, createPattern, updatePattern } from "@/lib/repositories/pattern-manage";
import { patternFromForm } from "@/lib/repositories/pattern-form";
import { projectPath } from "@/lib/projects/paths";

const pages = (org: string, projectSlug: string) => [`${projectPath(org, projectSlug)}/settings/patterns`, `${projectPath(org, projectSlug)}/progress`];

export async function createPatternAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...fields } = input;
    const created = await createPattern(db, ctx, projectId, patternFromForm(fields));
    for (const p of pages(ctx.organizationSlug, projectSlug)) revalidatePath(p);
    return { ok: true, message: `Pattern "${created.name}" added as ${created.slug}: the next scan counts it.` };
  });
}

export async function updatePatternAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, patternId, ...fields } = input;
    const updated = await updatePattern(db, ctx, projectId, patternId, patternFromForm(fields, { update: true }));
    for (const p of pages(ctx.organizationSlug, projectSlug)) revalidatePath(p);
    return { ok: true, message: `Pattern "${updated.name}" saved.` };
  });
}

export async function archivePatternAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const archived = await archivePattern(db, ctx, input.projectId, input.patternId);
    for (const p of pages(ctx.organizationSlug, input.projectSlug)) revalidatePath(p);
    return { ok: true, message: `Pattern "${archived.name}" archived.` };
  });
}
