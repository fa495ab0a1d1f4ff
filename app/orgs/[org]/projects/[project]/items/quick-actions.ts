"use server";

import { revalidatePath } from "next/cache";
import { runOrgCall, type CallResult } from "@/lib/actions/org-action";
import { setItemStatus } from "@/lib/inventory/items";
import { claimItem, releaseClaim } from "@/lib/claims/claims";
import { projectPath } from "@/lib/projects/paths";
import type { PortStatus } from "@/lib/generated/prisma/enums";

export type QuickTarget = { org: string; projectId: string; projectSlug: string; itemId: string };

/**
 * A status from a button: answers the status it replaced and whether it completed the caller's own
 * claim, for the undo (which puts the status back and claims the item again). A gate's refusal
 * comes back with what is missing (`gate`); a manager may call again with `overrideGate`.
 */
export async function setStatusCall(
  target: QuickTarget,
  status: PortStatus,
  overrideGate?: { reason: string },
): Promise<CallResult<{ previous: PortStatus; reclaim: boolean }>> {
  return runOrgCall(target.org, async ({ db, ctx }) => {
    const { previous, completedClaimOf } = await setItemStatus(db, ctx, target.projectId, target.itemId, { status, ...(overrideGate && { overrideGate }) });
    revalidatePath(projectPath(ctx.organizationSlug, target.projectSlug), "layout");
    return { previous, reclaim: completedClaimOf !== null && completedClaimOf === ctx.userId };
  });
}

export async function releaseCall(target: QuickTarget): Promise<CallResult<{ released: true }>> {
  return runOrgCall(target.org, async ({ db, ctx }) => {
    await releaseClaim(db, ctx, target.projectId, target.itemId);
    revalidatePath(projectPath(ctx.organizationSlug, target.projectSlug), "layout");
    return { released: true as const };
  });
}

/** Claims for oneself (the undo of a release). */
export async function claimCall(target: QuickTarget): Promise<CallResult<{ claimed: true }>> {
  return runOrgCall(target.org, async ({ db, ctx }) => {
    await claimItem(db, ctx, target.projectId, target.itemId);
    revalidatePath(projectPath(ctx.organizationSlug, target.projectSlug), "layout");
    return { claimed: true as const };
  });
}
