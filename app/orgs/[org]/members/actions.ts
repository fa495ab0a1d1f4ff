"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { changeMemberRole, removeMember } from "@/lib/members/members";
import { createInvitation, revokeInvitation } from "@/lib/members/invitations";
import { appUrl } from "@/lib/app-url";
import { orgPath } from "@/lib/projects/paths";

export async function inviteAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { secret } = await createInvitation(db, ctx, input);
    revalidatePath(`${orgPath(ctx.organizationSlug)}/members`);
    return {
      ok: true,
      message: "Invitation link created. Send it to the person you invite; it works once, for 7 days.",
      secret: `${await appUrl()}/invite/${secret}`,
    };
  });
}

export async function changeRoleAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await changeMemberRole(db, ctx, input);
    revalidatePath(`${orgPath(ctx.organizationSlug)}/members`);
    return { ok: true, message: "Role changed." };
  });
}

export async function removeMemberAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let left = false;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const removed = await removeMember(db, ctx, input);
    left = removed.userId === ctx.userId;
    revalidatePath(`${orgPath(ctx.organizationSlug)}/members`);
    return { ok: true, message: "Member removed." };
  });
  if (left) redirect("/");
  return state;
}

export async function revokeInvitationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await revokeInvitation(db, ctx, input);
    revalidatePath(`${orgPath(ctx.organizationSlug)}/members`);
    return { ok: true, message: "Invitation revoked." };
  });
}
