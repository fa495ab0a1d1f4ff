"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { saveGuide } from "@/lib/agents/guide";
import { projectPath } from "@/lib/projects/paths";

export async function saveGuideAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const saved = await saveGuide(db, ctx, input.projectId, { body: input.body ?? "" });
    revalidatePath(`${projectPath(ctx.organizationSlug, input.projectSlug)}/settings/guide`);
    return {
      ok: true,
      message: saved.created ? `Saved as version ${saved.version}.` : `No change: the guide is already this text (version ${saved.version}).`,
    };
  });
}
