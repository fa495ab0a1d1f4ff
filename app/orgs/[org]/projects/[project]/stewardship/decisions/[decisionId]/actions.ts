"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { updateDecision } from "@/lib/stewardship/decisions";
import { projectPath } from "@/lib/projects/paths";

/** Edits a proposed decision's text; each changed field becomes a revision. */
export async function updateDecisionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await updateDecision(db, ctx, input.projectId, input.decisionId, {
      title: input.title,
      context: input.context ?? "",
      decision: input.decision,
      consequences: input.consequences ?? "",
    });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Saved." };
  });
}

/** Accepts or rejects a proposed decision. */
export async function setDecisionStatusAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const decision = await updateDecision(db, ctx, input.projectId, input.decisionId, { status: input.status });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `D-${decision.number} is ${decision.status.toLowerCase()}.` };
  });
}
