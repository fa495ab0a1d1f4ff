"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runOrgAction } from "@/lib/actions/org-action";
import { parseInput } from "@/lib/errors";
import { formFlagSchema } from "@/lib/validation/common";
import type { ActionState } from "@/lib/actions/action-state";
import { createMeeting, setActionItemDone } from "@/lib/stewardship/meetings";
import { projectPath } from "@/lib/projects/paths";

/** Plans a meeting (its agenda is proposed from the project's state) and opens it. */
export async function createMeetingAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const meeting = await createMeeting(db, ctx, input.projectId, { date: input.date, time: input.time });
    revalidatePath(`${projectPath(ctx.organizationSlug, input.projectSlug)}/stewardship`, "layout");
    target = `${projectPath(ctx.organizationSlug, input.projectSlug)}/stewardship/meetings/${meeting.id}?created=1`;
  });
  if (target) redirect(target);
  return state;
}

/** Marks an action item done, or open again: its owner or a steward. */
export async function setActionItemDoneAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { done } = parseInput(z.object({ done: formFlagSchema }), { done: input.done });
    const item = await setActionItemDone(db, ctx, input.projectId, input.actionItemId, { done });
    revalidatePath(`${projectPath(ctx.organizationSlug, input.projectSlug)}/stewardship`, "layout");
    return { ok: true, message: item.doneAt ? "Done." : "Open again." };
  });
}
