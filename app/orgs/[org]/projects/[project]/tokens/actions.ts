"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { orgPath } from "@/lib/projects/paths";

export async function createTokenAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { secret, token } = await createApiToken(db, ctx, input);
    revalidatePath(orgPath(ctx.organizationSlug), "layout");
    return { ok: true, message: `Token "${token.name}" created. Copy it now: it will not be shown again.`, secret };
  });
}

export async function revokeTokenAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await revokeApiToken(db, ctx, input);
    revalidatePath(orgPath(ctx.organizationSlug), "layout");
    return { ok: true, message: "Token revoked." };
  });
}
