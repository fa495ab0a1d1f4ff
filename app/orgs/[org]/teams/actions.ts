"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { addTeamMember, createTeam, deleteTeam, removeTeamMember } from "@/lib/teams/teams";
import { orgPath } from "@/lib/projects/paths";

const done = (slug: string, message: string): ActionState => {
  revalidatePath(`${orgPath(slug)}/teams`);
  return { ok: true, message };
};

export async function createTeamAction(_: ActionState, formData: FormData) {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await createTeam(db, ctx, input);
    return done(ctx.organizationSlug, `Team “${input.name}” created.`);
  });
}
export async function deleteTeamAction(_: ActionState, formData: FormData) {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { unowned } = await deleteTeam(db, ctx, input);
    return done(ctx.organizationSlug, `Team deleted; ${unowned} item(s) it owned are now unowned.`);
  });
}
export async function addTeamMemberAction(_: ActionState, formData: FormData) {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await addTeamMember(db, ctx, input);
    return done(ctx.organizationSlug, "Added to the team.");
  });
}
export async function removeTeamMemberAction(_: ActionState, formData: FormData) {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await removeTeamMember(db, ctx, input);
    return done(ctx.organizationSlug, "Removed from the team.");
  });
}
