"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { addAgendaEntry, createActionItem, removeAgendaEntry, reorderAgendaEntries, updateMeeting } from "@/lib/stewardship/meetings";
import { projectPath } from "@/lib/projects/paths";

const stewardshipPath = (org: string, projectSlug: string) => `${projectPath(org, projectSlug)}/stewardship`;
/** A single optional item from a select: "" is none. */
const oneItem = (value: string | undefined) => (value ? [value] : []);

export async function updateNotesAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await updateMeeting(db, ctx, input.projectId, input.meetingId, { notes: input.notes ?? "" });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Notes saved." };
  });
}

export async function updateAttendeesAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const attendeeIds = formData.getAll("attendeeIds").map(String);
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    await updateMeeting(db, ctx, input.projectId, input.meetingId, { attendeeIds });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Attendees saved (${attendeeIds.length}).` };
  });
  // Keep the ticked boxes after a refusal (form values are one string per name).
  return state?.error ? { ...state, values: { ...state.values, attendeeIds: attendeeIds.join(",") } } : state;
}

export async function addAgendaEntryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await addAgendaEntry(db, ctx, input.projectId, input.meetingId, { title: input.title, detail: input.detail, itemIds: oneItem(input.itemIds) });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Added to the end of the agenda." };
  });
}

export async function removeAgendaEntryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await removeAgendaEntry(db, ctx, input.projectId, input.meetingId, input.entryId);
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Removed from the agenda." };
  });
}

/** Moves an entry: the page sends the whole agenda in its new order, as reorderAgendaEntries wants. */
export async function reorderAgendaAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await reorderAgendaEntries(db, ctx, input.projectId, input.meetingId, { entryIds: (input.entryIds ?? "").split(",").filter(Boolean) });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Moved." };
  });
}

export async function createActionItemAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const item = await createActionItem(db, ctx, input.projectId, input.meetingId, {
      text: input.text,
      ownerId: input.ownerId ?? "",
      dueDate: input.dueDate,
      itemIds: oneItem(input.itemIds),
    });
    revalidatePath(stewardshipPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: item.owner ? `Action item added for ${item.owner.name}.` : "Action item added." };
  });
}
