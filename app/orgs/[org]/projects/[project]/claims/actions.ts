"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { projectPath } from "@/lib/projects/paths";
import { claimItem, handOverClaim, releaseClaim } from "@/lib/claims/claims";
import { declineHandover, requestHandover } from "@/lib/claims/handover-request";

export async function claimAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const claim = await claimItem(db, ctx, input.projectId, input.itemId, input.holderId ? { holderId: input.holderId } : {});
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: claim.holderId === ctx.userId ? "Claimed: it is in your work." : `Claimed for ${claim.holder.name}.` };
  });
}

export async function releaseClaimAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await releaseClaim(db, ctx, input.projectId, input.itemId);
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Released." };
  });
}

export async function handOverClaimAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const claim = await handOverClaim(db, ctx, input.projectId, input.itemId, { holderId: input.holderId });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Handed over to ${claim.holder.name}.` };
  });
}

export async function requestHandoverAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { holder } = await requestHandover(db, ctx, input.projectId, input.itemId, input.note ? { note: input.note } : {});
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Asked ${holder.name} to hand it over to you. They see it in their inbox.` };
  });
}

export async function declineHandoverAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await declineHandover(db, ctx, input.projectId, input.itemId);
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Declined: the request is cleared and they are told." };
  });
}
