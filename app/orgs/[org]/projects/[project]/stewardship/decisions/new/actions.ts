"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { createDecision } from "@/lib/stewardship/decisions";
import { projectPath } from "@/lib/projects/paths";

/** Records a decision (superseding an accepted one when `supersedesId` is given) and opens it. */
export async function createDecisionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const peopleIds = formData.getAll("peopleIds").map(String);
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const decision = await createDecision(db, ctx, input.projectId, {
      title: input.title,
      context: input.context,
      decision: input.decision,
      consequences: input.consequences,
      status: input.status,
      decidedOn: input.decidedOn,
      meetingId: input.meetingId,
      supersedesId: input.supersedesId,
      peopleIds,
      itemIds: input.itemIds ? [input.itemIds] : [],
    });
    const project = projectPath(ctx.organizationSlug, input.projectSlug);
    revalidatePath(project, "layout");
    target = `${project}/stewardship/decisions/${decision.id}?created=1`;
  });
  if (target) redirect(target);
  return state?.error ? { ...state, values: { ...state.values, peopleIds: peopleIds.join(",") } } : state;
}
