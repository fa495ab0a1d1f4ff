"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { projectPath } from "@/lib/projects/paths";
import { confirmSubmission, sendBackSubmission } from "@/lib/agents/review";

export async function confirmSubmissionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await confirmSubmission(db, ctx, input.projectId, input.submissionId);
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Confirmed: ${input.itemKey ?? "the item"} is Ported, with you recorded beside the agent.` };
  });
}

export async function sendBackSubmissionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await sendBackSubmission(db, ctx, input.projectId, input.submissionId, { note: input.note ?? "" });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Sent back: ${input.itemKey ?? "the item"} is In progress again, and its next brief carries your note.` };
  });
}
